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
