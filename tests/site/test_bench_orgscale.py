"""The bench's organisation generator (tests/bench/orgscale.py) at its smallest
scale: it makes what it promises, every constraint and index of the tables it
loads bare is back, a second call reuses it and another version is refused.

PostgreSQL only: the generator writes with generate_series and PostgreSQL's
catalog (CI runs it in its PostgreSQL pass)."""

import pytest
from django.db import connection

from tests.bench.orgscale import MIN_SCALE, Plan, StaleOrganisation, orgscale_make

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the generator writes with PostgreSQL's generate_series and catalog",
    ),
]


def _index_names(model) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s", [model._meta.db_table]
        )
        return {row[0] for row in cursor.fetchall()}


def _constraint_names(model) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass",
            [model._meta.db_table],
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def generated():
    from quizzes.models import AttemptItem, MemoryState

    before = {
        model: (_index_names(model), _constraint_names(model))
        for model in (AttemptItem, MemoryState)
    }
    facts = orgscale_make(scale=MIN_SCALE, log=lambda line: None)
    return facts, before


def test_it_makes_the_counts_it_promises(generated):
    from courses.models import (
        BehaviourObservation,
        BusinessFigure,
        FollowUpTask,
        LearningMeasure,
        PlanAssignee,
    )
    from people.models import Person
    from quizzes.models import Attempt, AttemptItem, MemoryState, UnitTopicDay

    facts, _before = generated
    plan, ids = Plan.at(MIN_SCALE), facts["ids"]
    people = Person.objects.filter(pk__gte=ids["person"], pk__lt=ids["person"] + plan.people)
    assert people.count() == plan.people == 500
    assert Person.objects.filter(unit_id=ids["team"]).count() == plan.team == 200
    attempts = Attempt.objects.filter(pk__gte=ids["attempt"])
    assert attempts.count() == plan.attempts == 5_000
    assert AttemptItem.objects.filter(attempt__in=attempts).count() == plan.answers == 50_000
    assert facts["counts"]["answers"] == plan.answers
    # One memory state per question a person answered: five topics of ten questions.
    assert MemoryState.objects.filter(person__in=people).count() == plan.people * 50
    course = ids["course"]
    assert facts["counts"]["completions"] == plan.completions == 25
    assert FollowUpTask.objects.filter(course_id=course).count() == 5 * plan.completions
    done = FollowUpTask.objects.filter(course_id=course, kind="behaviour", done_at__isnull=False)
    assert BehaviourObservation.objects.filter(task__in=done).count() == done.count() > 0
    assert LearningMeasure.objects.filter(course_id=course, point=-1).count() == 25
    assert BusinessFigure.objects.filter(person__in=people).count() == 125 * 3 * plan.months
    # The team of 200's plan reaches all of them, through its unit.
    team_assignees = PlanAssignee.objects.filter(assignment__unit_id=ids["team"])
    assert team_assignees.values("person").distinct().count() == plan.team
    assert UnitTopicDay.objects.filter(unit_id=ids["team"]).exists()


def _answers_are_on_their_drills_topic_within_the_last_year(generated):
    from django.utils import timezone

    facts, _before = generated
    ids = facts["ids"]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM quizzes_attemptitem i
            JOIN quizzes_attempt a ON a.id = i.attempt_id
            JOIN quizzes_question q ON q.id = i.question_id
            JOIN quizzes_questionversion v ON v.id = i.version_id
            WHERE a.id >= %s AND (q.topic_id - %s <> a.drill_id - %s OR v.question_id <> q.id
                OR i.answered_at < a.started_at OR i.answered_at > a.finished_at
                OR i.answered_at < %s - interval '1 year' OR i.answered_at > %s)
            """,
            [ids["attempt"], ids["topic"], ids["drill"], timezone.now(), timezone.now()],
        )
        assert cursor.fetchone()[0] == 0


def test_the_tables_loaded_bare_get_back_every_index_and_constraint(generated):
    facts, before = generated
    for model, (indexes, constraints) in before.items():
        assert _index_names(model) == indexes, model
        assert _constraint_names(model) == constraints, model


def _the_tree_is_one_treebeard_would_have_made(generated):
    from people.models import OrgUnit

    facts, _before = generated
    root = OrgUnit.objects.get(pk=facts["ids"]["root"])
    problems = OrgUnit.find_problems()
    assert all(not found for found in problems), problems
    team = OrgUnit.objects.get(pk=facts["ids"]["team"])
    assert team.is_descendant_of(root) and team.kind == "team"
    assert list(team.get_ancestors().values_list("kind", flat=True)) == [
        "head_office",
        "branch",
        "sub_branch",
    ]


def _the_manager_heads_the_team_of_200(generated):
    from people.models import Person
    from people.selectors import people_managed_by

    facts, _before = generated
    manager = Person.objects.get(pk=facts["ids"]["manager_person"])
    managed = people_managed_by(manager.user).exclude(pk=manager.pk)
    assert managed.count() == managed.filter(unit_id=facts["ids"]["team"]).count() == 200


def test_a_second_call_reuses_it_and_another_version_is_refused(generated):
    from quizzes.models import AttemptItem

    facts, _before = generated
    answers = AttemptItem.objects.count()
    again = orgscale_make(scale=MIN_SCALE, log=lambda line: None)
    assert again["reused"] is True and again["ids"] == facts["ids"]
    assert AttemptItem.objects.count() == answers
    with pytest.raises(StaleOrganisation):
        orgscale_make(scale=MIN_SCALE * 2, log=lambda line: None)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE bench_orgscale SET version = 'orgscale-older'")
    with pytest.raises(StaleOrganisation):
        orgscale_make(scale=MIN_SCALE, log=lambda line: None)


def _a_days_answers_come_from_one_person_in_five(generated):
    from quizzes.models import AttemptItem
    from tests.bench.orgscale_answers import day_of_answers_add

    facts, _before = generated
    before = AttemptItem.objects.count()
    added = day_of_answers_add(plan=Plan.at(MIN_SCALE), ids=facts["ids"], day=0)
    assert added["answers"] == AttemptItem.objects.count() - before == 500 // 5


# One generation per test (each takes seconds): the checks are grouped.
def test_answers_are_consistent_and_the_tree_and_scope_hold(generated):
    _answers_are_on_their_drills_topic_within_the_last_year(generated)
    _the_tree_is_one_treebeard_would_have_made(generated)
    _the_manager_heads_the_team_of_200(generated)
    _a_days_answers_come_from_one_person_in_five(generated)
