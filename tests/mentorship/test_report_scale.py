"""How long the mentoring report takes for a large scope: 500 active pairs,
1,500 people, 900,000 mastery snapshots. Slow to build (minutes), so it runs
only when asked: LIANBING_SCALE_PROBE=1 .venv/bin/pytest -s tests/mentorship/test_report_scale.py
It prints the time and asserts the query count, not a time (machines differ)."""

import os
import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentorship.models import Agreement, Goal, Pair
from mentorship.selectors.report import programme_report
from people.models import Person
from people.roles import GROUP_NAMES, Role
from quizzes.models import MasterySnapshot
from tests.factories import TopicFactory

pytestmark = pytest.mark.skipif(
    not os.environ.get("LIANBING_SCALE_PROBE"), reason="set LIANBING_SCALE_PROBE=1 to measure"
)

PAIRS, DAYS, TOPICS = 500, 180, 10


def test_the_report_of_500_pairs(org, manager):
    today = timezone.localdate()
    unit = org["pudong_team"]
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"probe{n}") for n in range(3 * PAIRS)])
    trainees = Group.objects.get(name=GROUP_NAMES[Role.TRAINEE])
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user.pk, group_id=trainees.pk) for user in users]
    )
    people = Person.objects.bulk_create(
        [
            Person(
                user=user,
                employee_id=f"P{n}",
                name=f"p{n}",
                unit=unit,
                grade="senior" if n < PAIRS else "junior",
                hire_date=today - timedelta(days=700 + n % 300),
            )
            for n, user in enumerate(users)
        ]
    )
    mentors, mentees, others = people[:PAIRS], people[PAIRS : 2 * PAIRS], people[2 * PAIRS :]
    topics = [TopicFactory() for _ in range(TOPICS)]
    pairs = Pair.objects.bulk_create(
        [
            Pair(
                mentor=mentor,
                mentee=mentee,
                status="active",
                started_on=today - timedelta(days=30 + n % 120),
            )
            for n, (mentor, mentee) in enumerate(zip(mentors, mentees, strict=True))
        ]
    )
    agreements = Agreement.objects.bulk_create([Agreement(pair=pair) for pair in pairs])
    Goal.objects.bulk_create(
        [
            Goal(agreement=agreement, topic=topics[(n + k) % TOPICS], due_on=today)
            for n, agreement in enumerate(agreements)
            for k in range(3)
        ]
    )
    MasterySnapshot.objects.bulk_create(
        (
            MasterySnapshot(
                person=person,
                topic=topic,
                date=today - timedelta(days=day),
                mastery=((person.pk * 7 + k * 13 + day) % 100) / 100,
            )
            for person in mentees + others
            for k, topic in enumerate(topics[:5])
            for day in range(DAYS)
        ),
        batch_size=5000,
    )
    for _ in range(3):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            report = programme_report(manager.user)
        seconds = time.perf_counter() - started
        compared = sum(o.comparison_count for o in report.outcomes) / len(report.outcomes)
        print(
            f"{len(report.outcomes)} pairs, {len(queries)} queries, {seconds:.2f} s, {compared:.0f} compared"
        )
    assert len(report.outcomes) == PAIRS
    assert len(queries) <= 8
