"""Reads of enrolment and progress: a person's courses and pages done, what
to open next, prerequisites, and a manager's people on a course."""

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from wagtail.models import Page

from people.selectors import managed_units_of, person_for_user, team_members

from ..confidentiality import (
    hidden_subtrees_key,
    page_hidden_from,
    readable_by_person,
    readers_among,
)
from ..models import (
    CoursePage,
    Enrollment,
    LessonCompletion,
)
from ..page_tree_cache import pages_by_id, restrictions_now, tree_cached
from .progress_rows import enrollment_and_done, live_enrollments_of, pages_done_by

PAGES_PER_PAGE = 50  # of a course's list of its pages, on the course page


def course_progress_for(course: CoursePage, user, *, number=None) -> dict:
    """Progress of the signed-in person on a course, with one page of its
    list of pages' ids (`number` as given in ?page=, read as Paginator.get_page
    does) and the page to go on to, in a fixed number of queries: only that
    page is loaded, with 10 pages or 5,000."""
    progress = course_progress_summary(course, user)
    order = visible_page_order(course, user)
    enrollment = progress["enrollment"]
    last = enrollment.last_page_id if enrollment else None
    resume = resume_page_id(order, progress["done"], last)
    # The ids of the part of the list shown: its rows are made from them
    # (courses.page_list_rows), with pages loaded only for rows not made yet.
    listed = Paginator(order, PAGES_PER_PAGE).get_page(number)
    listed.object_list = list(listed.object_list)
    resume_page = pages_by_id(Page, [resume]).get(resume) if resume is not None else None
    return {**progress, "pages": listed, "resume": resume_page}


def course_progress_summary(course: CoursePage, user) -> dict:
    """How far the signed-in person is on a course (enrolment, pages done of
    how many), in one query and the same time with 10 pages or 5,000: what a
    lesson, case or review shows of its course."""
    visible = visible_page_ids(course, user)
    person = person_for_user(user)
    enrollment, done = (
        enrollment_and_done(person_id=person.pk, course=course) if person else (None, set())
    )
    done &= visible
    return {
        "done": done,
        "total": len(visible),
        "percent": round(100 * len(done) / len(visible)) if visible else 0,
        "enrollment": enrollment,
        # Being taken again (a new assignment after a completion): not completed.
        "completed": bool(enrollment and enrollment.completed_at and not enrollment.retake_since),
    }


def visible_page_ids(course: CoursePage, user) -> frozenset[int]:
    """Ids of the course's live pages the user may read: worked out once per
    set of hidden subtrees in each process for the page tree's generation."""
    if course.pk is None:  # a preview of a course not saved yet
        return frozenset()
    order = visible_page_order(course, user)
    return restrictions_now().held(
        "course-visible-ids", (course.pk, hidden_subtrees_key(user)), lambda: frozenset(order)
    )


def visible_page_order(course: CoursePage, user) -> tuple[int, ...]:
    """visible_page_ids in the order of the course (the tree's): held alike."""
    if course.pk is None:  # a preview of a course not saved yet
        return ()
    tree = restrictions_now()
    rows = tree.held(
        "course-page-rows",
        course.pk,
        lambda: tuple(course.get_children().live().order_by("path").values_list("pk", "path")),
    )
    hidden = hidden_subtrees_key(user)
    step = Page.steplen
    return tree.held(
        "course-visible-order",
        (course.pk, hidden),
        lambda: tuple(
            pk
            for pk, path in rows
            # A look-up per level of the path, however many subtrees are hidden.
            if not any(path[:end] in hidden for end in range(step, len(path) + 1, step))
        ),
    )


def resume_page_id(order, done, last_page_id: int | None) -> int | None:
    """Where to go on, from the ids of the pages in their order: the page last
    opened if it is not done yet, else the next page after it not done, going
    round to the first (None when all are done)."""
    count = len(order)
    try:
        start = order.index(last_page_id) if last_page_id is not None else 0
    except ValueError:  # no longer live, or hidden from the reader
        start = 0
    for step in range(count):
        pk = order[(start + step) % count]
        if pk not in done:
            return pk
    return None


def course_completed_by(person, course) -> bool:
    return Enrollment.objects.filter(
        person=person, course=course, completed_at__isnull=False
    ).exists()


def prerequisites_for(course: CoursePage, user) -> list[dict]:
    """The course's prerequisites the user may read, each with whether the
    signed-in person has completed it. Two queries."""

    required = [c for c in _prerequisites_live(course) if not page_hidden_from(user, c)]
    person = person_for_user(user)
    completed = (
        set(
            Enrollment.objects.filter(
                person=person, course__in=required, completed_at__isnull=False
            ).values_list("course_id", flat=True)
        )
        if person and required
        else set()
    )
    return [{"course": c, "completed": c.pk in completed} for c in required]


