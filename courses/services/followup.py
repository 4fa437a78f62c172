"""Writes of the follow-up after training (訓後跟蹤).

Completing a course schedules its tasks: the trainee's reaction survey, and at
each checkpoint of the course (+30 and +90 days by default) a retention drill
for the trainee and an observation for their line manager (or, without one,
any manager who sees them, or their mentor). Mastery of the course's topics is
recorded before the course, at completion and at each checkpoint, so that the
effectiveness figures read these rows, never the answers.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Person
from people.selectors import line_managers_of
from quizzes.selectors.mastery import mastery_grid, mastery_on
from quizzes.services.retention import retention_drill_for_topics

from ..conf import courses_settings
from ..models import (
    AssignmentOrigin,
    CoursePage,
    Enrollment,
    FollowUpTask,
    LearningMeasure,
    ReactionResponse,
)
from ..models.followup import FollowUpKind, LearningPoint
from ..selectors.attempt_checks import attempt_checks_forget, open_retention_task_of
from .plans import assignment_create


class FollowUpRefused(Exception):
    """A follow-up task that cannot be done (again): its message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def topic_ids_of(course: CoursePage) -> list[int]:
    return sorted(course.topics.values_list("pk", flat=True))


def mean_mastery(by_topic: dict[int, float], topic_ids: list[int]) -> tuple[float | None, int]:
    """(mean mastery over the topics with evidence, how many had it); None without any."""
    values = [by_topic[tid] for tid in topic_ids if tid in by_topic]
    return (sum(values) / len(values) if values else None), len(values)


def _measure_save(*, person_id, course, completed_on, point, measured_on, by_topic, topic_ids):
    mastery, topics = mean_mastery(by_topic, topic_ids)
    LearningMeasure.objects.update_or_create(
        person_id=person_id,
        course=course,
        point=point,
        defaults={
            "completed_on": completed_on,
            "measured_on": measured_on,
            "mastery": mastery,
            "topics": topics,
        },
    )


def _task(person, course, completed_on, kind, days, due_on, owner, now) -> FollowUpTask:
    task, _created = FollowUpTask.objects.get_or_create(
        person=person,
        course=course,
        kind=kind,
        checkpoint_days=days,
        defaults={
            "completed_on": completed_on,
            "due_on": due_on,
            "owner": owner,
            "created_at": now,
        },
    )
    return task


@transaction.atomic
def followup_schedule(
    *,
    person: Person,
    course: CoursePage,
    completed_on: date | None = None,
    now: datetime | None = None,
) -> list[FollowUpTask]:
    """Create the follow-up of `person`'s completion of `course` (idempotent:
    a task or measure that exists is kept) and record mastery before the
    course (the day before enrolment, from the nightly snapshots) and now.
    Returns the tasks, reaction first, then by checkpoint."""
    now = now or timezone.now()
    enrollment = Enrollment.objects.filter(person=person, course=course).first()
    if completed_on is None:
        done_at = enrollment.completed_at if enrollment and enrollment.completed_at else now
        completed_on = timezone.localdate(done_at)
    topic_ids = topic_ids_of(course)
    manager = line_managers_of(person).first()
    behaviour_owner = manager.user if manager else None
    window = timedelta(days=courses_settings.FOLLOWUP_CHECKPOINT_DUE_DAYS)
    reaction_due = completed_on + timedelta(days=courses_settings.FOLLOWUP_REACTION_DUE_DAYS)
    tasks = [
        _task(
            person, course, completed_on, FollowUpKind.REACTION, 0, reaction_due, person.user, now
        )
    ]
    for days in course.checkpoint_days:
        due_on = completed_on + timedelta(days=days) + window
        if topic_ids:  # a course without topics has nothing to drill
            tasks.append(
                _task(
                    person, course, completed_on, FollowUpKind.RETENTION, days, due_on,
                    person.user, now,
                )
            )  # fmt: skip
        tasks.append(
            _task(
                person, course, completed_on, FollowUpKind.BEHAVIOUR, days, due_on,
                behaviour_owner, now,
            )
        )  # fmt: skip
    measures = set(
        LearningMeasure.objects.filter(person=person, course=course).values_list("point", flat=True)
    )
    if LearningPoint.BEFORE not in measures:
        enrolled_on = timezone.localdate(enrollment.enrolled_at) if enrollment else completed_on
        before = enrolled_on - timedelta(days=1)
        _measure_save(
            person_id=person.pk, course=course, completed_on=completed_on,
            point=LearningPoint.BEFORE, measured_on=before,
            by_topic=mastery_on([person.pk], before).get(person.pk, {}), topic_ids=topic_ids,
        )  # fmt: skip
    if LearningPoint.COMPLETION not in measures:
        live = mastery_grid([person.pk], now=now).get(person.pk, {})
        _measure_save(
            person_id=person.pk, course=course, completed_on=completed_on,
            point=LearningPoint.COMPLETION, measured_on=completed_on,
            by_topic={tid: m.mastery for tid, m in live.items()}, topic_ids=topic_ids,
        )  # fmt: skip
    return tasks


def opens_on(task: FollowUpTask) -> date:
    """The day a task can be done: completion for the survey, its checkpoint otherwise."""
    return task.completed_on + timedelta(days=task.checkpoint_days)


def _checkpoints_come(today: date, **filters):
    """Tasks whose checkpoint has come by `today`, one filter per checkpoint
    length in use (a handful), so that the database compares plain dates."""
    lengths = (
        FollowUpTask.objects.filter(checkpoint_days__gt=0, **filters)
        .values_list("checkpoint_days", flat=True)
        .distinct()
    )
    for days in sorted(set(lengths)):
        yield (
            days,
            FollowUpTask.objects.filter(
                checkpoint_days=days, completed_on__lte=today - timedelta(days=days), **filters
            ),
        )


