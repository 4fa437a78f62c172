"""Daily rollups: the figures per person and topic (MasterySnapshot,
PersonTopicDay) and per unit and topic (UnitTopicDay) that dashboards and
reports read instead of answer rows.

- full (nightly): the day for the whole organisation;
- incremental (every few minutes): only the people who answered since the
  previous run's watermark (`answers_until`, the moment that run started);
  their rows are recomputed, never incremented, so an answer is counted once
  however the runs fall.

Each run is a RollupRun: running, then done or failed with its reason. One
runs at a time (a partial unique constraint makes the claim atomic); a run
that died is failed by `rollup_stale_fail` after QUIZZES_ROLLUP_STALE_SECONDS.
Past days are final: incremental runs rewrite the snapshot of today only, and
a full run rewrites its own day only.
"""

import logging
import time as clock
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from ..conf import quizzes_settings
from ..models import MasterySnapshot, RollupRun
from ..signals import mastery_changed
from . import rollup_sql
from .rollup_sql import People

logger = logging.getLogger(__name__)

STALE_ERROR = "stale: no sign of life within the time allowed"


def _start_of(day: date) -> datetime:
    """The first moment of a day in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def rollup_stale_fail(*, now: datetime | None = None) -> int:
    """Mark runs still running after the time allowed as failed (a run that died
    never holds the next one back)."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=quizzes_settings.ROLLUP_STALE_SECONDS)
    return RollupRun.objects.filter(status=RollupRun.Status.RUNNING, started_at__lt=limit).update(
        status=RollupRun.Status.FAILED, error=STALE_ERROR, finished_at=now
    )


def _watermark() -> datetime | None:
    """Where the previous finished run stopped counting answers."""
    return (
        RollupRun.objects.filter(status=RollupRun.Status.DONE, answers_until__isnull=False)
        .order_by("-answers_until")
        .values_list("answers_until", flat=True)
        .first()
    )


def _claim(*, kind: str, day: date, now: datetime, until: datetime | None) -> RollupRun | None:
    try:
        with transaction.atomic():
            return RollupRun.objects.create(kind=kind, day=day, started_at=now, answers_until=until)
    except IntegrityError:
        return None  # another run is running


def rollup_run(
    *, kind: str = RollupRun.Kind.INCREMENTAL, day: date | None = None, now: datetime | None = None
) -> RollupRun | None:
    """Compute the rollups and record the run. `day` (full runs only) defaults
    to today; a past day is rewritten as of its end, without moving the
    watermark. Returns the run (done, or failed with its reason), or None when
    another run is running."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    day = day or today
    if day > today:
        raise ValueError("A rollup cannot be computed for a day that has not come.")
    if kind == RollupRun.Kind.INCREMENTAL and day != today:
        raise ValueError("An incremental rollup is for today; use a full run for a past day.")
    rollup_stale_fail(now=now)
    # The watermark is read before the claim: a run counts answers from where
    # the previous finished one stopped, up to the moment it started.
    since = _watermark() or _start_of(today)
    until = now if day == today else None
    run = _claim(kind=kind, day=day, now=now, until=until)
    if run is None:
        logger.info("Rollup %s skipped: another run is running.", kind)
        return None
    started = clock.perf_counter()
    try:
        with transaction.atomic():
            rollup_sql.transaction_tune(full=kind == RollupRun.Kind.FULL)
            if kind == RollupRun.Kind.FULL:
                people = _full(day=day, today=today, since=since, now=now)
            else:
                people = _incremental(today=today, since=since, now=now)
        if kind == RollupRun.Kind.FULL:
            _statistics_refresh(run)
    except Exception as error:  # noqa: BLE001 - kept on the run, which is never left running
        logger.exception("Rollup run %s failed", run.pk)
        RollupRun.objects.filter(pk=run.pk).update(
            status=RollupRun.Status.FAILED,
            error=f"{type(error).__name__}: {error}",
            finished_at=now + timedelta(seconds=clock.perf_counter() - started),
        )
    else:
        # Only a run still running is marked done: one failed as stale stays failed.
        RollupRun.objects.filter(pk=run.pk, status=RollupRun.Status.RUNNING).update(
            status=RollupRun.Status.DONE,
            people=people,
            finished_at=now + timedelta(seconds=clock.perf_counter() - started),
        )
    run.refresh_from_db()
    return run


def _full(*, day: date, today: date, since: datetime, now: datetime) -> int:
    """The whole organisation for `day`. Today's run first catches up earlier
    days' late answers (since the watermark) the way an incremental run would."""
    if day == today:
        _catch_up(until_day=today, since=since)
        start, end, moment = _start_of(day), now, now
    else:
        start, end = _start_of(day), _start_of(day + timedelta(days=1))
        moment = timezone.make_aware(datetime.combine(day, time.max))
    everyone = People()
    rollup_sql.snapshots_write(day=day, moment=moment, people=everyone)
    rollup_sql.person_days_write(day=day, start=start, end=end, people=everyone)
    rollup_sql.unit_days_write(day=day, people=everyone)
    _tell_mastery_changed(day=day, people=everyone)
    return rollup_sql.people_count(everyone, day=day)


