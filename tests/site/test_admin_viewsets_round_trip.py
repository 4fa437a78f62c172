"""Opening any object of the demo in its admin edit form and saving it unchanged
changes nothing: every number shows and keeps its exact value (7777777 stays
7777777, not 7.77778e+06), and so does every text, choice and list.

The edit views come from Wagtail's viewset registry, like the loop over every
admin view beside this file, and the form is read from the rendered page as a
browser submits it (checked boxes, selected options, CR LF in textareas).
"""

import json
from html.parser import HTMLParser

import pytest
from django.db import models
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from courses.models import RiskFactor
from people import demo as people_demo
from quizzes import demo as quizzes_demo
from quizzes.models import Category, Drill, FactTemplate, Question, Topic
from quizzes.services import question_create
from tests.factories import UserFactory
from tests.site.test_admin_viewsets import our_viewsets, viewset_model

pytestmark = pytest.mark.django_db


class EditForm(HTMLParser):
    """The fields of the page's POST form whose action is `action`, as a
    browser would send them: checked boxes only, selected options (the first
    option of a single select when none is), no disabled fields, and each
    textarea's lines ended by CR LF as the HTML standard asks."""

    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.found = False
        self.data: dict[str, list[str]] = {}
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "").lower() == "post" and attrs.get("action") in (
                self.action,
                "",
                None,
            ):
                self.inside = self.found = True
            return
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(
                attrs.get("value", "on" if kind in ("checkbox", "radio") else "")
            )
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = {
                "name": name,
                "multiple": "multiple" in attrs,
                "first": None,
                "chosen": [],
            }
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.select["chosen"].append(value)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            if text.startswith("\n"):  # the parser drops one newline after <textarea>
                text = text[1:]
            text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
            self.data.setdefault(name, []).append(text)
            self.textarea = None
        elif tag == "select" and self.select is not None:
            select = self.select
            chosen = select["chosen"]
            if not chosen and not select["multiple"] and select["first"] is not None:
                chosen = [select["first"]]
            if chosen:
                self.data.setdefault(select["name"], []).extend(chosen)
            self.select = None


def form_data(html: str, action: str) -> dict[str, list[str]]:
    parser = EditForm(action)
    parser.feed(html)
    parser.close()
    assert parser.found, f"no POST form for {action} on the page"
    return parser.data


def snapshot(instance) -> dict:
    """Everything an edit form can change, as plain data."""
    data = {}
    for name, value in model_to_dict(instance).items():
        if isinstance(value, list):
            value = sorted(getattr(item, "pk", item) for item in value)
        elif isinstance(value, models.Model):
            value = value.pk
        data[name] = value
    if isinstance(instance, Question):
        version = instance.current_version
        data["version"] = (version.pk, version.number, version.stem, version.general_feedback)
        # The JSON as stored, so that 7777777 turning into 7777780 (or a type
        # turning into another) is seen even where == would forgive it.
        data["payload"] = version.payload
        data["payload_json"] = json.dumps(version.payload, sort_keys=True, ensure_ascii=False)
        data["versions"] = instance.versions.count()
    if isinstance(instance, Drill):
        data["fixed"] = list(
            instance.drill_questions.order_by("position").values_list("question_id", flat=True)
        )
    return data


def numbers_equal(before, after):
    """Payload numbers may come back as floats (20 as 20.0), never as other values."""
    return json.loads(before, parse_int=float) == json.loads(after, parse_int=float)


@pytest.fixture
def demo(db):
    people_demo.build(log=lambda *args: None)
    quizzes_demo.build(log=lambda *args: None)
    RiskFactor.objects.create(name="行業風險", description="行業下行，訂單減少。")
    # Besides the demo: the numbers that a six-digit display used to change.
    topic = Topic.objects.get(code="demo-territory")
    category = Category.objects.get(name="轄區")
    Drill.objects.filter(title="每日複習").update(desired_retention=0.87, time_limit=7777777)
    FactTemplate.objects.filter(attribute="上月日均存款").update(tolerance=7777777.25)

    def numeric(value, tolerance, kind="absolute", fraction=1.0):
        return {
            "value": value,
            "tolerance": tolerance,
            "tolerance_kind": kind,
            "fraction": fraction,
            "feedback": "",
        }

    for name, qtype, payload in [
        (
            "日均存款",
            "numeric",
            {
                "answers": [
                    numeric(7777777.0, 0.5),
                    numeric(12500000.25, 2.5, "percent", 0.3333333),
                    numeric(0.0000001, 0.00000001, fraction=0.07),
                ],
                "unit": "元",
            },
        ),
        (
            "三選",
            "multiple",
            {
                "choices": [
                    {"text": "甲", "fraction": 1 / 3, "feedback": ""},
                    {"text": "乙", "fraction": 1 / 3, "feedback": ""},
                    {"text": "丙", "fraction": 1 / 3, "feedback": ""},
                    {"text": "丁", "fraction": -0.125, "feedback": ""},
                ]
            },
        ),
        (
            "權重",
            "multiple",
            {
                "choices": [
                    {"text": "甲", "fraction": 0.3333333, "feedback": ""},
                    {"text": "乙", "fraction": 0.3333333, "feedback": ""},
                    {"text": "丙", "fraction": 0.3333334, "feedback": ""},
                ]
            },
        ),
        (
            "簡答",
            "short",
            {
                "answers": [
                    {"text": "LPR", "fraction": 0.9995, "feedback": ""},
                    {"text": "利率", "fraction": 0.125, "feedback": ""},
                ]
            },
        ),
    ]:
        question_create(
            category=category,
            topic=topic,
            qtype=qtype,
            name=name,
            stem=f"{name}\n\n第二段。",
            payload=payload,
            general_feedback="第一行\n第二行",
        )


def test_saving_every_demo_object_unchanged_changes_nothing(demo):
    client = Client()
    # A superuser, so that every edit form opens whatever the roles allow.
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    changed, saved = [], 0
    for viewset in our_viewsets():
        names = {pattern.name for pattern in viewset.get_urlpatterns()}
        if "edit" not in names:
            continue
        model = viewset_model(viewset)
        for instance in model._default_manager.all():
            url = reverse(f"{viewset.url_namespace}:edit", args=[instance.pk])
            page = client.get(url)
            assert page.status_code == 200, url
            before = snapshot(model._default_manager.get(pk=instance.pk))
            response = client.post(url, form_data(page.content.decode(), url))
            if response.status_code != 302:
                form = response.context and response.context.get("form")
                changed.append(f"{url}: {response.status_code} {form.errors if form else ''}")
                continue
            saved += 1
            after = snapshot(model._default_manager.get(pk=instance.pk))
            if "payload_json" in before:
                stored = before.pop("payload_json"), after.pop("payload_json")
                if not numbers_equal(*stored):
                    changed.append(f"{url}: stored answers {stored[0]} became {stored[1]}")
            if before != after:
                diff = {k: (before[k], after.get(k)) for k in before if before[k] != after.get(k)}
                changed.append(f"{url}: {diff}")
    assert saved > 80  # people, units, questions (territory ones too), drills, topics, ...
    assert Question.objects.exclude(owner_person=None, owner_unit=None).exists()
    assert not changed, "\n".join(changed)