def retention_drill_for(course: CoursePage):
    """The course's retention drill (one per course, shared by its trainees)."""
    return retention_drill_for_topics(
        topic_ids=topic_ids_of(course),
        title=_("Retention: %(course)s") % {"course": course.title},
        question_count=courses_settings.FOLLOWUP_RETENTION_QUESTIONS,
    )


def checkpoints_open(*, today: date | None = None) -> int:
    """Assign the retention drill of every checkpoint that has come and has none
    yet (a plan assignment of origin retention, due when the task is). Returns
    how many were opened; running it again opens nothing new."""
    today = today or timezone.localdate()
    opened = 0
    drills = {}
    for _days, tasks in _checkpoints_come(
        today, kind=FollowUpKind.RETENTION, assignment__isnull=True, done_at__isnull=True
    ):
        for task in tasks.select_related("person", "course").order_by("pk"):
            with transaction.atomic():
                if task.course_id not in drills:
                    drills[task.course_id] = retention_drill_for(task.course)
                assignment = assignment_create(
                    by=None,
                    drill=drills[task.course_id],
                    person=task.person,
                    starts_on=today,
                    due_on=max(task.due_on, today),
                    origin=AssignmentOrigin.RETENTION,
                    check_scope=False,
                )
                FollowUpTask.objects.filter(pk=task.pk).update(assignment=assignment)
            opened += 1
    return opened


def checkpoint_measures_take(*, today: date | None = None) -> int:
    """Record each come checkpoint's mastery from the nightly snapshots (on its
    day), where no measure exists yet, so that "now" figures exist without the
    drill. One snapshot read per checkpoint length. Returns how many were written."""
    today = today or timezone.localdate()
    written = 0
    for days, tasks in _checkpoints_come(
        today, kind__in=[FollowUpKind.RETENTION, FollowUpKind.BEHAVIOUR]
    ):
        rows = set(tasks.values_list("person_id", "course_id", "completed_on"))
        done = set(
            LearningMeasure.objects.filter(
                point=days, person_id__in={r[0] for r in rows}
            ).values_list("person_id", "course_id")
        )
        rows = [row for row in rows if row[:2] not in done]
        if not rows:
            continue
        courses = CoursePage.objects.in_bulk({row[1] for row in rows})
        topics = {pk: topic_ids_of(course) for pk, course in courses.items()}
        by_day: dict[date, list] = {}
        for row in rows:
            by_day.setdefault(min(row[2] + timedelta(days=days), today), []).append(row)
        for day, day_rows in by_day.items():
            snapshots = mastery_on([row[0] for row in day_rows], day)
            for person_id, course_id, completed_on in day_rows:
                _measure_save(
                    person_id=person_id, course=courses[course_id], completed_on=completed_on,
                    point=days, measured_on=day, by_topic=snapshots.get(person_id, {}),
                    topic_ids=topics[course_id],
                )  # fmt: skip
                written += 1
    return written


def retention_attempt_record(
    *, person_id: int, drill_id: int | None, score: float | None, now: datetime | None = None
) -> FollowUpTask | None:
    """A finished attempt at a retention drill: the earliest open checkpoint
    that assigned it is done, and its learning measure records mastery now
    (live) and the drill's score. None when the attempt answers no task:
    then one small query, no transaction (every finished attempt asks, most
    of them, such as the morning drill's, answer none)."""
    if drill_id is None:
        return None
    if not open_retention_task_of(person_id=person_id, drill_id=drill_id):  # written out
        return None
    now = now or timezone.now()
    open_tasks = FollowUpTask.objects.filter(
        person_id=person_id,
        kind=FollowUpKind.RETENTION,
        assignment__drill_id=drill_id,
        done_at__isnull=True,
    )
    with transaction.atomic():
        done = _retention_task_done(open_tasks, person_id=person_id, score=score, now=now)
    attempt_checks_forget(person_id=person_id, drill_id=drill_id)
    return done


def _retention_task_done(open_tasks, *, person_id: int, score, now: datetime):
    task = open_tasks.select_for_update().select_related("course").order_by("due_on", "pk").first()
    if task is None:  # done by another finish since it was seen open
        return None
    task.done_at = now
    task.save(update_fields=["done_at"])
    topic_ids = topic_ids_of(task.course)
    live = mastery_grid([person_id], now=now).get(person_id, {})
    mastery, topics = mean_mastery({tid: m.mastery for tid, m in live.items()}, topic_ids)
    LearningMeasure.objects.update_or_create(
        person_id=person_id,
        course=task.course,
        point=task.checkpoint_days,
        defaults={
            "completed_on": task.completed_on,
            "measured_on": timezone.localdate(now),
            "mastery": mastery,
            "topics": topics,
            "retention_score": score,
        },
    )
    return task


def reaction_answer(
    *, task: FollowUpTask, rating: int, comment: str = "", now: datetime | None = None
) -> ReactionResponse:
    """The trainee's answer to the reaction survey of `task`, once: a second
    answer is refused (FollowUpRefused). Bad input is a ValidationError on its
    field. The caller has checked the task is the user's own."""
    if task.kind != FollowUpKind.REACTION:
        raise FollowUpRefused(_("This task is not a reaction survey."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    now = now or timezone.now()
    try:
        with transaction.atomic():
            response = ReactionResponse.objects.create(
                person_id=task.person_id,
                course_id=task.course_id,
                rating=rating,
                comment=(comment or "").replace("\r\n", "\n").strip(),
                answered_at=now,
            )
            FollowUpTask.objects.filter(pk=task.pk).update(done_at=now)
    except IntegrityError as exc:
        raise FollowUpRefused(_("You have already answered this survey.")) from exc
    task.done_at = now
    return response
