"""The demo's mentoring (mentorship/demo/mentoring.yaml) builds pairs at every
stage, says so in its printed summary, and a mistake in the file is located."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from demofiles import DemoDataError
from mentorship import demo
from mentorship.models import (
    CheckIn,
    GuidanceAdvice,
    MentorProfile,
    MentorStatus,
    Pair,
    Suggestion,
)

pytestmark = pytest.mark.django_db

GOOD = demo.DATA.read_text(encoding="utf-8")


def load(*args):
    out = io.StringIO()
    call_command("load_demo_data", *args, stdout=out)
    return out.getvalue()


def written(tmp_path, text):
    path = tmp_path / "mentoring.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text, needle):
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_the_demo_has_pairs_at_every_stage_and_says_so():
    output = load()
    statuses = sorted(Pair.objects.values_list("status", flat=True))
    assert statuses == ["active", "active", "completed", "ended_early", "proposed"]
    assert "mentorship: 6 mentors and 7 mentees" in output
    assert "2 active, 1 proposed, 1 completed, 1 ended early" in output
    assert MentorProfile.objects.filter(status=MentorStatus.NOMINATED).count() == 1
    waiting = Suggestion.objects.filter(status="waiting", mentor__isnull=False)
    managers = set(waiting.values_list("run__requested_by__username", flat=True))
    assert "manager" in managers  # the demo's manager login has suggestions to decide on
    mentees = set(waiting.values_list("mentee__employee_id", flat=True))
    assert {"D0102", "D0108", "D0110"} <= mentees
    assert not waiting.filter(mentee__employee_id="D0110", mentor__employee_id="D0109").exists()
    assert f"mentorship: {waiting.count()} mentor suggestions waiting for 3 managers" in output
    assert GuidanceAdvice.objects.count() == 5
    quiet_since = timezone.localdate() - timedelta(days=21)
    overdue = [
        pair
        for pair in Pair.objects.filter(status="active")
        if not CheckIn.objects.filter(pair=pair, met_on__gt=quiet_since).exists()
    ]
    assert [pair.mentee.employee_id for pair in overdue] == ["D0103"]
    ended = Pair.objects.get(status="ended_early")
    assert ended.end_reason and ended.ended_on


def test_loading_again_changes_nothing_and_reset_rebuilds():
    load()
    before = Pair.objects.count()
    assert "demo mentoring already there" in load()
    assert Pair.objects.count() == before
    output = load("--reset")
    assert "mentorship: demo mentoring removed." in output
    assert Pair.objects.count() == before


def test_a_pair_that_breaks_a_rule_is_located(tmp_path):
    load()
    Pair.objects.all().delete()
    # 李國華 (D0009) heads 張偉's team: never his mentor.
    text = GOOD.replace(
        "  - mentor: D0101\n    mentee: D0015", "  - mentor: D0009\n    mentee: D0015"
    )
    MentorProfile.objects.create(person_id=_pk("D0009"))
    path = written(tmp_path, text)
    entry = demo.data(path)["pairs"][0]
    with pytest.raises(DemoDataError) as raised:
        demo._build_pair(entry, demo._people(["D0009", "D0015"]))
    line = line_of(text, "mentor: D0009")
    assert str(raised.value).startswith(f"{path.name}, line {line}:") or f"line {line}:" in str(
        raised.value
    )
    assert "line_manager" in str(raised.value)


def _pk(employee_id):
    from people.models import Person

    return Person.objects.get(employee_id=employee_id).pk


def test_a_misspelt_key_is_located(tmp_path):
    text = GOOD.replace("    started: 24\n", "    startd: 24\n")
    path = written(tmp_path, text)
    with pytest.raises(DemoDataError) as raised:
        demo.data(path)
    # The pair is written from its "- mentor:" line on; started is missing there.
    assert f"line {line_of(text, 'mentor: D0101')}: missing started" in str(raised.value)
