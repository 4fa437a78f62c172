"""Demo of the follow-up after training (訓後跟蹤), read from followup.yaml
beside this module: completions of a demo course with their follow-up at every
stage (survey answered, retention drill taken, an observation made, an overdue
task nudged), and a topic that decays after the course.

Written through the follow-up's own services, dated in the past; the mastery
figures are the nightly snapshots those days would have had. build() leaves an
existing follow-up alone; clear() removes what build() adds."""

from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from courses.models import (
    BehaviourObservation,
    CoursePage,
    Enrollment,
    FollowUpTask,
    LearningMeasure,
    PlanAssignment,
    ReactionResponse,
)
from courses.models.followup import FollowUpKind
from courses.services import observation_record
from courses.services.followup import (
    checkpoint_measures_take,
    checkpoints_open,
    followup_schedule,
    reaction_answer,
    retention_attempt_record,
)
from courses.services.followup_nudges import followup_tasks_nudge
from demofiles import yaml_read
from people.models import Person
from quizzes.models import Attempt, AttemptStatus, MasterySnapshot

FILE = Path(__file__).parent / "followup.yaml"
POINTS = {"before": -1, "completion": 0}


def data(path: Path = FILE) -> dict:
    spec = yaml_read(path).take(["course", "checklist", "observer", "completions"])
    completions = []
    for entry in spec.entries("completions"):
        entry = entry.take(
            ["person", "days_ago"],
            {"reaction": None, "mastery": {}, "retention": {}, "observation": {}},
        )
        for key in entry.get("mastery", {}):
            if key not in POINTS and not isinstance(key, int):
                raise entry.error(f"mastery: {key!r} is not before, completion or a day", "mastery")
        completions.append(entry)
    return {**spec, "completions": completions}


def _at(day, hour=12):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def build(*, log=print) -> None:
    spec = data()
    course = CoursePage.objects.filter(slug=spec["course"]).first()
    if course is None:
        log("courses: no demo course for the follow-up.")
        return
    if FollowUpTask.objects.filter(course=course).exists():
        log("courses: demo follow-up already there.")
        return
    if course.observation_checklist != "\n".join(spec["checklist"]):
        course.observation_checklist = "\n".join(spec["checklist"])
        course.save_revision().publish()
    people = Person.objects.select_related("user", "unit").in_bulk(
        [c["person"] for c in spec["completions"]] + [spec["observer"]], field_name="employee_id"
    )
    topic_ids = list(course.topics.values_list("pk", flat=True))
    today = timezone.localdate()
    for entry in spec["completions"]:
        person = people[entry["person"]]
        done_on = today - timedelta(days=entry["days_ago"])
        Enrollment.objects.update_or_create(
            person=person,
            course=course,
            defaults={
                "enrolled_at": _at(done_on - timedelta(days=7)),
                "completed_at": _at(done_on),
            },
        )
        days = {
            point: (done_on - timedelta(days=8) if point == -1 else done_on + timedelta(days=point))
            for point in (POINTS.get(key, key) for key in entry["mastery"])
        }
        for key, value in entry["mastery"].items():
            for topic_id in topic_ids:
                MasterySnapshot.objects.update_or_create(
                    person=person,
                    topic_id=topic_id,
                    date=days[POINTS.get(key, key)],
                    defaults={"mastery": value},
                )
        followup_schedule(person=person, course=course, completed_on=done_on, now=_at(done_on))
        if "completion" in entry["mastery"]:  # as the live figure was that day
            LearningMeasure.objects.filter(person=person, course=course, point=0).update(
                mastery=entry["mastery"]["completion"], topics=len(topic_ids)
            )
        if entry["reaction"]:
            task = FollowUpTask.objects.get(
                person=person, course=course, kind=FollowUpKind.REACTION
            )
            reaction_answer(task=task, **entry["reaction"], now=_at(done_on + timedelta(days=2)))
    checkpoints_open(today=today)
    checkpoint_measures_take(today=today)
    for entry in spec["completions"]:
        _checkpoints(entry, people, people[spec["observer"]], course, today)
    nudged, _escalated = followup_tasks_nudge()
    log(
        f"courses: follow-up of {len(spec['completions'])} completions of “{course.title}” "
        f"({FollowUpTask.objects.filter(course=course, done_at__isnull=False).count()} tasks done, "
        f"{nudged} overdue and reminded)."
    )


def _checkpoints(entry, people, observer, course, today):
    person = people[entry["person"]]
    done_on = today - timedelta(days=entry["days_ago"])
    for point, score in entry["retention"].items():
        taken = _at(done_on + timedelta(days=point + 3))
        task = FollowUpTask.objects.get(
            person=person, course=course, kind=FollowUpKind.RETENTION, checkpoint_days=point
        )
        Attempt.objects.create(
            drill_id=task.assignment.drill_id, person=person, status=AttemptStatus.FINISHED,
            started_at=taken - timedelta(minutes=6), finished_at=taken, score=score,
        )  # fmt: skip
        retention_attempt_record(
            person_id=person.pk, drill_id=task.assignment.drill_id, score=score, now=taken
        )
        if point in entry["mastery"]:  # as the live figure was that day
            LearningMeasure.objects.filter(person=person, course=course, point=point).update(
                mastery=entry["mastery"][point]
            )
    for point, seen in entry["observation"].items():
        task = FollowUpTask.objects.get(
            person=person, course=course, kind=FollowUpKind.BEHAVIOUR, checkpoint_days=point
        )
        observation_record(
            person=person,
            observer=observer.user,
            changed=seen["changed"],
            example=seen["example"],
            observed_on=done_on + timedelta(days=point + 5),
            task=task,
            checklist=[
                {"item": item, "changed": changed}
                for item, changed in zip(course.checklist_items, seen["checklist"], strict=True)
            ],
        )


def clear(*, log=print) -> None:
    course = CoursePage.objects.filter(slug=data()["course"]).first()
    if course is None:
        return
    tasks = FollowUpTask.objects.filter(course=course)
    assignments = list(tasks.exclude(assignment=None).values_list("assignment_id", flat=True))
    BehaviourObservation.objects.filter(task__in=tasks).delete()
    ReactionResponse.objects.filter(course=course).delete()
    LearningMeasure.objects.filter(course=course).delete()
    tasks.delete()
    PlanAssignment.objects.filter(pk__in=assignments).delete()
    log("courses: demo follow-up removed.")
