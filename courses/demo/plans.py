"""Demo training plans, read from plans.yaml beside this module: what the demo
manager assigned to their team, some done, some under way, some overdue, and a
yearly required course. build() adds an assignment only when the manager has
none for the same item and target, so running it again changes nothing."""

from datetime import timedelta
from pathlib import Path

from django.db.models import Q
from django.utils import timezone

from courses.models import CoursePage, Enrollment, PlanAssignee, PlanAssignment, Recurrence
from courses.services import enrollment_create
from courses.services.plans import assignment_create
from demofiles import Entry, yaml_read
from people.models import OrgUnit, Person
from quizzes.selectors.plan_drills import drills_open

DATA = Path(__file__).with_name("plans.yaml")
OPTIONAL = {
    "course": None, "drill": None, "unit": None, "person": None, "repeats": Recurrence.NONE,
    "note": "", "started": [], "done": [],
}  # fmt: skip


def data() -> dict:
    raw = yaml_read(DATA).take(["by", "assignments"])
    specs = [entry.take(["starts", "due"], OPTIONAL) for entry in raw.entries("assignments")]
    for spec in specs:
        if (spec["course"] is None) == (spec["drill"] is None):
            raise spec.error("name one course or one drill")
        if (spec["unit"] is None) == (spec["person"] is None):
            raise spec.error("name one unit or one person")
    return {"by": raw["by"], "assignments": specs}


def _item(spec: Entry) -> dict:
    if spec["course"]:
        course = CoursePage.objects.filter(slug=spec["course"]).first()
        if course is None:
            raise spec.error(f"no course with the slug {spec['course']}", "course")
        return {"course": course}
    drill = drills_open().filter(title=spec["drill"]).first()
    if drill is None:
        raise spec.error(f"no open drill named {spec['drill']}", "drill")
    return {"drill": drill}


def _target(spec: Entry) -> dict:
    if spec["unit"]:
        return {"unit": OrgUnit.objects.get(code=spec["unit"])}
    return {"person": Person.objects.get(employee_id=spec["person"])}


def _progress(assignment: PlanAssignment, spec: Entry, start) -> None:
    """The people who began or finished: a course through its enrolment."""
    for key, days in (("started", 2), ("done", 6)):
        for employee_id in spec[key]:
            person = Person.objects.get(employee_id=employee_id)
            if assignment.course_id:
                enrollment_create(
                    person=person, course=assignment.course, require_prerequisites=False, now=start
                )
                if key == "done":
                    Enrollment.objects.filter(
                        person=person, course=assignment.course, completed_at__isnull=True
                    ).update(completed_at=start + timedelta(days=days))
            PlanAssignee.objects.filter(assignment=assignment, person=person).update(
                started_at=start + timedelta(days=1),
                completed_at=start + timedelta(days=days) if key == "done" else None,
            )


def build(*, log=print) -> None:
    demo = data()
    by = Person.objects.select_related("user").get(employee_id=demo["by"]).user
    today, now = timezone.localdate(), timezone.now()
    added = 0
    for spec in demo["assignments"]:
        item, target = _item(spec), _target(spec)
        if PlanAssignment.objects.filter(created_by=by, **item, **target).exists():
            continue
        assignment = assignment_create(
            by=by,
            **item,
            **target,
            starts_on=today + timedelta(days=spec["starts"]),
            due_on=today + timedelta(days=spec["due"]),
            recurrence=spec["repeats"],
            note=spec["note"],
            now=now + timedelta(days=min(spec["starts"], 0)),
        )
        _progress(assignment, spec, now + timedelta(days=spec["starts"]))
        added += 1
    log(f"courses: {added} training assignments added (/learning/plans/).")


def clear(*, log=print) -> None:
    """Remove the demo manager's assignments of the items and targets of plans.yaml."""
    demo = data()
    by = Person.objects.filter(employee_id=demo["by"]).values("user_id")
    removed = 0
    for spec in demo["assignments"]:
        item = Q(course__slug=spec["course"]) if spec["course"] else Q(drill__title=spec["drill"])
        target = (
            Q(unit__code=spec["unit"]) if spec["unit"] else Q(person__employee_id=spec["person"])
        )
        removed += PlanAssignment.objects.filter(item, target, created_by__in=by).delete()[0]
    log(f"courses: demo training assignments removed ({removed} rows).")
