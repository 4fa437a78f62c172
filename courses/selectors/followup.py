"""Reads of the follow-up after training: which tasks a user may do (the one
rule every door uses: the list, the survey, the observation, the home panel,
the mentor's pair page), and a person's follow-up for their training record.

Who may do a task:
- the reaction survey and the retention drill: the trainee themself;
- the behaviour observation: anyone who may see the person (people_visible_to:
  their managers, administrators, their mentor while a pair is active), never
  the person themself.
A task can be done from its opening day (completion for the survey, the
checkpoint's day otherwise) until it is done.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from people.selectors import people_visible_to, person_for_user, sees_everyone, sees_only_self

from ..conf import courses_settings
from ..models import CoursePage, FollowUpTask, LearningMeasure, ReactionResponse
from ..models.followup import FollowUpKind
from ..page_tree_cache import pages_by_id
from .followup_rows import own_open_tasks

OWN_KINDS = [FollowUpKind.REACTION, FollowUpKind.RETENTION]


def _may_do_q(user) -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    own = Q(kind__in=OWN_KINDS, person__user=user)
    if sees_only_self(user):  # nobody else to observe: no subquery to plan
        return own
    observed = Q(kind=FollowUpKind.BEHAVIOUR, person__in=people_visible_to(user).values("pk")) & ~Q(
        person__user=user
    )
    return own | observed


def _opened_by(today: date) -> date:
    """The last due date of a checkpoint open by `today`: a checkpoint opens
    on its day, which is its due date less the checkpoint's window."""
    return today + timedelta(days=courses_settings.FOLLOWUP_CHECKPOINT_DUE_DAYS)


def _opened_q(today: date) -> Q:
    """Open by `today`: the survey from completion; a checkpoint from its day."""
    return Q(checkpoint_days=0) | Q(checkpoint_days__gt=0, due_on__lte=_opened_by(today))


def _rows(tasks: QuerySet) -> QuerySet[FollowUpTask]:
    return tasks.select_related("course", "person__unit", "assignment", "owner").order_by(
        "due_on", "pk"
    )


def _rows_with_courses(tasks: QuerySet, limit: int) -> list[FollowUpTask]:
    """_rows, with each task's course from the page tree's cache (no join with
    the page tables, which made this query costly to build and to plan)."""
    rows = list(
        tasks.select_related("person__unit", "assignment", "owner").order_by("due_on", "pk")[:limit]
    )
    return _with_courses(rows)


def _with_courses(rows: list[FollowUpTask]) -> list[FollowUpTask]:
    if not rows:
        return rows
    courses = pages_by_id(CoursePage, [task.course_id for task in rows])
    course_field = FollowUpTask._meta.get_field("course")
    for task in rows:
        if task.course_id in courses:
            course_field.set_cached_value(task, courses[task.course_id])
    return rows


def followup_task_for(user, task_id: int) -> FollowUpTask | None:
    """The task with this id if the user may do or read it, else None (404)."""
    return _rows(FollowUpTask.objects.filter(_may_do_q(user), pk=task_id)).first()


def followup_tasks_for(user, *, today: date | None = None, limit: int = 200):
    """The open tasks the user may do now, the earliest due (overdue) first:
    their own survey and retention drills, and the observations of the people
    they manage or mentor. An administrator, who may see everyone, is listed
    only the observations they own. Returns (rows, total)."""
    today = today or timezone.localdate()
    if user.is_authenticated and sees_only_self(user):  # a trainee: written out (followup_rows)
        person = person_for_user(user)
        if person is None:
            return [], 0
        rows, total = own_open_tasks(
            person, kinds=OWN_KINDS, opened_by=_opened_by(today), limit=limit
        )
        return _with_courses(rows), total
    scope = _may_do_q(user)
    if sees_everyone(user):
        scope &= Q(kind__in=OWN_KINDS) | Q(owner=user)
    tasks = FollowUpTask.objects.filter(scope, _opened_q(today), done_at__isnull=True)
    rows = _rows_with_courses(tasks, limit)
    total = len(rows) if len(rows) < limit else tasks.count()
    return rows, total


def followup_tasks_open_of(person, *, today: date | None = None) -> list[FollowUpTask]:
    """The person's open follow-up tasks (for their mentor's pair page, whose
    access the caller has checked), the earliest due first."""
    today = today or timezone.localdate()
    tasks = FollowUpTask.objects.filter(person=person, done_at__isnull=True).filter(
        _opened_q(today)
    )
    return list(_rows(tasks))


@dataclass
class CourseFollowUp:
    """One completed course's follow-up on a training record."""

    course: object
    completed_on: date
    tasks: list = field(default_factory=list)
    reaction: ReactionResponse | None = None
    measures: list = field(default_factory=list)


def followup_of(person) -> list[CourseFollowUp]:
    """The person's follow-up by course, latest completion first (three
    queries whatever the number of courses). The caller has checked the
    viewer may see the person."""
    by_course: dict[int, CourseFollowUp] = {}
    for task in FollowUpTask.objects.filter(person=person).select_related("course", "assignment"):
        entry = by_course.setdefault(
            task.course_id, CourseFollowUp(course=task.course, completed_on=task.completed_on)
        )
        entry.tasks.append(task)
    if not by_course:
        return []
    for response in ReactionResponse.objects.filter(person=person, course_id__in=list(by_course)):
        by_course[response.course_id].reaction = response
    for measure in LearningMeasure.objects.filter(
        person=person, course_id__in=list(by_course)
    ).order_by("point"):
        by_course[measure.course_id].measures.append(measure)
    for entry in by_course.values():
        entry.tasks.sort(key=lambda t: (t.checkpoint_days, t.kind))
    return sorted(by_course.values(), key=lambda e: (e.completed_on, e.course.pk), reverse=True)
