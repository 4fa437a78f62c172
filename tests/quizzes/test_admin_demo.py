"""The demo's shared questions (asked of everybody, listed in the admin for
every trainer) name no team's customers: those come only from a team's fact
sheet, as questions that team alone is asked and that only those who may see
the sheet find in the admin."""

import json

import pytest

from people import demo as people_demo
from people.models import OrgUnit
from quizzes import demo as quizzes_demo
from quizzes.models import Question
from quizzes.selectors.facts import fact_entity_names

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    people_demo.build(log=lambda *args: None)
    quizzes_demo.build(log=lambda *args: None)


def test_shared_demo_questions_name_no_teams_customers(demo):
    customers = fact_entity_names()
    assert "華東精密製造有限公司" in customers  # the demo team's fact sheet is there
    teams = set(OrgUnit.objects.filter(kind="team").values_list("name", flat=True))
    assert "浦東對公團隊" in teams
    shared = Question.objects.filter(owner_person=None, owner_unit=None)
    assert shared.count() == len(quizzes_demo.QUESTIONS)
    for question in shared.select_related("current_version"):
        version = question.current_version
        text = " ".join(
            [
                question.name,
                version.stem,
                version.general_feedback,
                json.dumps(version.payload, ensure_ascii=False),
            ]
        )
        named = {name for name in customers | teams if name in text}
        assert not named, (question.name, named)


def test_the_teams_customers_are_asked_as_the_teams_own_questions(demo):
    team = OrgUnit.objects.get(code="demo-pudong-corp")
    owned = Question.objects.filter(owner_unit=team).select_related("current_version")
    stems = " ".join(question.current_version.stem for question in owned)
    assert "華東精密製造有限公司" in stems
