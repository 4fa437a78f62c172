"""Who may read the effectiveness of courses, and over whom: decided here
once for the list, the course page, its exports and the refresher drills.

- administrators: everyone;
- trainers: everyone too. They design the courses and need every cohort;
  the pages show figures over groups, never a person's name;
- managers (who are not trainers): only the people they manage, so that a
  branch manager sees how their branch's completers fared;
- anybody else: nothing (404).
"""

from django.db.models import Count, Max, QuerySet

from people.models import Person
from people.roles import Role
from people.selectors import people_managed_by, sees_everyone, user_has_role

from ..confidentiality import pages_visible_to
from ..models import CoursePage, Enrollment


def may_see_effectiveness(user) -> bool:
    return user.is_authenticated and (
        sees_everyone(user)
        or user_has_role(user, Role.TRAINER)
        or user_has_role(user, Role.MANAGER)
    )


def effectiveness_sees_everyone(user) -> bool:
    return sees_everyone(user) or user_has_role(user, Role.TRAINER)


def effectiveness_people(user) -> QuerySet[Person]:
    """The people whose figures the user reads (see the module's docstring)."""
    if not may_see_effectiveness(user):
        return Person.objects.none()
    if effectiveness_sees_everyone(user):
        return Person.objects.all()
    return people_managed_by(user)


def completions_in_scope(user) -> QuerySet[Enrollment]:
    """Completed enrolments of the people in the user's scope."""
    rows = Enrollment.objects.filter(completed_at__isnull=False)
    if not effectiveness_sees_everyone(user):
        rows = rows.filter(person__in=effectiveness_people(user).values("pk"))
    return rows


def courses_with_completions(user) -> list[dict]:
    """[{course, completions, last_completed_at}] of the live courses the user
    may open with at least one completion in scope, most recent first (two
    queries)."""
    if not may_see_effectiveness(user):
        return []
    counts = {
        row["course_id"]: row
        for row in completions_in_scope(user)
        .values("course_id")
        .annotate(n=Count("pk"), last=Max("completed_at"))
    }
    courses = _visible_courses(user, counts)
    rows = [
        {
            "course": course,
            "completions": counts[course.pk]["n"],
            "last_completed_at": counts[course.pk]["last"],
        }
        for course in courses
    ]
    return sorted(rows, key=lambda row: row["last_completed_at"], reverse=True)


def _visible_courses(user, ids) -> list[CoursePage]:
    visible = pages_visible_to(user).filter(pk__in=list(ids)).values("pk")
    return list(CoursePage.objects.live().filter(pk__in=visible))


def effectiveness_course_get(user, course_id: int) -> CoursePage | None:
    """The course if the user may read its effectiveness, else None (404)."""
    if not may_see_effectiveness(user):
        return None
    visible = pages_visible_to(user).filter(pk=course_id).values("pk")
    return CoursePage.objects.live().filter(pk__in=visible).first()
