"""The drills page's list, written out (drill_list_rows): the drills that
drills_available_to gives, by title, each marked where open_attempt_drill_ids
holds it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quizzes.models import Attempt
from quizzes.selectors import drills_available_to, drills_listed_for, open_attempt_drill_ids
from tests.factories import drill_make, question_make

pytestmark = pytest.mark.django_db


def test_the_list_is_what_the_rules_give(org, trainee):
    question = question_make()
    now = timezone.now()
    drill_make([question], title="A 全行")
    for_branch = drill_make([question], title="B 分行")
    for_branch.audience.set([org["branch"]])  # above the trainee's team
    drill_make([question], title="C 浦西").audience.set([org["puxi"]])  # elsewhere
    drill_make([question], title="D 關閉", is_active=False)
    drill_make([question], title="E 計畫用", listed=False)
    timed = drill_make([question], title="F 限時")
    finished = drill_make([question], title="G 已交")

    def attempt(drill, **fields):
        Attempt.objects.create(drill=drill, person=trainee, started_at=now, seed=1, **fields)

    attempt(for_branch, status="in_progress")  # open, no deadline
    attempt(timed, status="in_progress", deadline=now - timedelta(hours=1))  # run out
    attempt(finished, status="finished", finished_at=now)

    listed = drills_listed_for(trainee, now=now)
    assert [d.pk for d in listed] == [d.pk for d in drills_available_to(trainee)]
    assert [d.title for d in listed] == ["A 全行", "B 分行", "F 限時", "G 已交"]
    open_ids = open_attempt_drill_ids(trainee, now=now)
    assert [d.is_open_attempt for d in listed] == [d.pk in open_ids for d in listed]
    assert [d.is_open_attempt for d in listed] == [False, True, False, False]


def test_recent_results_are_the_orms_newest_attempts_with_their_drills(
    org, trainee, django_assert_num_queries
):
    from django.forms.models import model_to_dict

    from quizzes.selectors import recent_results_of
    from quizzes.selectors.drills import RECENT_RESULTS
    from tests.factories import PersonFactory

    question = question_make()
    drill = drill_make([question], title="晨會一口清")
    other = PersonFactory(unit=org["pudong_team"])
    now = timezone.now()
    for n in range(RECENT_RESULTS + 2):
        Attempt.objects.create(
            drill=None if n == 3 else drill,  # a review of the due queue has no drill
            person=trainee,
            started_at=now - timedelta(minutes=n),
            status="finished",
            finished_at=now,
            score=0.5,
            passed=False,
            seed=n,
        )
    Attempt.objects.create(drill=drill, person=other, started_at=now, seed=1)
    with django_assert_num_queries(1):
        recent = recent_results_of(trainee)
        titles = [a.drill.title if a.drill else None for a in recent]
    by_orm = list(
        Attempt.objects.filter(person=trainee)
        .select_related("drill")
        .order_by("-started_at")[:RECENT_RESULTS]
    )
    assert [model_to_dict(a) for a in recent] == [model_to_dict(a) for a in by_orm]
    assert titles == [a.drill.title if a.drill else None for a in by_orm]
    assert titles[3] is None and titles[0] == "晨會一口清"
