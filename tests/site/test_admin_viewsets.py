"""Every admin view of our own models answers 200 or a refusal, for every role.

The views are not listed by hand: they come from Wagtail's viewset registry
(every viewset of a model of our apps) and from each viewset's own URL
patterns, so a new viewset, or a new view of an existing one, is covered
without touching this file. Each view that takes an id is asked for every
object of a small fixture; listings are also asked with a search and, where
the viewset offers them, as CSV and XLSX exports.
"""

from datetime import date
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.viewsets import viewsets

from courses.models import BusinessFigure, BusinessMeasure, RiskFactor
from people.roles import Role
from quizzes.models import FactTemplate
from quizzes.services.facts import fact_sheet_apply
from tests.factories import PersonFactory, TopicFactory, category_create, drill_make, question_make

pytestmark = pytest.mark.django_db

OUR_APPS = {"people", "quizzes", "courses", "mentorship"}
ROLES = [Role.TRAINEE, Role.TRAINER, Role.RISK_EXPERT, Role.MANAGER, Role.ADMINISTRATOR]
FACTS = "客戶,項目,數值,單位,截至日期\n華夏貿易,上月日均存款,7777777,元,2024-05-31\n"


def viewset_model(viewset):
    model = getattr(viewset, "model", None)
    if isinstance(model, str):
        return apps.get_model(model)
    return model


def our_viewsets():
    """Every registered admin viewset of a model that belongs to our apps."""
    reverse("wagtailadmin_home")  # loads the admin URLs, which fills the registry
    return [
        viewset
        for viewset in viewsets.viewsets
        if viewset_model(viewset) is not None and viewset_model(viewset)._meta.app_label in OUR_APPS
    ]


def view_urls(viewset, pks):
    """(name, url) for each of the viewset's views: views that take an id once
    per object, listings also with a search and as exports."""
    urls = []
    for pattern in viewset.get_urlpatterns():
        name = f"{viewset.url_namespace}:{pattern.name}"
        if "pk" in pattern.pattern.regex.groupindex:
            urls += [(pattern.name, reverse(name, kwargs={"pk": pk})) for pk in pks]
            continue
        url = reverse(name)
        urls.append((pattern.name, url))
        if pattern.name in {"index", "index_results", "choose", "choose_results"}:
            urls.append((f"{pattern.name} search", f"{url}?q=華夏"))
        if pattern.name == "index":
            for format in ("csv", "xlsx"):
                if getattr(viewset, "list_export", None):
                    urls.append((f"export {format}", f"{url}?export={format}"))
    return urls


def is_refusal(response, viewset):
    if response.status_code in (403, 404):
        return True
    if response.status_code != 302:
        return False
    target = urlsplit(response["Location"]).path
    return target in {
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_home"),
        reverse(f"{viewset.url_namespace}:index") if hasattr(viewset, "index_url_name") else target,
    }


@pytest.fixture
def bank(org):
    """One object of each of our admin models, and territory questions owned
    by a person and by a team, the kind most likely to be scoped."""
    manager = PersonFactory(unit=org["pudong"], user__roles=[Role.MANAGER], manages=[org["pudong"]])
    trainee = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    topic = TopicFactory(name="轄區客戶", code="territory")
    category = category_create("轄區一口清")
    FactTemplate.objects.create(
        attribute="上月日均存款",
        kind=FactTemplate.Kind.NUMERIC,
        stem="{entity} 的{attribute}是多少？",
        tolerance=5,
        tolerance_kind="percent",
        topic=topic,
        category=category,
    )
    for subject in ({"person": trainee}, {"unit": org["pudong_team"]}):
        fact_sheet_apply(file_name="facts.csv", data=FACTS.encode(), user=manager.user, **subject)
    drill_make([question_make(topic=topic, category=category)])
    RiskFactor.objects.create(name="行業風險", description="行業下行。")
    # Business measures: one with a figure (not deleted), one without.
    deposits = BusinessMeasure.objects.create(name="存款", code="deposits", unit_label="萬元")
    BusinessMeasure.objects.create(name="客戶拜訪", code="visits", unit_label="次")
    BusinessFigure.objects.create(
        person=trainee, measure=deposits, month=date(2026, 1, 1), value=1, entered_at=timezone.now()
    )
    # Mentoring: advice, a mentor, a pair and an honour.
    from mentorship.models import GuidanceAdvice, MentorHonour, Pair
    from tests.factories import mentor_make

    GuidanceAdvice.objects.create(guidance_type="lacks_drive", advice="先定小目標。")
    mentor = mentor_make(unit=org["pudong_team"]).person
    Pair.objects.create(mentor=mentor, mentee=trainee, status="active")
    MentorHonour.objects.create(mentor=mentor, year=2026, citation="帶徒有方")
    # Certification: a programme.
    from courses.models import CertificationProgramme

    CertificationProgramme.objects.create(name="反洗錢資格認證", code="aml")
    return {"manager": manager, "trainee": trainee}


@pytest.fixture
def people_by_role(org, bank):
    people = {
        Role.TRAINEE: bank["trainee"],
        Role.MANAGER: bank["manager"],
    }
    for role in (Role.TRAINER, Role.RISK_EXPERT, Role.ADMINISTRATOR):
        people[role] = PersonFactory(unit=org["head"], user__roles=[role])
    return people


def test_the_registry_finds_our_viewsets():
    """The loop below is only as good as the discovery: it must see the
    viewsets of every app, choosers included."""
    names = {viewset.url_namespace for viewset in our_viewsets()}
    assert {
        "org_units",
        "staff",
        "questions",
        "drills",
        "risk_factors",
        "drill_chooser",
        "business_measures",
    } <= names


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_view_answers_200_or_a_refusal(role, people_by_role):
    client = Client(raise_request_exception=False)
    client.force_login(people_by_role[role].user)
    problems, asked = [], 0
    for viewset in our_viewsets():
        model = viewset_model(viewset)
        pks = list(model._default_manager.values_list("pk", flat=True))
        assert pks, f"the fixture has no {model.__name__}"
        for name, url in view_urls(viewset, pks):
            response = client.get(url)
            asked += 1
            if response.status_code == 200 or is_refusal(response, viewset):
                continue
            error = getattr(response, "exc_info", None)
            problems.append(
                f"{viewset.url_namespace} {name} {url}: {response.status_code}"
                + (f" {error[0].__name__}: {error[1]}" if error else "")
            )
    assert asked > 50
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_deleting_anything_answers_a_redirect_or_a_refusal(role, people_by_role):
    """Confirming a delete never fails with a server error, even for what is
    still in use (a category or topic with questions, a question in a drill).
    Each delete is rolled back, so every object is tried in the same fixture."""
    client = Client(raise_request_exception=False)
    client.force_login(people_by_role[role].user)
    problems, deleted = [], 0
    for viewset in our_viewsets():
        if "delete" not in {pattern.name for pattern in viewset.get_urlpatterns()}:
            continue
        model = viewset_model(viewset)
        for pk in model._default_manager.values_list("pk", flat=True):
            url = reverse(f"{viewset.url_namespace}:delete", kwargs={"pk": pk})
            with transaction.atomic():
                response = client.post(url)
                gone = not model._default_manager.filter(pk=pk).exists()
                transaction.set_rollback(True)
            deleted += gone
            if response.status_code in (302, 403, 404):
                continue
            error = getattr(response, "exc_info", None)
            problems.append(f"{url}: {response.status_code}" + (f" {error[1]}" if error else ""))
    assert not problems, "\n".join(problems)
    if role == Role.ADMINISTRATOR:
        assert deleted > 5  # what nothing uses is deleted
