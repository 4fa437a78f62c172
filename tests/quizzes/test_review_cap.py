"""The daily review cap counts per day, in the person's own time zone: reviews
already done today count against it, and "today" turns over at the person's
midnight, not the server's."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import override_settings
from wagtail.users.models import UserProfile

from quizzes.models import MemoryState
from quizzes.selectors import due_queue
from tests.factories import question_make

pytestmark = pytest.mark.django_db


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def state(person, *, due, last_review=None):
    return MemoryState.objects.create(
        person=person,
        question=question_make(stem=f"題 {MemoryState.objects.count()}"),
        due=due,
        last_review=last_review,
        reviews=1 if last_review else 0,
    )


def zone(person, name: str):
    UserProfile.objects.update_or_create(user=person.user, defaults={"current_time_zone": name})


def test_reviews_done_today_count_against_the_cap(trainee):
    now = utc(2026, 3, 10, 4, 0)  # 12:00 in Shanghai
    zone(trainee, "Asia/Shanghai")
    for _ in range(6):
        state(trainee, due=now - timedelta(days=1))
    for hour in (1, 2, 3):  # reviewed this morning, now due again later
        state(trainee, due=now + timedelta(days=3), last_review=utc(2026, 3, 10, hour))
    assert len(due_queue(trainee, now=now, cap=5)) == 2
    assert len(due_queue(trainee, now=now, cap=3)) == 0
    assert len(due_queue(trainee, now=now, cap=10)) == 6


def test_cap_does_not_go_negative_when_more_were_done_than_allowed(trainee):
    now = utc(2026, 3, 10, 4, 0)
    state(trainee, due=now - timedelta(hours=1))
    for _ in range(4):
        state(trainee, due=now + timedelta(days=2), last_review=now - timedelta(minutes=5))
    assert due_queue(trainee, now=now, cap=2) == []


def test_yesterday_in_the_persons_zone_does_not_count(trainee):
    # 17:00 UTC on the 10th is 01:00 on the 11th in Shanghai: a new day there,
    # the same day in UTC.
    now = utc(2026, 3, 10, 17, 0)
    for _ in range(4):
        state(trainee, due=now - timedelta(hours=2))
    # 15:00 UTC is 23:00 on the 10th in Shanghai (yesterday there), today in UTC.
    for _ in range(3):
        state(trainee, due=now + timedelta(days=4), last_review=utc(2026, 3, 10, 15, 0))
    # 16:30 UTC is 00:30 on the 11th in Shanghai: today there.
    state(trainee, due=now + timedelta(days=4), last_review=utc(2026, 3, 10, 16, 30))

    zone(trainee, "Asia/Shanghai")
    assert len(due_queue(trainee, now=now, cap=4)) == 3  # only the 00:30 review counts

    zone(trainee, "UTC")
    assert len(due_queue(trainee, now=now, cap=4)) == 0  # all four count in UTC


def test_what_is_due_today_ends_at_the_persons_midnight(trainee):
    now = utc(2026, 3, 10, 17, 0)  # 01:00 on the 11th in Shanghai
    # 15:30 UTC on the 11th is 23:30 on the 11th in Shanghai: due today there,
    # tomorrow in UTC.
    late = state(trainee, due=utc(2026, 3, 11, 15, 30))
    zone(trainee, "Asia/Shanghai")
    assert due_queue(trainee, now=now, cap=10) == [late]
    zone(trainee, "UTC")
    assert due_queue(trainee, now=now, cap=10) == []


@override_settings(TIME_ZONE="UTC")
def test_without_a_zone_of_their_own_the_sites_zone_decides(trainee):
    now = utc(2026, 3, 10, 17, 0)
    state(trainee, due=now - timedelta(hours=1))
    state(trainee, due=now + timedelta(days=4), last_review=utc(2026, 3, 10, 15, 0))
    assert due_queue(trainee, now=now, cap=1) == []  # the 15:00 review is today in UTC
    with override_settings(TIME_ZONE="Asia/Shanghai"):
        assert len(due_queue(trainee, now=now, cap=1)) == 1  # yesterday in Shanghai


def test_a_zone_name_that_no_longer_exists_falls_back_to_the_sites(trainee):
    now = utc(2026, 3, 10, 4, 0)
    zone(trainee, "Mars/Olympus_Mons")
    state(trainee, due=now - timedelta(hours=1))
    assert len(due_queue(trainee, now=now, cap=1)) == 1


@pytest.mark.parametrize("rows", [3, 40])
def test_due_queue_query_budget(trainee, rows, django_assert_max_num_queries):
    now = utc(2026, 3, 10, 4, 0)
    zone(trainee, "Asia/Shanghai")
    for _ in range(rows):
        state(trainee, due=now - timedelta(hours=1), last_review=now - timedelta(days=2))
    state(trainee, due=now + timedelta(days=1), last_review=now - timedelta(hours=1))
    with django_assert_max_num_queries(2):  # the zone, the queue
        queue = due_queue(trainee, now=now, cap=30)
    assert len(queue) == min(rows, 29)
    with django_assert_max_num_queries(1):  # the zone comes from the cache
        assert due_queue(trainee, now=now, cap=30) == queue


def test_the_api_due_queue_counts_todays_reviews_against_the_cap(client, trainee):
    from django.utils import timezone

    now = timezone.now()
    for _ in range(3):
        state(trainee, due=now - timedelta(hours=1))
    for _ in range(2):
        state(trainee, due=now + timedelta(days=3), last_review=now)
    client.force_login(trainee.user)
    with override_settings(QUIZZES_DAILY_REVIEW_CAP=3):
        response = client.get("/api/quizzes/due")
    assert response.status_code == 200
    assert len(response.json()) == 1
