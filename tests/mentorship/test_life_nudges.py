"""Check-in reminders by the daily schedule: both sides after 21 quiet days,
the mentee's line managers 7 days later; once per quiet spell, however often
the schedule runs."""

import datetime

import pytest
from django.utils import timezone

from mentorship.models import CheckInNudge, PairEvent, PairEventKind
from mentorship.schedules import SCHEDULES
from mentorship.services.checkins import checkin_log
from mentorship.services.ending import pair_complete
from mentorship.services.pairs import pair_create
from mentorship.tasks import send_checkin_nudges
from notifications.models import Notice
from people.roles import Role
from tests.factories import PersonFactory

from .life_fixtures import *  # noqa: F403 (the fixtures active, proposed)

pytestmark = pytest.mark.django_db


def run(start, days):
    """The schedule's run `days` after `start`, as the task receives it."""
    return send_checkin_nudges((start + datetime.timedelta(days=days)).isoformat())


def recipients():
    return set(Notice.objects.values_list("recipient", flat=True))


@pytest.fixture
def quiet(active):
    Notice.objects.all().delete()
    return active


def test_the_schedule_runs_daily_by_name():
    schedule = next(s for s in SCHEDULES if s["name"] == "mentorship.send_checkin_nudges")
    assert schedule["func"] == "mentorship.tasks.send_checkin_nudges"
    assert schedule["cron"].split()[2:] == ["*", "*", "*"]


def test_sync_schedules_creates_it():
    from django.core.management import call_command
    from django_q.models import Schedule

    call_command("sync_schedules")
    call_command("sync_schedules")
    schedule = Schedule.objects.get(name="mentorship.send_checkin_nudges")
    assert schedule.func == "mentorship.tasks.send_checkin_nudges"


def test_nothing_before_21_days(quiet):
    assert run(quiet.started_on, 20) == 0
    assert not Notice.objects.exists()


def test_both_sides_at_21_days_once_however_often_it_runs(quiet):
    assert run(quiet.started_on, 21) == 1
    assert run(quiet.started_on, 21) == 0
    assert run(quiet.started_on, 22) == 0
    assert recipients() == {quiet.mentor.user_id, quiet.mentee.user_id}
    assert Notice.objects.count() == 2
    assert PairEvent.objects.filter(pair=quiet, kind=PairEventKind.NUDGED).count() == 1


def test_the_line_managers_7_days_later(quiet, manager, org):
    branch_head = PersonFactory(
        unit=org["branch"], user__roles=[Role.MANAGER], manages=[org["branch"]]
    )
    PersonFactory(unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]])
    run(quiet.started_on, 21)
    Notice.objects.all().delete()
    assert run(quiet.started_on, 27) == 0
    assert run(quiet.started_on, 28) == 1
    assert run(quiet.started_on, 28) == 0
    assert recipients() == {manager.user_id, branch_head.user_id}
    assert PairEvent.objects.filter(pair=quiet, kind=PairEventKind.ESCALATED).count() == 1


def test_a_late_first_run_sends_both_at_once(quiet, manager):
    assert run(quiet.started_on, 40) == 2
    assert recipients() == {quiet.mentor.user_id, quiet.mentee.user_id, manager.user_id}


def test_a_check_in_starts_a_new_spell(quiet, monkeypatch):
    start = quiet.started_on
    run(start, 21)
    # Logged on the 25th day: the clock moves too (no check-in on a future day).
    met_on = start + datetime.timedelta(days=25)
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "localdate", lambda *args: met_on)
        checkin_log(pair=quiet, by_user=quiet.mentee.user, met_on=met_on, minutes=30)
    Notice.objects.all().delete()
    assert run(start, 28) == 0  # no escalation: they met
    assert run(met_on, 20) == 0
    assert run(met_on, 21) == 1
    assert set(CheckInNudge.objects.filter(pair=quiet).values_list("since", flat=True)) == {
        start,
        met_on,
    }


def test_the_days_are_settings(quiet, settings):
    settings.MENTORSHIP_CHECKIN_NUDGE_DAYS = 5
    settings.MENTORSHIP_CHECKIN_ESCALATE_DAYS = 2
    assert run(quiet.started_on, 5) == 1
    assert run(quiet.started_on, 7) == 1


def test_ended_and_proposed_pairs_are_left_alone(quiet, manager, org):
    other = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    pair_create(mentor=quiet.mentor, mentee=other, by_user=manager.user)
    pair_complete(pair=quiet, by_user=quiet.mentor.user)
    Notice.objects.all().delete()
    assert run(quiet.started_on, 60) == 0
    assert not Notice.objects.exists()
