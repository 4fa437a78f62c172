"""Suggestion runs: a manager asks, the whole scope is scored and solved at
once, the suggestions are saved (and the manager's older waiting ones are
superseded). Runs for more mentees than MENTORSHIP_BACKGROUND_THRESHOLD go to
django-q2, with progress, stage and heartbeat written as they go."""

import time
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from ..conf import mentorship_settings
from ..matching.explain import covered_topics, reasons_make
from ..matching.scoring import load_penalty, score_table
from ..matching.solve import solve
from ..models import MatchingRun, Suggestion, SuggestionStatus, UnmatchedReason
from ..selectors.matching import STALE_ERROR, matching_inputs, mentee_candidates, stale_runs

TASK = "mentorship.tasks.suggestions_run"


def suggestions_run_start(*, user, background: bool | None = None) -> MatchingRun:
    """Start a run for the user's scope: in the request for a small scope, in
    the background above the threshold (or when `background` says so)."""
    if background is None:
        background = mentee_candidates(user).count() > mentorship_settings.BACKGROUND_THRESHOLD
    run = MatchingRun.objects.create(
        requested_by=user, weights=mentorship_settings.MATCH_WEIGHTS, heartbeat_at=timezone.now()
    )
    if background:
        try:
            async_task(TASK, run.pk, task_name=f"mentoring-suggestions-{run.pk}")
        except Exception as error:  # noqa: BLE001 - the queue is down: say so on the run
            _mark(
                run,
                stage="",
                progress=0,
                status=MatchingRun.Status.FAILED,
                error=f"{type(error).__name__}: {error}",
                finished_at=timezone.now(),
            )
    else:
        suggestions_run_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def _mark(run: MatchingRun, *, stage: str, progress: int, **fields) -> None:
    run.stage, run.progress, run.heartbeat_at = stage, progress, timezone.now()
    for name, value in fields.items():
        setattr(run, name, value)
    run.save(update_fields=["stage", "progress", "heartbeat_at", *fields])


def suggestions_run_execute(*, run_id: int) -> None:
    """Do the run (the background task calls this too). A failure is kept
    on the run with its reason; the run is never left RUNNING."""
    # Claimed in one UPDATE, so a task delivered twice at once runs once.
    claimed = MatchingRun.objects.filter(pk=run_id, status=MatchingRun.Status.QUEUED).update(
        status=MatchingRun.Status.RUNNING, heartbeat_at=timezone.now()
    )
    if not claimed:
        return  # done already, or being done: a re-delivered task does nothing
    run = MatchingRun.objects.select_related("requested_by").get(pk=run_id)
    started = time.perf_counter()
    try:
        _mark(run, stage="loading", progress=5)
        inputs = matching_inputs(run.requested_by)
        _mark(
            run,
            stage="scoring",
            progress=30,
            mentee_count=len(inputs.mentees),
            mentor_count=len(inputs.mentors),
            place_count=sum(m.free for m in inputs.mentors),
        )
        outcome = suggestions_compute(inputs, weights=run.weights)
        _mark(run, stage="saving", progress=80, solve_ms=outcome.solve_ms)
        suggestions_save(run=run, suggestions=outcome.suggestions)
        _mark(
            run,
            stage="done",
            progress=100,
            status=MatchingRun.Status.DONE,
            total_ms=(time.perf_counter() - started) * 1000,
            finished_at=timezone.now(),
        )
    except Exception as error:  # noqa: BLE001 - any failure is shown on the run
        run.refresh_from_db(fields=["progress", "stage"])
        _mark(
            run,
            stage=run.stage,
            progress=run.progress,
            status=MatchingRun.Status.FAILED,
            error=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )


@dataclass
class Outcome:
    suggestions: list[Suggestion]  # unsaved, without run
    solve_ms: float


def suggestions_compute(inputs, *, weights: dict[str, float]) -> Outcome:
    """Score, solve and explain (no query)."""
    mentees, mentors = inputs.mentees, inputs.mentors
    strong = mentorship_settings.STRONG_MASTERY
    table = score_table(
        mentees,
        mentors,
        weights=weights,
        weak=mentorship_settings.WEAK_MASTERY,
        strong=strong,
        kinds=inputs.kinds,
        steplen=inputs.steplen,
    )
    allowed = inputs.rules.allowed([m.id for m in mentors], [m.id for m in mentees])
    clock = time.perf_counter()
    placements = solve(
        table.score,
        allowed,
        capacity=[m.capacity for m in mentors],
        load=[m.load for m in mentors],
        load_weight=weights.get("load", 0.0),
    )
    solve_ms = (time.perf_counter() - clock) * 1000
    by_row = {p.mentee: p for p in placements}
    any_allowed = allowed.any(axis=1) if mentors else np.zeros(len(mentees), bool)
    suggestions = []
    for row, mentee in enumerate(mentees):
        placement = by_row.get(row)
        if placement is None:
            reason = (
                UnmatchedReason.NO_MENTORS
                if not mentors
                else UnmatchedReason.NO_PLACE_LEFT
                if any_allowed[row]
                else UnmatchedReason.ALL_FORBIDDEN
            )
            suggestions.append(_line(mentee_id=mentee.id, mentor_id=None, unmatched_reason=reason))
            continue
        column = placement.mentor
        mentor = mentors[column]
        load_before = mentor.load + placement.place
        reasons = reasons_make(
            topics=covered_topics(
                table.topics,
                table.needs[row],
                table.strengths[column],
                mentee.mastery,
                mentor.mastery,
                strong,
            ),
            distance=table.distance[table.mentee_unit[row]][table.mentor_unit[column]],
            load_before=load_before,
            capacity=mentor.capacity,
            coverage=table.coverage[row, column],
            proximity=table.proximity[row, column],
            load_penalty=load_penalty(mentor.load, placement.place, mentor.capacity),
        )
        suggestions.append(
            _line(
                mentee_id=mentee.id,
                mentor_id=mentor.id,
                score=round(placement.value, 4),
                reasons=reasons,
            )
        )
    return Outcome(suggestions=suggestions, solve_ms=solve_ms)


def _line(**fields) -> Suggestion:
    # Every foreign key given (as None if need be): a missing one costs a
    # default look-up per line, a fifth of a large run's time.
    return Suggestion(run_id=None, decided_by_id=None, **fields)


@transaction.atomic
def suggestions_save(*, run: MatchingRun, suggestions: list[Suggestion]) -> None:
    """Save a run's lines; the user's older waiting suggestions give way."""
    Suggestion.objects.filter(
        run__requested_by=run.requested_by, status=SuggestionStatus.WAITING
    ).exclude(run=run).update(status=SuggestionStatus.SUPERSEDED)
    for suggestion in suggestions:
        suggestion.run = run
    Suggestion.objects.bulk_create(suggestions, batch_size=500)


def stale_runs_fail(*, now=None) -> int:
    """Mark runs that stopped giving signs of life as failed (the schedule)."""
    return stale_runs(now=now).update(
        status=MatchingRun.Status.FAILED, error=STALE_ERROR, finished_at=timezone.now()
    )
