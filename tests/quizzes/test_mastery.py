from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from quizzes.models import MasterySnapshot, MemoryState
from quizzes.selectors import due_queue
from quizzes.selectors.mastery import mastery_compare, mastery_grid, mastery_of, weak_topics
from quizzes.services import answer_save, attempt_finish, attempt_start
from quizzes.services.mastery import mastery_snapshot_take
from quizzes.services.reminders import due_reminders_send
from quizzes.signals import mastery_changed
from tests.factories import PersonFactory, TopicFactory, drill_make, question_make

pytestmark = pytest.mark.django_db


def take(drill, person, *, right_positions, now=None):
    from quizzes.presentation import item_seed, solution

    attempt = attempt_start(drill=drill, person=person, now=now)
    for item in attempt.items.select_related("version"):
        correct = solution(
            qtype="single",
            stem="",
            payload=item.version.payload,
            general_feedback="",
            seed=item_seed(attempt.seed, item.position),
            shuffle=drill.shuffle_choices,
        )["correct"][0]
        choice = correct if item.position in right_positions else (correct + 1) % 3
        answer_save(
            attempt_id=attempt.pk,
            position=item.position,
            user=person.user,
            response={"choice": choice},
            now=now,
        )
    attempt_finish(attempt_id=attempt.pk, person=person, now=now)
    return attempt


@pytest.fixture
def topics(org):
    rates, products = TopicFactory(name="利率"), TopicFactory(name="產品")
    drill = drill_make(
        [
            question_make(topic=rates, stem="利率一"),
            question_make(topic=rates, stem="利率二"),
            question_make(topic=products, stem="產品一"),
            question_make(topic=products, stem="產品二"),
        ]
    )
    return rates, products, drill


def test_mastery_from_recall_and_accuracy(trainee, topics):
    rates, products, drill = topics
    take(drill, trainee, right_positions={0, 1})
    mastery = mastery_of(trainee)
    assert mastery[rates.pk].accuracy == 1.0
    assert mastery[products.pk].accuracy == 0.0
    assert mastery[rates.pk].mastery > mastery[products.pk].mastery
    assert [topic for topic, _ in weak_topics(trainee)][0] == products


def test_team_grid_query_count_is_flat(org, topics, django_assert_num_queries):
    rates, products, drill = topics
    people = [PersonFactory(unit=org["pudong_team"]) for _ in range(6)]
    for person in people:
        take(drill, person, right_positions={0})
    with django_assert_num_queries(2):
        grid = mastery_grid([p.pk for p in people])
    assert set(grid) == {p.pk for p in people}


def test_daily_snapshots_compare_two_dates(trainee, topics):
    rates, products, drill = topics
    now = timezone.now()
    before = now - timedelta(days=10)
    take(drill, trainee, right_positions=set(), now=before)
    mastery_snapshot_take(day=timezone.localdate(before))
    take(drill, trainee, right_positions={0, 1, 2, 3}, now=now)
    received = []
    mastery_changed.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="m")
    try:
        mastery_snapshot_take(day=timezone.localdate(now))
        mastery_snapshot_take(day=timezone.localdate(now))  # idempotent
    finally:
        mastery_changed.disconnect(dispatch_uid="m")
    assert MasterySnapshot.objects.filter(person=trainee, date=timezone.localdate(now)).count() == 2
    compared = mastery_compare([trainee.pk], timezone.localdate(before), timezone.localdate(now))
    old, new = compared[trainee.pk][rates.pk]
    assert new > old
    assert received and received[0]["person_id"] == trainee.pk


def test_due_queue_is_capped_and_one_indexed_query(trainee, topics, django_assert_num_queries):
    rates, products, drill = topics
    take(drill, trainee, right_positions=set(), now=timezone.now() - timedelta(days=3))
    due_queue(trainee, cap=3)  # the person's time zone goes to the cache
    with django_assert_num_queries(1):
        due = due_queue(trainee, cap=3)
    assert len(due) == 3
    assert due == sorted(due, key=lambda s: s.due)


def test_due_queue_uses_the_person_due_index(trainee):
    from django.db import connection

    from quizzes.models import MemoryState

    sql, params = (
        MemoryState.objects.filter(person=trainee, due__lt=timezone.now())
        .order_by("due")
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "quizzes_memory_due" in plan
        else:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "quizzes_memory_due" in plan


def test_daily_reminder(trainee, topics):
    rates, products, drill = topics
    trainee.user.email = "trainee@example.com"
    trainee.user.save()
    take(drill, trainee, right_positions=set(), now=timezone.now() - timedelta(days=3))
    assert due_reminders_send() == 1
    assert mail.outbox[0].to == ["trainee@example.com"]


def test_daily_reminder_leaves_out_who_already_did_today_s_reviews(trainee, topics, settings):
    """The reminder counts what the drills page shows: the cap less the reviews done today."""
    rates, products, drill = topics
    trainee.user.email = "trainee@example.com"
    trainee.user.save()
    take(drill, trainee, right_positions=set(), now=timezone.now() - timedelta(days=3))
    settings.QUIZZES_DAILY_REVIEW_CAP = 1
    state = MemoryState.objects.filter(person=trainee).first()
    MemoryState.objects.filter(pk=state.pk).update(last_review=timezone.now())
    assert due_reminders_send() == 0
    assert mail.outbox == []


def test_schedules_are_registered():
    call_command("sync_schedules")
    names = set(Schedule.objects.values_list("name", flat=True))
    assert {
        "quizzes.close_overdue_attempts",
        "quizzes.take_mastery_snapshots",
        "quizzes.send_due_reminders",
    } <= names


def test_team_mastery_puts_the_earlier_value_in_the_languages_brackets(
    client, manager, trainee, topics
):
    rates, products, drill = topics
    now = timezone.now()
    before = now - timedelta(days=10)
    take(drill, trainee, right_positions=set(), now=before)
    mastery_snapshot_take(day=timezone.localdate(before))
    take(drill, trainee, right_positions={0, 1, 2, 3}, now=now)
    mastery_snapshot_take(day=timezone.localdate(now))
    first, second = timezone.localdate(before), timezone.localdate(now)
    old, new = mastery_compare([trainee.pk], first, second)[trainee.pk][rates.pk]
    old, new = round(old * 100), round(new * 100)
    client.force_login(manager.user)
    page = reverse("quizzes:team_mastery") + f"?before={first}&after={second}"
    html = client.get(page).content.decode()
    assert (
        f'<td>{new}%<span class="muted">（{old}%）</span> <span class="change change--up">' in html
    )
    english = client.get(page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        f'<td>{new}% <span class="muted">({old}%)</span> <span class="change change--up">'
        in english
    )


def test_due_panel_counts_within_the_translated_sentence(client, trainee, topics):
    rates, products, drill = topics
    take(drill, trainee, right_positions=set(), now=timezone.now() - timedelta(days=3))
    count = len(due_queue(trainee))
    assert count > 1
    client.force_login(trainee.user)
    html = client.get("/").content.decode()
    assert f'今日有 <span class="stat">{count}</span> 道題待複習' in html
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<span class="stat">{count}</span> questions to review today' in english
