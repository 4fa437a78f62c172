"""The one-click refresher drill of the effectiveness page: a drill on a topic
the course's completers are forgetting, assigned to each of them through a
training plan."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Person
from people.selectors import sees_everyone
from quizzes.services.refresher import refresher_drill_create

from ..models import AssignmentOrigin, CoursePage, LessonPage, RefresherDrill
from ..selectors.effectiveness_scope import (
    completions_in_scope,
    effectiveness_sees_everyone,
    may_see_effectiveness,
)
from .plans import assignment_create

REFRESHER_DUE_DAYS = 14


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
    starting today, due in 14 days. Once per course, topic and day: a second
    call the same day returns the first one with created=False."""
    if not may_see_effectiveness(by):
        raise PermissionDenied
    today = today or timezone.localdate()
    existing = RefresherDrill.objects.filter(course=course, topic_id=topic_id, day=today).first()
    if existing is not None:
        return RefresherResult(existing, created=False)
    topic = course.topics.filter(pk=topic_id).first()
    if topic is None:
        raise ValidationError({"topic": _("This topic is not one of the course's topics.")})
    person_ids = list(
        completions_in_scope(by).filter(course=course).values_list("person_id", flat=True)
    )
    if not person_ids:
        raise ValidationError({"topic": _("Nobody in your scope has completed this course.")})
    # A manager (or an administrator) assigns within their own scope, checked
    # as any plan is. A trainer manages nobody, yet reads every completer of
    # the course: for them the scope check is skipped, which is safe because
    # the people are exactly the course's completers, nobody else.
    check_scope = sees_everyone(by) or not effectiveness_sees_everyone(by)
    now = timezone.now()
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
                people=len(person_ids),
                created_by=by,
                created_at=now,
            )
            for person in Person.objects.filter(pk__in=person_ids).order_by("pk"):
                assignment_create(
                    by=by,
                    drill=drill,
                    person=person,
                    starts_on=today,
                    due_on=today + timedelta(days=REFRESHER_DUE_DAYS),
                    origin=AssignmentOrigin.REFRESHER,
                    note=_("Refresher after the course %(course)s.") % {"course": course.title},
                    check_scope=check_scope,
                    now=now,
                )
    except IntegrityError:
        # Someone sent the same refresher a moment ago (the constraint is the lock).
        refresher = RefresherDrill.objects.get(course=course, topic_id=topic_id, day=today)
        return RefresherResult(refresher, created=False)
    return RefresherResult(refresher, created=True)
