"""Writes of the courses app: enrolment, progress, decisions."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Person
from people.selectors import people_visible_to
from quizzes.selectors import drill_passed_by

from ..confidentiality import pages_visible_to
from ..models import (
    BehaviourObservation,
    CoursePage,
    DecisionChoice,
    DecisionPoint,
    Enrollment,
    FollowUpTask,
    LessonCompletion,
)
from ..models.followup import FollowUpKind
from ..models.pages import CaseStudyPage, CompletionRule
from ..selectors.decisions import decisions_pending_for
from ..selectors.progress import prerequisites_missing_for
from ..signals import course_completed, lesson_completed


class LearningRefused(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def enrollment_create(
    *,
    person: Person,
    course: CoursePage,
    by=None,
    require_prerequisites: bool = True,
    now: datetime | None = None,
) -> Enrollment:
    """Enrol a person (idempotent: enrolling twice keeps the first enrolment).

    A person enrols only once the course's prerequisites are completed; a
    manager enrolling their people decides for them (require_prerequisites=False).
    """
    existing = Enrollment.objects.filter(person=person, course=course).first()
    if existing:
        return existing
    if require_prerequisites:
        missing, unreadable = prerequisites_missing_for(person, course)
        if missing:
            raise LearningRefused(
                _("Complete %(courses)s before this course.")
                % {"courses": "、".join(c.title for c in missing)}
            )
        if unreadable:
            raise LearningRefused(_("Complete the prerequisites of this course first."))
    enrollment, _created = Enrollment.objects.get_or_create(
        person=person,
        course=course,
        defaults={"enrolled_at": now or timezone.now(), "enrolled_by": by},
    )
    return enrollment


def course_completion_check(
    *, person: Person, course: CoursePage, now: datetime | None = None
) -> bool:
    """Complete the enrolment when the course's rule is met; True once complete."""
    enrollment = Enrollment.objects.filter(person=person, course=course).first()
    if enrollment is None:
        return False
    retake_since = enrollment.retake_since
    if enrollment.completed_at is not None and retake_since is None:
        return True

    # What the person may read: a restricted review does not hold a course back.
    page_ids = list(
        pages_visible_to(person.user, course.get_children().live()).values_list("pk", flat=True)
    )
    done = LessonCompletion.objects.filter(person=person, page_id__in=page_ids).count()
    if done < len(page_ids):
        return False
    if course.completion_rule == CompletionRule.LESSONS_AND_DRILL and course.final_drill_id:
        passed = drill_passed_by(drill_id=course.final_drill_id, person=person, since=retake_since)
        if not passed:
            return False
    now = now or timezone.now()
    if retake_since is None:
        updated = Enrollment.objects.filter(pk=enrollment.pk, completed_at__isnull=True).update(
            completed_at=now
        )
    else:
        updated = Enrollment.objects.filter(pk=enrollment.pk, retake_since=retake_since).update(
            retake_since=None, retaken_at=now
        )
    if updated:
        transaction.on_commit(
            lambda: course_completed.send(
                sender=CoursePage, person_id=person.pk, course_id=course.pk
            )
        )
    return True


@transaction.atomic
def enrollments_retake_open(*, course: CoursePage, person_ids, since: datetime) -> list[int]:
    """Those of `person_ids` whose last completion of `course` is before `since`
    take it again from `since`: their lesson marks on the course are cleared
    (its pages show as to do), and the course completes again, sending
    course_completed, once its rule is met anew. Returns their ids."""
    last_done = Coalesce("retaken_at", "completed_at")
    enrollments = Enrollment.objects.annotate(last_done=last_done).filter(
        course=course,
        person_id__in=list(person_ids),
        retake_since__isnull=True,
        last_done__lt=since,
    )
    retaking = list(enrollments.values_list("person_id", flat=True))
    if retaking:
        LessonCompletion.objects.filter(
            person_id__in=retaking, page_id__in=course.get_children().values("pk")
        ).delete()
        Enrollment.objects.filter(course=course, person_id__in=retaking).update(retake_since=since)
    return retaking


