"""Territory questions in the admin: only those who may see the fact sheet a
question comes from find it in the admin, for reading and for writing, in every
view of questions. The drill pages and the fact sheet pages already refuse the
same people; the rule is the fact sheets' own (quizzes.selectors.facts)."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.admin.viewsets import viewsets

from people.roles import Role
from quizzes.models import FactTemplate, Question
from quizzes.selectors.facts import fact_sheets_visible_to
from quizzes.selectors.questions import questions_visible_to
from quizzes.services.facts import fact_sheet_apply
from tests.factories import PersonFactory, TopicFactory, category_create, question_make

pytestmark = pytest.mark.django_db

FACTS = "客戶,項目,數值,單位,截至日期\n華夏貿易,上月日均存款,7777777,元,2024-05-31\n"


@pytest.fixture
def people(org):
    def person(unit, *roles, manages=None):
        return PersonFactory(unit=org[unit], user__roles=list(roles), manages=manages)

    return {
        "trainee": person("pudong_team", Role.TRAINEE),
        # A team head who also trains: manages 浦東支行, so sees its fact sheets.
        "head_trainer": person("pudong", Role.TRAINER, Role.MANAGER, manages=[org["pudong"]]),
        # The same for 浦西支行: another team's customers are not theirs to see.
        "other_head": person("puxi", Role.TRAINER, Role.MANAGER, manages=[org["puxi"]]),
        "other_manager": person("puxi", Role.MANAGER, manages=[org["puxi"]]),
        "head_office_trainer": person("head", Role.TRAINER),
        # A trainer in the trainee's team: the team's sheet, not the trainee's own.
        "team_trainer": person("pudong_team", Role.TRAINER),
        "administrator": person("head", Role.ADMINISTRATOR),
    }


@pytest.fixture
def questions(org, people):
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
    uploader = people["head_trainer"].user
    for subject in ({"person": people["trainee"]}, {"unit": org["pudong_team"]}):
        fact_sheet_apply(file_name="facts.csv", data=FACTS.encode(), user=uploader, **subject)
    return {
        "person": Question.objects.get(owner_person=people["trainee"]),
        "unit": Question.objects.get(owner_unit=org["pudong_team"]),
        "shared": question_make(topic=topic, category=category, name="一年期定存"),
    }


# Queries of one listing page, whatever the number of questions (17: the
# category filter reads the categories once for its choices).
BUDGET = 17

# Who may reach which question, by the fact sheet rule.
MAY_SEE = {
    "head_trainer": {"person", "unit", "shared"},
    "administrator": {"person", "unit", "shared"},
    "team_trainer": {"unit", "shared"},
    "other_head": {"shared"},
    "other_manager": {"shared"},
    "head_office_trainer": {"shared"},
}


def client_for(person):
    client = Client()
    client.force_login(person.user)
    return client


@pytest.mark.parametrize("who", sorted(MAY_SEE))
def test_the_admin_scope_is_the_fact_sheet_rule(who, people, questions):
    user = people[who].user
    visible = set(questions_visible_to(user).values_list("pk", flat=True))
    assert visible == {questions[kind].pk for kind in MAY_SEE[who]}
    sheets = fact_sheets_visible_to(user)
    for kind in ("person", "unit"):
        question = questions[kind]
        subject = {"person": question.owner_person, "unit": question.owner_unit}[kind]
        sees_sheet = sheets.filter(**{kind: subject}).exists()
        assert sees_sheet == (kind in MAY_SEE[who]), (who, kind)


@pytest.mark.parametrize("who", sorted(MAY_SEE))
@pytest.mark.parametrize("listing", ["index", "index_results"])
@pytest.mark.parametrize("search", ["", "華夏", "上月日均存款", "一年期"])
def test_listing_and_search_show_only_questions_in_scope(who, listing, search, people, questions):
    client = client_for(people[who])
    response = client.get(reverse(f"questions:{listing}"), {"q": search} if search else {})
    assert response.status_code == 200
    listed = {question.pk for question in response.context["object_list"]}
    html = response.content.decode()
    for kind, question in questions.items():
        matches = not search or search in question.name
        expected = kind in MAY_SEE[who] and matches
        assert (question.pk in listed) == expected, (who, kind, search)
        if who != "other_manager":  # who may change questions gets a link to each
            edit_url = reverse("questions:edit", args=[question.pk])
            assert (f'href="{edit_url}"' in html) == expected, (who, kind, search)


def question_viewset():
    reverse("wagtailadmin_home")  # loads the admin URLs, which fills the registry
    return next(
        v
        for v in viewsets.viewsets
        if getattr(v, "model", None) is Question and v.url_namespace == "questions"
    )


def object_views():
    """Every view of a question that takes its id, from the viewset itself: a
    view enabled later (inspect, copy, ...) is checked without touching this."""
    return sorted(
        pattern.name
        for pattern in question_viewset().get_urlpatterns()
        if "pk" in pattern.pattern.regex.groupindex
    )


def test_the_object_views_are_found():
    assert {"edit", "delete", "history", "history_results", "usage"} <= set(object_views())


@pytest.mark.parametrize("who", sorted(MAY_SEE))
def test_object_views_answer_404_out_of_scope(who, people, questions):
    client = client_for(people[who])
    refused = reverse("wagtailadmin_home")
    for view in object_views():
        # Only administrators delete; managers only read the listing (and an
        # inspect view, were one enabled).
        permitted = who == "administrator" or (
            view != "delete" and (who != "other_manager" or view == "inspect")
        )
        for kind, question in questions.items():
            response = client.get(reverse(f"questions:{view}", args=[question.pk]))
            if kind not in MAY_SEE[who]:
                assert response.status_code == 404 or (
                    not permitted
                    and response.status_code == 302
                    and response["Location"] == refused
                ), (who, view, kind, response.status_code)
            elif permitted:
                assert response.status_code == 200, (who, view, kind)
            else:
                assert response.status_code == 302 and response["Location"] == refused


def edit_data(question):
    version = question.current_version
    answer = version.payload["answers"][0]
    return {
        "category": question.category_id,
        "topic": question.topic_id,
        "name": "改過的名字",
        "difficulty": question.difficulty,
        "is_active": "on",
        "stem": version.stem,
        "numbers": f"{answer['value']:.0f} ± 1",
        "unit": version.payload["unit"],
        "general_feedback": "",
    }


@pytest.mark.parametrize("who", ["other_head", "head_office_trainer", "team_trainer"])
def test_out_of_scope_trainers_cannot_edit_or_delete(who, people, questions):
    client = client_for(people[who])
    question = questions["person"]
    before = (question.name, question.current_version_id)
    response = client.post(reverse("questions:edit", args=[question.pk]), edit_data(question))
    assert response.status_code == 404
    assert client.post(reverse("questions:delete", args=[question.pk])).status_code == 404
    question.refresh_from_db()
    assert (question.name, question.current_version_id) == before


def test_the_team_head_edits_the_questions_of_their_people(people, questions):
    client = client_for(people["head_trainer"])
    question = questions["person"]
    response = client.post(reverse("questions:edit", args=[question.pk]), edit_data(question))
    assert response.status_code == 302, response.content.decode()[:2000]
    question.refresh_from_db()
    assert question.name == "改過的名字"


def test_the_gift_export_of_a_category_leaves_territory_questions_out(people, questions):
    client = client_for(people["administrator"])
    category = questions["shared"].category
    response = client.get(reverse("quizzes_import:export", args=[category.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "一年期定存" in text
    assert "華夏貿易" not in text and "7777777" not in text


@pytest.mark.parametrize("extra", [2, 40])
def test_the_listing_costs_the_same_whatever_its_length(
    extra, people, questions, django_assert_max_num_queries
):
    """The scope is one condition of the listing's query, not a check per row."""
    shared = questions["shared"]
    for number in range(extra):
        question_make(name=f"題{number}", topic=shared.topic, category=shared.category)
        question_make(
            name=f"轄區題{number}",
            topic=shared.topic,
            category=shared.category,
            owner_person=people["trainee"] if number % 2 else None,
            owner_unit=None if number % 2 else people["trainee"].unit,
        )
    client = client_for(people["head_trainer"])
    client.get(reverse("questions:index"))  # sessions, permissions and menus warmed up
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("questions:index"))
    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(3 + 2 * extra, 20)
