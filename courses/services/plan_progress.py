"""How far each assigned person has got: started and completed, from the
course's enrolment and completion or the drill's attempts, and newcomers to a
unit who join its open assignments.

The rule (one place): a course counts as started once the person is enrolled
(whenever that was: an enrolment is once per course) and as done when it was
completed on or after the assignment's start date: someone who completed it
before takes it again (courses.services.learning.enrollments_retake_open) and
counts as started by their first lesson of the retake. A drill counts from
attempts started on or after the start date: started by the first, done by the
first finished attempt that did not fail (passed, or no pass mark).
"""

from datetime import date, datetime, time

from django.db.models import Q
from django.utils import timezone

from people.models import OrgUnit, Person
from quizzes.selectors.plan_drills import drill_progress_of

from ..models import Enrollment, PlanAssignee, PlanAssignment
from .learning import enrollments_retake_open
from .plan_rows import drill_plans_move


def start_of(day: date) -> datetime:
    """The first instant of `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def assignees_progress_fill(*, assignment: PlanAssignment, person_ids) -> int:
    """Set started/completed on these people's rows from what they did before
    being added; returns how many rows changed."""
    person_ids = list(person_ids)
    since = start_of(assignment.starts_on)
    if assignment.course_id:
        progress = _course_progress(assignment, person_ids, since)
    else:
        progress = drill_progress_of(
            drill_id=assignment.drill_id, person_ids=person_ids, since=since
        )
    changed = 0
    for pid, (started, done) in progress.items():
        changed += PlanAssignee.objects.filter(
            assignment=assignment, person_id=pid, started_at__isnull=True, completed_at__isnull=True
        ).update(started_at=started or done, completed_at=done)
    return changed


def _course_progress(assignment: PlanAssignment, person_ids, since: datetime) -> dict:
    """{person id: (started, done)} on the assigned course. Those who completed
    it before `since` take it again (enrollments_retake_open): not started, not
    done, until they do it anew."""
    rows = Enrollment.objects.filter(
        course_id=assignment.course_id, person_id__in=person_ids
    ).values_list("person_id", "enrolled_at", "completed_at", "retaken_at", "retake_since")
    progress, stale = {}, []
    for pid, enrolled, first, again, _retaking in rows:
        last = again or first
        if last is not None and last < since:
            stale.append(pid)
        else:
            progress[pid] = (enrolled, last)
    if stale:
        enrollments_retake_open(course=assignment.course, person_ids=stale, since=since)
    return progress


def _open_rows(person_id: int, *, course_id=None, drill_id=None):
    item = Q(assignment__course_id=course_id) if course_id else Q(assignment__drill_id=drill_id)
    return PlanAssignee.objects.filter(
        item, person_id=person_id, assignment__withdrawn_at__isnull=True
    )


def plan_progress_start(
    *, person_id: int, course_id: int | None = None, drill_id: int | None = None, at: datetime
) -> int:
    """The person enrolled on the course, or started an attempt at the drill."""
    if not course_id:  # an attempt's start: written out (plan_rows)
        return drill_plans_move(person_id=person_id, drill_id=drill_id, at=at, complete=False)
    rows = _open_rows(person_id, course_id=course_id).filter(started_at__isnull=True)
    return rows.update(started_at=at)


def plan_progress_complete(
    *, person_id: int, course_id: int | None = None, drill_id: int | None = None, at: datetime
) -> int:
    """The person completed the course, or finished the drill without failing it.
    Only assignments that have started by then count it (see the module)."""
    if not course_id:  # an attempt's finish: written out (plan_rows)
        return drill_plans_move(person_id=person_id, drill_id=drill_id, at=at, complete=True)
    rows = _open_rows(person_id, course_id=course_id, drill_id=drill_id).filter(
        completed_at__isnull=True, assignment__starts_on__lte=timezone.localdate(at)
    )
    rows.filter(started_at__isnull=True).update(started_at=at)
    return rows.update(completed_at=at)


def unit_assignments_open_for(unit: OrgUnit, *, today: date):
    """Open unit assignments (not withdrawn, not yet due) that cover `unit`: those
    of the unit itself or of a unit above it."""
    step = OrgUnit.steplen
    paths = [unit.path[:end] for end in range(step, len(unit.path) + 1, step)]
    return PlanAssignment.objects.filter(
        unit__path__in=paths, withdrawn_at__isnull=True, due_on__gte=today
    )


def person_assignments_join(
    *, person: Person, today: date | None = None, now: datetime | None = None
) -> int:
    """A newcomer to a unit (created there, or moved in) gets every open
    assignment that covers it; returns how many were added. Idempotent."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    assignments = list(
        unit_assignments_open_for(person.unit, today=today).exclude(assignees__person_id=person.pk)
    )
    if not assignments:
        return 0
    PlanAssignee.objects.bulk_create(
        [PlanAssignee(assignment=a, person_id=person.pk, added_at=now) for a in assignments],
        ignore_conflicts=True,
    )
    for assignment in assignments:
        assignees_progress_fill(assignment=assignment, person_ids=[person.pk])
    return len(assignments)


def open_unit_assignments_sync(*, today: date | None = None, now: datetime | None = None) -> int:
    """Every open unit assignment takes in its newcomers: the daily safety net for
    people moved without a save signal (a roster import's bulk update)."""
    from .plans import assignees_sync

    today = today or timezone.localdate()
    added = 0
    for assignment in PlanAssignment.objects.filter(
        unit__isnull=False, withdrawn_at__isnull=True, due_on__gte=today
    ).select_related("unit"):
        added += assignees_sync(assignment=assignment, now=now)
    return added


__all__ = [
    "assignees_progress_fill",
    "open_unit_assignments_sync",
    "person_assignments_join",
    "plan_progress_complete",
    "plan_progress_start",
    "unit_assignments_open_for",
]