@transaction.atomic
def lesson_complete(*, person: Person, page, now: datetime | None = None) -> LessonCompletion:
    """Mark a lesson or case page done (enrolling the person if needed)."""
    now = now or timezone.now()
    course = page.get_parent().specific
    if not isinstance(course, CoursePage):
        raise LearningRefused(_("This page is not part of a course."))
    if isinstance(page, CaseStudyPage) and decisions_pending_for(person, page):
        raise LearningRefused(_("Make every decision of this case before you mark it done."))
    enrollment = enrollment_create(person=person, course=course, now=now)
    Enrollment.objects.filter(pk=enrollment.pk).update(last_page=page)
    completion, created = LessonCompletion.objects.get_or_create(
        person=person, page_id=page.pk, defaults={"completed_at": now}
    )
    if created:
        transaction.on_commit(
            lambda: lesson_completed.send(
                sender=LessonCompletion, person_id=person.pk, page_id=page.pk, course_id=course.pk
            )
        )
    course_completion_check(person=person, course=course, now=now)
    return completion


def lesson_visit(*, person: Person, page) -> bool:
    """Remember the page of a course that a person opened, so they can resume
    there. Only an enrolment on the page's course records it; whether one was
    changed is returned."""
    changed = (
        Enrollment.objects.filter(person=person, course_id=page.get_parent().pk)
        .exclude(last_page_id=page.pk)
        .update(last_page=page)
    )
    return bool(changed)


def decision_commit(
    *,
    person: Person,
    decision_point: DecisionPoint,
    option: int,
    reasoning: str,
    now: datetime | None = None,
) -> DecisionChoice:
    """Commit to a choice with reasoning. A choice, once made, cannot be changed:
    the expert's answer is shown after it."""
    options = decision_point.option_list
    if not 0 <= option < len(options):
        raise LearningRefused(_("Choose one of the options."), field="option")
    # Browsers send a line break as CRLF but count it as one character.
    reasoning = (reasoning or "").replace("\r\n", "\n").strip()
    if len(reasoning) < 5:
        raise LearningRefused(
            _("Write your reasoning before you see the answer."), field="reasoning"
        )
    if len(reasoning) > 4000:
        raise LearningRefused(_("Keep your reasoning under 4,000 characters."), field="reasoning")
    try:
        with transaction.atomic():
            return DecisionChoice.objects.create(
                person=person,
                decision_point=decision_point,
                option=option,
                reasoning=reasoning,
                chosen_at=now or timezone.now(),
            )
    except IntegrityError as exc:
        raise LearningRefused(_("You have already made this decision.")) from exc


def observation_record(
    *,
    person: Person,
    observer,
    changed: bool,
    example: str,
    observed_on: date | None = None,
    course: CoursePage | None = None,
    task: FollowUpTask | None = None,
    checklist: list[dict] | None = None,
) -> BehaviourObservation:
    """Record whether `person`'s way of working has changed since training, with
    an example (Markdown). Only someone who may see the person records it: their
    managers, administrators, or their mentor while the pair is active (people's
    scope, widened by mentorship). Otherwise PermissionDenied; bad input is a
    ValidationError located on its field.

    With `task` (a behaviour task of the follow-up after training) it answers
    that checkpoint, once: the course is the task's, `checklist` answers the
    course's checklist ([{"item", "changed"}]), the task is done; a second
    observation of the same checkpoint is refused (LearningRefused)."""
    if not people_visible_to(observer).filter(pk=person.pk).exists() or observer == person.user:
        raise PermissionDenied
    today = timezone.localdate()
    observed_on = observed_on or today
    errors = {}
    if not example.strip():
        errors["example"] = _("Give an example of what you saw.")
    if observed_on > today:
        errors["observed_on"] = _("The day cannot be in the future.")
    if task is not None:
        if task.person_id != person.pk or task.kind != FollowUpKind.BEHAVIOUR:
            raise PermissionDenied
        course = task.course
        checklist_error = _checklist_error(checklist or [], course.checklist_items)
        if checklist_error:
            errors["checklist"] = checklist_error
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            observation = BehaviourObservation.objects.create(
                person=person,
                observer=observer,
                observed_on=observed_on,
                course=course,
                changed=changed,
                example=example.strip(),
                task=task,
                checklist=list(checklist or []),
            )
            if task is not None:
                done = FollowUpTask.objects.filter(pk=task.pk, done_at__isnull=True).update(
                    done_at=timezone.now()
                )
                if not done:
                    raise IntegrityError("the checkpoint was answered meanwhile")
    except IntegrityError as exc:
        raise LearningRefused(_("This checkpoint has already been observed.")) from exc
    return observation


def _checklist_error(checklist: list[dict], items: list[str]) -> str | None:
    """Every item of the course's checklist answered once, yes or no."""
    answered = [row.get("item") for row in checklist if isinstance(row, dict)]
    if answered != items or not all(isinstance(row.get("changed"), bool) for row in checklist):
        return _("Answer every item of the checklist.")
    return None
