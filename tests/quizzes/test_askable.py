import pytest

from quizzes.selectors import questions_askable_to
from tests.factories import PersonFactory, question_make

pytestmark = pytest.mark.django_db


def test_unit_questions_reach_the_units_below_and_nobody_else(org, trainee):
    sub_branch_question = question_make(owner_unit=org["pudong"], stem="支行題")
    own = question_make(owner_person=trainee, stem="個人題")
    general = question_make(stem="通用題")
    outsider = PersonFactory(unit=org["puxi_team"])
    assert set(questions_askable_to(trainee)) == {sub_branch_question, own, general}
    assert set(questions_askable_to(outsider)) == {general}
