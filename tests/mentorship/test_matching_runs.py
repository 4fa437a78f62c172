"""Suggestion runs: the hard rules hold in every suggestion, the reasons are
told in words, unmatched mentees say why, runs above the threshold go to the
background with progress, and a failed or silent run shows as failed."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from mentorship.matching.explain import reasons_in_words
from mentorship.models import MatchingRun, MenteeNeed, Pair, PairStatus, SuggestionStatus
from mentorship.rules import PairingRules
from mentorship.selectors.matching import run_state
from mentorship.services.matching_runs import stale_runs_fail, suggestions_run_start
from people.roles import Role
from tests.factories import PersonFactory, TopicFactory, mentor_make

pytestmark = pytest.mark.django_db


def seeking(person, *focus):
    need = MenteeNeed.objects.create(person=person, seeking=True)
    need.focus_topics.set(focus)
    return person


def trainee_in(unit, name=None):
    kwargs = {"name": name} if name else {}
    return PersonFactory(unit=unit, user__roles=[Role.TRAINEE], **kwargs)


def test_rules_hold_in_every_suggestion(manager, org):
    team, puxi = org["pudong_team"], org["puxi_team"]
    mentees = [seeking(trainee_in(team)) for _ in range(6)]
    # A team head: line manager of everyone in the team, never their mentor.
    head = PersonFactory(unit=team, user__roles=[Role.MANAGER], manages=[team])
    mentor_make(head, capacity=5)
    small = mentor_make(unit=team, capacity=2).person
    also = mentor_make(unit=org["pudong"], capacity=1).person
    far = mentor_make(unit=puxi, capacity=5).person  # out of the manager's scope
    seeking(trainee_in(puxi))  # a mentee out of scope
    Pair.objects.create(
        mentor=small,
        mentee=mentees[0],
        status=PairStatus.ENDED_EARLY,
        ended_on=timezone.localdate() - timedelta(days=30),
    )
    run = suggestions_run_start(user=manager.user)
    assert run.status == MatchingRun.Status.DONE
    lines = list(run.suggestions.all())
    assert {s.mentee_id for s in lines} == {m.pk for m in mentees}
    matched = [s for s in lines if s.mentor_id]
    assert len(matched) == 3  # the places of `small` and `also`
    assert {s.mentor_id for s in matched} <= {small.pk, also.pk}
    assert far.pk not in {s.mentor_id for s in matched} and head.pk not in {
        s.mentor_id for s in matched
    }
    assert (small.pk, mentees[0].pk) not in {(s.mentor_id, s.mentee_id) for s in matched}
    assert sum(1 for s in matched if s.mentor_id == small.pk) <= 2
    rules = PairingRules.load(
        user=manager.user,
        mentor_ids=[s.mentor_id for s in matched],
        mentee_ids=[s.mentee_id for s in matched],
        today=timezone.localdate(),
    )
    for s in matched:
        assert rules.problems(s.mentor_id, s.mentee_id) == []
    unmatched = [s for s in lines if not s.mentor_id]
    assert {s.unmatched_reason for s in unmatched} == {"no_place_left"}


def test_the_manager_is_never_a_mentee_and_nobody_without_a_place(manager, org):
    seeking(manager)
    lonely = seeking(trainee_in(org["pudong_team"]))
    run = suggestions_run_start(user=manager.user)
    [line] = run.suggestions.all()
    assert line.mentee == lonely and line.unmatched_reason == "no_mentors"


def test_all_forbidden_is_told(manager, org):
    mentee = seeking(trainee_in(org["pudong_team"]))
    mentor = mentor_make(unit=org["pudong_team"]).person
    Pair.objects.create(
        mentor=mentor, mentee=mentee, status="ended_early", ended_on=timezone.localdate()
    )
    [line] = suggestions_run_start(user=manager.user).suggestions.all()
    assert line.unmatched_reason == "all_forbidden"


def test_reasons_name_topics_masteries_and_distance(manager, org, mastery):
    rates = TopicFactory(name="利率")
    mentee = seeking(trainee_in(org["pudong_team"], "新人甲"), rates)
    mentor = mentor_make(unit=org["pudong_team"], strengths=[rates], name="資深乙").person
    mastery[mentee] = {rates: 0.25}
    mastery[mentor] = {rates: 0.9}
    [line] = suggestions_run_start(user=manager.user).suggestions.all()
    assert line.mentor == mentor and line.score > 0
    assert line.reasons["topics"] == [[rates.pk, 0.25, 0.9, False]]
    assert line.reasons["distance"] == "same_unit"
    with translation.override("en"):
        words = " ".join(reasons_in_words(line.reasons, {rates.pk: "利率"}))
    assert "利率" in words and "25%" in words and "90%" in words
    assert "Same team" in words and "1 of 2" in words


def test_a_weak_claim_counts_for_less_and_says_so(manager, org, mastery):
    rates = TopicFactory(name="利率")
    mentee = seeking(trainee_in(org["pudong_team"]), rates)
    mentor = mentor_make(unit=org["pudong"], strengths=[rates]).person
    mastery[mentor] = {rates: 0.5}
    [line] = suggestions_run_start(user=manager.user).suggestions.all()
    assert line.mentor == mentor
    with translation.override("en"):
        words = " ".join(reasons_in_words(line.reasons, {rates.pk: "利率"}))
    assert "counts for less" in words and "not yet measured" in words
    assert "Same sub-branch" in words
    assert mentee.pk == line.mentee_id


def test_a_new_run_supersedes_the_waiting_suggestions(manager, org):
    seeking(trainee_in(org["pudong_team"]))
    mentor_make(unit=org["pudong_team"])
    first = suggestions_run_start(user=manager.user)
    second = suggestions_run_start(user=manager.user)
    assert {s.status for s in first.suggestions.all()} == {SuggestionStatus.SUPERSEDED}
    assert {s.status for s in second.suggestions.all()} == {SuggestionStatus.WAITING}


def test_a_large_run_goes_to_the_background(manager, org, settings, monkeypatch):
    settings.MENTORSHIP_BACKGROUND_THRESHOLD = 2
    queued = []
    monkeypatch.setattr(
        "mentorship.services.matching_runs.async_task",
        lambda *args, **kwargs: queued.append((args, kwargs)),
    )
    for _ in range(3):
        seeking(trainee_in(org["pudong_team"]))
    mentor_make(unit=org["pudong_team"], capacity=3)
    run = suggestions_run_start(user=manager.user)
    assert run.status == MatchingRun.Status.QUEUED and run.progress == 0
    assert queued == [
        (
            ("mentorship.tasks.suggestions_run", run.pk),
            {"task_name": f"mentoring-suggestions-{run.pk}"},
        )
    ]
    from mentorship.tasks import suggestions_run

    suggestions_run(run.pk)
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.DONE and run.progress == 100
    assert run.solve_ms is not None and run.total_ms >= run.solve_ms
    assert run.suggestions.filter(mentor__isnull=False).count() == 3


def test_a_background_run_through_the_sync_cluster(manager, org, settings):
    settings.MENTORSHIP_BACKGROUND_THRESHOLD = 0
    seeking(trainee_in(org["pudong_team"]))
    mentor_make(unit=org["pudong_team"])
    run = suggestions_run_start(user=manager.user)
    assert run.status == MatchingRun.Status.DONE  # Q_CLUSTER sync in tests


def test_a_failed_run_shows_its_reason(manager, org, monkeypatch):
    seeking(trainee_in(org["pudong_team"]))

    def broken(*args, **kwargs):
        raise RuntimeError("the solver fell over")

    monkeypatch.setattr("mentorship.services.matching_runs.score_table", broken)
    run = suggestions_run_start(user=manager.user)
    assert run.status == MatchingRun.Status.FAILED
    assert "the solver fell over" in run.error and run.stage == "scoring"
    assert run_state(run)["finished"] and run.finished_at is not None


def test_a_silent_run_reads_as_failed_and_the_schedule_marks_it(manager, settings):
    settings.MENTORSHIP_RUN_STALE_SECONDS = 60
    run = MatchingRun.objects.create(
        requested_by=manager.user,
        status=MatchingRun.Status.RUNNING,
        heartbeat_at=timezone.now() - timedelta(minutes=5),
    )
    fresh = MatchingRun.objects.create(
        requested_by=manager.user, status=MatchingRun.Status.RUNNING, heartbeat_at=timezone.now()
    )
    assert run_state(run)["status"] == "failed" and run_state(run)["error"] == "stale"
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.RUNNING  # reading wrote nothing
    assert run_state(fresh)["status"] == "running"
    assert stale_runs_fail() == 1
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.FAILED


def test_a_run_the_queue_refuses_fails_with_the_reason(manager, org, settings, monkeypatch):
    settings.MENTORSHIP_BACKGROUND_THRESHOLD = 0
    seeking(trainee_in(org["pudong_team"]))

    def refused(*args, **kwargs):
        raise ConnectionError("no broker")

    monkeypatch.setattr("mentorship.services.matching_runs.async_task", refused)
    run = suggestions_run_start(user=manager.user)
    assert run.status == MatchingRun.Status.FAILED and "no broker" in run.error


def test_a_run_already_claimed_by_a_worker_is_not_run_again(manager, org):
    from mentorship.services.matching_runs import suggestions_run_execute

    seeking(trainee_in(org["pudong_team"]))
    mentor_make(unit=org["pudong_team"])
    run = MatchingRun.objects.create(requested_by=manager.user, status=MatchingRun.Status.RUNNING)
    suggestions_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.RUNNING and not run.suggestions.exists()
