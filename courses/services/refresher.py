"""The one-click refresher drill of the effectiveness page: a drill on a topic
the course's completers are forgetting, assigned to each of them through a
training plan."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from people.models import Person
from people.selectors import sees_everyone
from quizzes.services.refresher import refresher_drill_create

from ..conf import courses_settings
from ..models import AssignmentOrigin, CoursePage, LessonPage, PlanAssignment, RefresherDrill
from ..selectors.effectiveness_scope import (
    completions_in_scope,
    effectiveness_sees_everyone,
    may_see_effectiveness,
)
from .plans import assignment_create

REFRESHER_DUE_DAYS = 14
TASK = "courses.tasks.refresher_assignments"


@dataclass(frozen=True)
class RefresherResult:
    refresher: RefresherDrill
    created: bool  # False: it had already been sent today


def course_drill_ids(course: CoursePage) -> list[int]:
    """The course's drills: its final drill and those placed in its live lessons."""
    ids = [course.final_drill_id] if course.final_drill_id else []
    for lesson in LessonPage.objects.child_of(course).live().only("body"):
        for block in lesson.body.raw_data:
            if block.get("type") == "drill":
                drill_id = (block.get("value") or {}).get("drill")
                if drill_id:
                    ids.append(drill_id)
    return list(dict.fromkeys(ids))


def refresher_assign(
    *, by, course: CoursePage, topic_id: int, today: date | None = None
) -> RefresherResult:
    """Build a refresher drill on one of the course's topics and assign it to
    every completer of the course in the user's scope: one assignment each,
    starting today, due in 14 days (in the background above
    COURSES_REFRESHER_BACKGROUND_THRESHOLD people; `assigned_at` tells when
    it is done). Once per course, topic and day: a second call the same day
    returns the first one with created=False."""
    if not may_see_effectiveness(by):
        raise PermissionDenied
    today = today or timezone.localdate()
    existing = RefresherDrill.objects.filter(course=course, topic_id=topic_id, day=today).first()
    if existing is not None:
        return RefresherResult(existing, created=False)
    topic = course.topics.filter(pk=topic_id).first()
    if topic is None:
        raise ValidationError({"topic": _("This topic is not one of the course's topics.")})
    people = _refresher_people(by, course).count()
    if not people:
        raise ValidationError({"topic": _("Nobody in your scope has completed this course.")})
    try:
        with transaction.atomic():
            drill = refresher_drill_create(
                topic=topic,
                drill_ids=course_drill_ids(course),
                title=_("Refresher: %(topic)s (%(course)s)")
                % {"topic": topic.name, "course": course.title},
            )
            refresher = RefresherDrill.objects.create(
                course=course,
                topic=topic,
                day=today,
                drill=drill,
                people=people,
                created_by=by,
                created_at=timezone.now(),
            )
    except IntegrityError:
        # Someone sent the same refresher a moment ago (the constraint is the lock).
        refresher = RefresherDrill.objects.get(course=course, topic_id=topic_id, day=today)
        return RefresherResult(refresher, created=False)
    if people > courses_settings.REFRESHER_BACKGROUND_THRESHOLD:
        try:
            async_task(TASK, refresher.pk, task_name=f"courses-refresher-{refresher.pk}")
        except Exception as error:  # noqa: BLE001 - the queue is down: say so on the refresher
            refresher.error = f"{type(error).__name__}: {error}"
            refresher.save(update_fields=["error"])
    else:
        refresher_assignments_make(refresher_id=refresher.pk)
    refresher.refresh_from_db()
    return RefresherResult(refresher, created=True)


def _refresher_people(by, course: CoursePage):
    return Person.objects.filter(
        pk__in=completions_in_scope(by).filter(course=course).values("person_id")
    ).order_by("pk")


def refresher_assignments_make(*, refresher_id: int) -> int:
    """Assign a refresher drill to each completer in its sender's scope who has
    not got it yet (so a task delivered twice assigns nobody twice); mark it
    assigned. Returns how many were assigned now."""
    refresher = RefresherDrill.objects.select_related("course", "created_by").get(pk=refresher_id)
    by, course = refresher.created_by, refresher.course
    if by is None:
        refresher.error = "The sender's account no longer exists."
        refresher.save(update_fields=["error"])
        return 0
    # A manager (or an administrator) assigns within their own scope, checked
    # as any plan is. A trainer manages nobody, yet reads every completer of
    # the course: for them the scope check is skipped, which is safe because
    # the people are exactly the course's completers, nobody else.
    check_scope = sees_everyone(by) or not effectiveness_sees_everyone(by)
    already = PlanAssignment.objects.filter(drill_id=refresher.drill_id).values("person_id")
    day, made = refresher.day, 0
    for person in _refresher_people(by, course).exclude(pk__in=already):
        with transaction.atomic():
            assignment_create(
                by=by,
                drill=refresher.drill,
                person=person,
                starts_on=day,
                due_on=day + timedelta(days=REFRESHER_DUE_DAYS),
                origin=AssignmentOrigin.REFRESHER,
                note=_("Refresher after the course %(course)s.") % {"course": course.title},
                check_scope=check_scope,
            )
        made += 1
    refresher.assigned_at = timezone.now()
    refresher.save(update_fields=["assigned_at"])
    return made