def _statistics_refresh(run: RollupRun) -> None:
    """After the full run's commit: its figures stand even if this fails (the
    planner's statistics then wait for autovacuum)."""
    try:
        with transaction.atomic():  # a savepoint when called inside a transaction
            rollup_sql.tables_analyse()
    except Exception:  # noqa: BLE001 - the run's figures are committed and right
        logger.warning("Rollup run %s: the statistics were not refreshed", run.pk, exc_info=True)


def _catch_up(*, until_day: date, since: datetime) -> None:
    """Answers and unit rows of the days before `until_day` that received
    answers after `since` (past days' snapshots stay as they were taken)."""
    day = timezone.localdate(since)
    while day < until_day:
        start, end = _start_of(day), _start_of(day + timedelta(days=1))
        window = People(since=max(since, start), until=end)
        rollup_sql.person_days_write(day=day, start=start, end=end, people=window)
        rollup_sql.unit_days_write(day=day, people=window)
        day += timedelta(days=1)


def _incremental(*, today: date, since: datetime, now: datetime) -> int:
    """The people who answered in [since, now): their answers of each day
    touched, today's snapshot, and their units' rows."""
    if since >= now:
        return 0
    _catch_up(until_day=today, since=since)
    changed = rollup_sql.people_keep(People(since=since, until=now))
    today_start = _start_of(today)
    # The same people unless the window began before midnight.
    answered_today = changed if since >= today_start else People(since=today_start, until=now)
    rollup_sql.unit_topics_note(day=today, people=changed)
    rollup_sql.snapshots_write(day=today, moment=now, people=changed)
    rollup_sql.person_days_write(day=today, start=today_start, end=now, people=answered_today)
    rollup_sql.unit_topics_note(day=today, people=changed)
    rollup_sql.unit_topics_write(day=today)
    _tell_mastery_changed(day=today, people=changed)
    count = rollup_sql.people_count(changed, day=today)
    rollup_sql.people_release()
    return count


def _tell_mastery_changed(*, day: date, people: People) -> None:
    """`mastery_changed` once per person whose snapshot was written (read back
    in one query, only when someone listens)."""
    if not mastery_changed.has_listeners(MasterySnapshot):
        return
    rows = MasterySnapshot.objects.filter(date=day)
    if not people.everyone:
        sql, params = people.subquery()
        rows = rows.filter(person_id__in=RawSQL(sql, params))
    topics: dict[int, list[int]] = defaultdict(list)
    for person_id, topic_id in rows.values_list("person_id", "topic_id").iterator(chunk_size=5000):
        topics[person_id].append(topic_id)
    for person_id, topic_ids in topics.items():
        mastery_changed.send(
            sender=MasterySnapshot, person_id=person_id, topic_ids=sorted(topic_ids), date=day
        )
