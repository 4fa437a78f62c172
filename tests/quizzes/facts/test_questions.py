"""The recall questions made from fact sheets, and how a new sheet refreshes them."""

import pytest

from quizzes.grading import grade
from quizzes.models import Question
from quizzes.selectors import questions_askable_to
from quizzes.services import answer_save, attempt_start
from quizzes.services.facts import fact_sheet_apply
from tests.factories import drill_make

from .conftest import GOOD, HEADER, csv_bytes

pytestmark = pytest.mark.django_db


def upload(text, user, **subject):
    return fact_sheet_apply(file_name="facts.csv", data=csv_bytes(text), user=user, **subject)


def territory_questions(**owner):
    return Question.objects.filter(**owner).exclude(fact_key="").select_related("current_version")


def by_name(questions):
    return {q.name: q for q in questions}


def test_numeric_questions_for_exactly_that_person(
    trainee, teammate, outsider, manager, numeric_template
):
    sheet = upload(GOOD, manager.user, person=trainee)
    assert sheet.refresh_summary.created == 5
    questions = by_name(territory_questions(owner_person=trainee))
    # Only the attribute with a template is asked about: not 授信額度.
    assert set(questions) == {
        "華夏貿易 · 上月日均存款",
        "東方物流 · 上月日均存款",
        "南山電子 · 上月日均存款",
        "北辰建材 · 上月日均存款",
        "西湖茶業 · 上月日均存款",
    }
    question = questions["華夏貿易 · 上月日均存款"]
    assert question.qtype == "numeric" and question.is_active
    assert question.owner_person == trainee and question.owner_unit is None
    assert question.topic == numeric_template.topic
    assert question.category == numeric_template.category
    assert question.fact_key.startswith(f"facts:person-{trainee.pk}:")
    version = question.current_version
    assert version.stem == "華夏貿易 2024-05-31 的上月日均存款是多少？"
    assert version.payload == {
        "answers": [
            {
                "value": 12500000.0,
                "tolerance": 5.0,
                "tolerance_kind": "percent",
                "fraction": 1.0,
                "feedback": "",
            }
        ],
        "unit": "元",
    }
    assert "12,500,000" in version.general_feedback
    assert questions["南山電子 · 上月日均存款"].current_version.payload["answers"][0]["value"] == (
        4200000.5
    )

    ids = {q.pk for q in questions.values()}
    assert ids <= set(questions_askable_to(trainee).values_list("pk", flat=True))
    for other in (teammate, outsider, manager):
        assert not ids & set(questions_askable_to(other).values_list("pk", flat=True))


def test_team_sheet_questions_go_to_the_team_members_only(
    org, trainee, teammate, outsider, manager, numeric_template
):
    upload(GOOD, manager.user, unit=org["pudong_team"])
    ids = set(territory_questions(owner_unit=org["pudong_team"]).values_list("pk", flat=True))
    assert len(ids) == 5
    assert Question.objects.filter(pk__in=ids, owner_person__isnull=False).count() == 0
    for member in (trainee, teammate):
        assert ids <= set(questions_askable_to(member).values_list("pk", flat=True))
    for other in (outsider, manager):
        assert not ids & set(questions_askable_to(other).values_list("pk", flat=True))


def test_the_tolerance_is_applied_when_grading(trainee, manager, numeric_template):
    upload(GOOD, manager.user, person=trainee)
    question = territory_questions(owner_person=trainee).get(name="華夏貿易 · 上月日均存款")
    payload = question.current_version.payload
    scores = [
        grade("numeric", payload, {"value": value}).score
        for value in ["12,000,000", "１３,１００,０００", "11,800,000", "13,200,000"]
    ]
    assert scores == [1, 1, 0, 0]  # 4% under, 4.8% over (full-width), 5.6% under, 5.6% over
    # And through a drill the trainee actually takes:
    attempt = attempt_start(drill=drill_make([question]), person=trainee)
    answered = answer_save(
        attempt_id=attempt.pk, position=0, user=trainee.user, response={"value": "12,600,000"}
    )
    assert answered.grade.score == 1