def prerequisites_missing_for(person, course: CoursePage) -> tuple[list[CoursePage], int]:
    """The live prerequisites of a course that the person has not completed: those
    they may read, and how many more they may not (to be named to nobody)."""

    done = Enrollment.objects.filter(person=person, completed_at__isnull=False).values("course")
    missing = list(_prerequisites_of(course).live().exclude(pk__in=done).order_by("title"))
    readable = [c for c in missing if not page_hidden_from(person.user, c)]
    return readable, len(missing) - len(readable)


def _prerequisites_live(course: CoursePage) -> list[CoursePage]:
    # Kept for the tree's generation: prerequisites are saved with the course page.
    return tree_cached(
        "prerequisites", course.pk, lambda: list(_prerequisites_of(course).live().order_by("title"))
    )


def _prerequisites_of(course: CoursePage):
    # Through the link table, so a page loaded from a revision reads the same rows.
    links = CoursePage.prerequisites.through.objects.filter(from_coursepage=course)
    return CoursePage.objects.filter(pk__in=links.values("to_coursepage"))


def lesson_context_for(page, user) -> dict:
    """The course around a lesson, case or review, with the person's progress."""
    course = tree_cached("course-of", page.pk, lambda: _course_above(page))
    progress = course_progress_summary(course, user)
    return {"course": course, "progress": progress, "done": page.pk in progress["done"]}


def _course_above(page):
    # The course page in one query: of the one type the page may sit under
    # (a risk review's course), else a plain course (the usual case).
    parents = page.specific_class.allowed_parent_page_models()
    model = parents[0] if len(parents) == 1 else CoursePage
    course = model.objects.filter(path=page.path[: -page.steplen]).first()
    if course is None or course.specific_class is not model:
        course = page.get_parent().specific
    return course


def my_learning(person, *, viewer=None, limit: int | None = 10) -> list[dict]:
    """The person's courses with progress, newest enrolment first: only courses
    and pages they may read (and, given a `viewer` such as their manager, only
    courses the viewer may read too, so a confidential title never shows to
    someone outside it), at most `limit` (None: all), in a fixed number of queries."""

    reader = person.user if person.user_id else AnonymousUser()  # a person without a login
    enrollments = live_enrollments_of(person.pk, limit=limit)  # written out (progress_rows)
    # The courses from the page tree's cache: no join with the page tables.
    courses = pages_by_id(CoursePage, [e.course_id for e in enrollments])
    course_field = Enrollment._meta.get_field("course")
    for enrollment in enrollments:
        if enrollment.course_id in courses:
            course_field.set_cached_value(enrollment, courses[enrollment.course_id])
    enrollments = [
        e
        for e in enrollments
        if e.course_id in courses  # not deleted since
        and not page_hidden_from(reader, e.course)
        and (viewer is None or not page_hidden_from(viewer, e.course))
    ]
    if not enrollments:
        return []
    # Ids held per set of hidden subtrees: a course of 5,000 reviews costs the
    # same as one of ten, and no page is read.
    per_course = {e.course_id: visible_page_ids(e.course, reader) for e in enrollments}
    done = pages_done_by(person.pk)
    result = []
    for enrollment in enrollments:
        pages = per_course.get(enrollment.course_id, frozenset())
        finished = len(pages & done)
        result.append(
            {
                "course": enrollment.course,
                "percent": round(100 * finished / len(pages)) if pages else 0,
                "completed": enrollment.completed_at is not None and not enrollment.retake_since,
                "enrolled_at": enrollment.enrolled_at,
                "completed_at": enrollment.completed_at,
                "done": finished,
                "total": len(pages),
            }
        )
    return result


def team_enrolment_for(course, user) -> list[dict]:
    """A manager's people with whether each is on the course, and the progress
    of each who is; empty for others."""

    if not managed_units_of(user):  # most readers: no people to list, no query to build
        return []
    members = list(team_members(user))
    if not members:
        return []
    enrolled = {
        e.person_id: e for e in Enrollment.objects.filter(course=course, person__in=members)
    }

    readers = readers_among(course, members)
    progress = _team_progress(course, [m for m in members if m.pk in enrolled])
    return [
        {
            "person": m,
            "enrollment": enrolled.get(m.pk),
            "may_read": m.pk in readers,
            "progress": progress.get(m.pk),
        }
        for m in members
    ]


def _team_progress(course, people) -> dict[int, dict]:
    """{person id: {"done", "total", "percent"}} on `course` for enrolled
    `people`, each over the pages they may read (as on their own course page)."""

    if not people:
        return {}
    pages = list(course.get_children().live().only("pk", "path"))
    readable = readable_by_person(pages, people)
    done_pages: dict[int, set[int]] = {}
    for person_id, page_id in LessonCompletion.objects.filter(
        person__in=people, page_id__in=[p.pk for p in pages]
    ).values_list("person_id", "page_id"):
        done_pages.setdefault(person_id, set()).add(page_id)
    result = {}
    for person in people:
        total = readable.get(person.pk, set())
        done = len(done_pages.get(person.pk, set()) & total)
        result[person.pk] = {
            "done": done,
            "total": len(total),
            "percent": round(100 * done / len(total)) if total else 0,
        }
    return result
