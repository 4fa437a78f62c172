import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from people.roles import Role
from quizzes.answer_lines import LinesInvalid, fields_from_payload, payload_from_fields
from quizzes.demo import QUESTIONS
from quizzes.models import Category, Question
from quizzes.services import answer_save, attempt_start, category_move
from tests.factories import PersonFactory, TopicFactory, category_create, drill_make, question_make


@pytest.mark.parametrize("spec", QUESTIONS, ids=[q[2] for q in QUESTIONS])
def test_every_demo_payload_round_trips_through_the_lines(spec):
    _topic, qtype, _name, _stem, payload, _feedback, _difficulty = spec
    again = payload_from_fields(qtype, fields_from_payload(qtype, payload), base=payload)
    assert again == payload


def test_lines_for_choices_weights_and_feedback():
    payload = payload_from_fields(
        "multiple", {"choices": "* 身份證\n* 戶口本\n[-100%] 駕照 // 駕照不能開戶\n"}
    )
    assert [c["fraction"] for c in payload["choices"]] == [0.5, 0.5, -1.0]
    assert payload["choices"][2]["feedback"] == "駕照不能開戶"


def test_lines_for_numbers_and_pairs():
    assert payload_from_fields(
        "numeric", {"numbers": "1000 ± 5%\n[50%] 900 +- 10", "unit": "萬元"}
    ) == {
        "answers": [
            {
                "value": 1000.0,
                "tolerance": 5.0,
                "tolerance_kind": "percent",
                "fraction": 1.0,
                "feedback": "",
            },
            {
                "value": 900.0,
                "tolerance": 10.0,
                "tolerance_kind": "absolute",
                "fraction": 0.5,
                "feedback": "",
            },
        ],
        "unit": "萬元",
    }
    pairs = payload_from_fields("matching", {"pairs": "甲 => 一\n乙 => 二\n=> 三"})
    assert pairs == {
        "pairs": [{"left": "甲", "right": "一"}, {"left": "乙", "right": "二"}],
        "distractors": ["三"],
    }


def test_bad_lines_are_located():
    with pytest.raises(LinesInvalid) as excinfo:
        payload_from_fields("numeric", {"numbers": "1000 ± 5%\nmany"})
    assert "2" in excinfo.value.problems["numbers"][0]
    with pytest.raises(LinesInvalid) as excinfo:
        payload_from_fields("matching", {"pairs": "甲 => 一\n乙"})
    assert "2" in excinfo.value.problems["pairs"][0]


@pytest.mark.django_db
class TestQuestionAdmin:
    @pytest.fixture
    def trainer(self, org, client):
        person = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
        client.force_login(person.user)
        return person

    def form(self, **overrides):
        data = {
            "category": category_create().pk,
            "topic": TopicFactory().pk,
            "qtype": "single",
            "name": "一年期定存",
            "difficulty": 3,
            "is_active": "on",
            "stem": "一年期定存利率？",
            "choices": "* 1.35%\n1.10% // 這是六個月期",
            "general_feedback": "",
        }
        data.update(overrides)
        return data

    def test_trainer_writes_a_question_line_by_line(self, client, trainer):
        response = client.post(reverse("questions:add"), self.form())
        assert response.status_code == 302, response.content.decode()[:3000]
        question = Question.objects.get()
        assert question.current_version.payload["choices"][0] == {
            "text": "1.35%",
            "fraction": 1.0,
            "feedback": "",
        }

    def test_problems_are_shown_on_the_field_and_nothing_is_saved(self, client, trainer):
        response = client.post(reverse("questions:add"), self.form(choices="1.35%\n1.10%"))
        assert response.status_code == 200
        assert (
            "Mark one choice as fully right." in response.content.decode()
            or "完全正確" in response.content.decode()
        )
        assert Question.objects.count() == 0

    def test_editing_an_answered_question_adds_a_version(self, client, trainer, org, trainee):
        question = question_make()
        attempt = attempt_start(drill=drill_make([question]), person=trainee)
        answer_save(attempt_id=attempt.pk, position=0, user=trainee.user, response={"choice": 0})
        edit = client.get(reverse("questions:edit", args=[question.pk]))
        assert "* 3.25%" in edit.content.decode()
        data = self.form(
            category=question.category_id, topic=question.topic_id, choices="* 3.5%\n2%"
        )
        data.pop("qtype")
        response = client.post(reverse("questions:edit", args=[question.pk]), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        question.refresh_from_db()
        assert question.current_version.number == 2
        assert attempt.items.get().version.number == 1


@pytest.mark.django_db
def test_moving_a_category_under_itself_is_a_field_error(client, org):
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    parent = category_create("產品")
    child = category_create("存款", parent=parent)
    client.force_login(trainer.user)
    response = client.post(
        reverse("question_categories:edit", args=[parent.pk]),
        {"name": "產品", "description": "", "parent": child.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]


@pytest.mark.django_db
def test_clearing_a_categorys_parent_makes_it_top_level(client, org):
    """Regression: the edit view moved a category only under another one, so an
    emptied parent was silently ignored (organisation units did become roots)."""
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    parent = category_create("產品")
    child = category_create("存款", parent=parent)
    grandchild = category_create("定期", parent=child)
    client.force_login(trainer.user)
    response = client.post(
        reverse("question_categories:edit", args=[child.pk]),
        {"name": "存款", "description": "", "parent": ""},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    child = Category.objects.get(pk=child.pk)
    assert child.is_root()
    assert Category.objects.get(pk=grandchild.pk).get_parent() == child
    assert Category.objects.get(pk=parent.pk).get_children_count() == 0


@pytest.mark.django_db
def test_the_parent_field_lists_the_categories_indented_with_the_current_parent(client, org):
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    parent = category_create("產品")
    child = category_create("存款", parent=parent)
    category_create("定期", parent=child)
    client.force_login(trainer.user)
    response = client.get(reverse("question_categories:edit", args=[child.pk]))
    field = response.context["form"]["parent"]
    assert field.value() == parent.pk
    assert [label for _value, label in field.field.choices][1:] == ["產品", "— 存款", "— — 定期"]


@pytest.mark.django_db
def test_category_move_moves_the_subtree_and_refuses_a_move_under_itself():
    products, rates = category_create("產品"), category_create("利率")
    deposits = category_create("存款", parent=products)
    fixed = category_create("定期", parent=deposits)
    category_move(category=deposits, parent=rates)
    fixed = Category.objects.get(pk=fixed.pk)
    assert fixed.get_parent().get_parent() == rates
    with pytest.raises(ValidationError) as refused:
        category_move(category=Category.objects.get(pk=rates.pk), parent=fixed)
    assert "parent" in refused.value.message_dict