def test_choice_questions_whose_value_with_distractors_from_the_same_sheet(
    trainee, manager, whose_template
):
    upload(GOOD, manager.user, person=trainee)
    questions = by_name(territory_questions(owner_person=trainee))
    assert len(questions) == 5
    question = questions["東方物流 · 上月日均存款"]
    assert question.qtype == "single"
    version = question.current_version
    assert version.stem == "8300000元 是哪位客戶的上月日均存款？"
    assert "東方物流" not in version.stem
    choices = version.payload["choices"]
    right = [c["text"] for c in choices if c["fraction"] == 1.0]
    wrong = [c["text"] for c in choices if c["fraction"] == 0.0]
    assert right == ["東方物流"]
    assert len(wrong) == 3 and len(set(wrong)) == 3
    assert set(wrong) <= {"華夏貿易", "南山電子", "北辰建材", "西湖茶業"}


def test_choice_distractors_never_share_the_right_value(trainee, manager, whose_template):
    text = (
        HEADER
        + "甲公司,上月日均存款,100,元,2024-05-31\n"
        + "乙公司,上月日均存款,100,元,2024-05-31\n"
        + "丙公司,上月日均存款,300,元,2024-05-31\n"
    )
    upload(text, manager.user, person=trainee)
    question = territory_questions(owner_person=trainee).get(name="甲公司 · 上月日均存款")
    texts = [c["text"] for c in question.current_version.payload["choices"]]
    assert sorted(texts) == ["丙公司", "甲公司"], "乙公司 has the same value: not a wrong answer"


def test_choice_distractors_may_come_from_other_rows_of_the_sheet(trainee, manager, whose_template):
    text = (
        HEADER
        + "甲公司,上月日均存款,100,元,2024-05-31\n"
        + "乙公司,授信額度,500,元,2024-05-31\n"
        + "丙公司,行業,批發,,2024-05-31\n"
    )
    upload(text, manager.user, person=trainee)
    question = territory_questions(owner_person=trainee).get()
    choices = question.current_version.payload["choices"]
    assert {c["text"]: c["fraction"] for c in choices} == {
        "甲公司": 1.0,
        "乙公司": 0.0,
        "丙公司": 0.0,
    }


def test_no_choice_question_without_another_entity(trainee, manager, whose_template):
    sheet = upload(HEADER + "甲公司,上月日均存款,100,元,2024-05-31\n", manager.user, person=trainee)
    assert not territory_questions(owner_person=trainee).exists()
    assert sheet.refresh_summary.skipped == ["上月日均存款"]


def test_choice_question_which_entity_has_the_highest_value(trainee, manager, highest_template):
    upload(GOOD, manager.user, person=trainee)
    question = territory_questions(owner_person=trainee).get()
    assert question.qtype == "single"
    assert question.current_version.stem == "哪位客戶的上月日均存款最高？"
    choices = question.current_version.payload["choices"]
    assert [c["text"] for c in choices if c["fraction"] == 1.0] == ["華夏貿易"]
    wrong = {c["text"] for c in choices if c["fraction"] == 0.0}
    assert len(wrong) == 3 and wrong <= {"東方物流", "南山電子", "北辰建材", "西湖茶業"}


def test_the_same_sheet_again_changes_no_question(
    trainee, manager, numeric_template, whose_template, highest_template
):
    first = upload(GOOD, manager.user, person=trainee)
    assert first.refresh_summary.created == 11
    before = {
        q.fact_key: (q.pk, q.current_version.stem, q.current_version.payload)
        for q in territory_questions(owner_person=trainee)
    }
    again = upload(GOOD, manager.user, person=trainee)
    summary = again.refresh_summary
    assert (summary.created, summary.updated, summary.retired) == (0, 0, 0)
    assert summary.unchanged == 11
    after = {
        q.fact_key: (q.pk, q.current_version.stem, q.current_version.payload)
        for q in territory_questions(owner_person=trainee)
    }
    assert after == before


def test_reupload_updates_creates_and_retires(trainee, manager, numeric_template):
    upload(GOOD, manager.user, person=trainee)
    questions = by_name(territory_questions(owner_person=trainee))
    changed = questions["華夏貿易 · 上月日均存款"]
    stale = questions["西湖茶業 · 上月日均存款"]
    # Somebody answered the question whose value will change: it gets a new version.
    attempt = attempt_start(drill=drill_make([changed]), person=trainee)
    answer_save(attempt_id=attempt.pk, position=0, user=trainee.user, response={"value": "1"})
    old_version = changed.current_version

    new_sheet = (
        HEADER
        + '華夏貿易,上月日均存款,"13,000,000",元,2024-06-30\n'  # changed
        + "東方物流,上月日均存款,８３０００００,元,2024/05/31\n"  # unchanged
        + "南山電子,上月日均存款,4200000.5,元,2024年5月31日\n"
        + "北辰建材,上月日均存款,950000,元,2024-05-31\n"
        + "錦江酒店,上月日均存款,2000000,元,2024-06-30\n"  # new; 西湖茶業 is gone
    )
    sheet = upload(new_sheet, manager.user, person=trainee)
    summary = sheet.refresh_summary
    assert (summary.created, summary.updated, summary.unchanged, summary.retired) == (1, 1, 3, 1)

    changed.refresh_from_db()
    assert changed.current_version.number == old_version.number + 1
    assert changed.current_version.payload["answers"][0]["value"] == 13000000.0
    assert changed.current_version.stem == "華夏貿易 2024-06-30 的上月日均存款是多少？"
    old_version.refresh_from_db()
    assert old_version.payload["answers"][0]["value"] == 12500000.0, "the answered version stays"
    assert changed.is_active

    stale.refresh_from_db()
    assert not stale.is_active
    assert stale.pk not in set(questions_askable_to(trainee).values_list("pk", flat=True))

    new = territory_questions(owner_person=trainee).get(name="錦江酒店 · 上月日均存款")
    assert new.is_active and new.owner_person == trainee
    assert territory_questions(owner_person=trainee, is_active=True).count() == 5


def test_an_unanswered_question_is_corrected_in_place(trainee, manager, numeric_template):
    upload(HEADER + "甲公司,上月日均存款,100,元,2024-05-31\n", manager.user, person=trainee)
    upload(HEADER + "甲公司,上月日均存款,120,元,2024-05-31\n", manager.user, person=trainee)
    question = territory_questions(owner_person=trainee).get()
    assert question.versions.count() == 1
    assert question.current_version.payload["answers"][0]["value"] == 120.0


def test_a_returning_entity_revives_its_question(trainee, manager, numeric_template):
    one = HEADER + "甲公司,上月日均存款,100,元,2024-05-31\n"
    two = one + "乙公司,上月日均存款,200,元,2024-05-31\n"
    upload(two, manager.user, person=trainee)
    upload(one, manager.user, person=trainee)
    sheet = upload(two, manager.user, person=trainee)
    assert sheet.refresh_summary.updated == 1 and sheet.refresh_summary.created == 0
    assert territory_questions(owner_person=trainee, is_active=True).count() == 2
    assert territory_questions(owner_person=trainee).count() == 2


def test_a_person_sheet_leaves_other_subjects_questions_alone(
    org, trainee, teammate, manager, numeric_template
):
    upload(GOOD, manager.user, person=teammate)
    upload(GOOD, manager.user, unit=org["pudong_team"])
    upload(HEADER + "甲公司,上月日均存款,100,元,2024-05-31\n", manager.user, person=trainee)
    assert territory_questions(owner_person=teammate, is_active=True).count() == 5
    assert territory_questions(owner_unit=org["pudong_team"], is_active=True).count() == 5


def test_markdown_in_facts_is_kept_as_text(trainee, manager, numeric_template):
    upload(HEADER + "*星號*_公司_,上月日均存款,100,元,2024-05-31\n", manager.user, person=trainee)
    stem = territory_questions(owner_person=trainee).get().current_version.stem
    assert stem.startswith(r"\*星號\*\_公司\_ ")
