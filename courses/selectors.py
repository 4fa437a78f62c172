"""Reads of the courses app: the catalogue, progress, decisions."""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, Q, When, Window
from django.db.models.functions import RowNumber
from wagtail.models import Page

from people.selectors import person_for_user, team_members
from quizzes.selectors import topic_list

from .confidentiality import (
    hidden_subtree_paths,
    page_hidden_from,
    pages_visible_to,
    readable_by_person,
    readers_among,
)
from .models import (
    CourseIndexPage,
    CoursePage,
    DecisionChoice,
    Enrollment,
    LessonCompletion,
    RiskCaseReviewPage,
    RiskFactor,
)
from .models.pages import CourseFormat

PER_PAGE = 12


def id_from(text: str) -> int | None:
    """A database id from user input (a query string, a form), or None: ASCII
    digits only ('²'.isdigit() is True) and small enough for a bigint."""
    if text and text.isascii() and text.isdigit() and len(text) < 19:
        return int(text)
    return None


def catalogue_courses(index, params, *, user) -> dict:
    """The catalogue's courses the user may read: searched, filtered by topic,
    audience and format, paginated. Found by a search, they come best first."""

    readable = pages_visible_to(user, CoursePage.objects.live().descendant_of(index))
    courses = readable
    query = (params.get("q") or "").strip()[:100]
    if query:
        found = catalogue_search(index, query, user=user)
        order = Case(*[When(pk=pk, then=rank) for rank, pk in enumerate(found)], default=len(found))
        courses = courses.filter(pk__in=found).order_by(order, "title")
    else:
        courses = courses.order_by("title")
    topic = params.get("topic") or ""
    topic_id = id_from(topic)
    if topic_id is not None:
        # A subquery, not a join, so a course is listed once without DISTINCT.
        courses = courses.filter(pk__in=CoursePage.objects.filter(topics__id=topic_id).values("pk"))
    audience = (params.get("audience") or "").strip()
    if audience:
        courses = courses.filter(audience__icontains=audience)
    course_format = params.get("format")
    if course_format in CourseFormat.values:
        courses = courses.filter(course_format=course_format)
    page = Paginator(courses, PER_PAGE).get_page(params.get("page"))
    return {
        "courses": page,
        # The topics of the courses this reader may find here, and no others.
        "topics": topic_list(
            ids=CoursePage.topics.through.objects.filter(coursepage__in=readable).values("topic")
        ),
        "formats": CourseFormat.choices,
        "filters": {
            "q": query,
            "topic": topic,
            "audience": audience,
            "format": course_format or "",
        },
    }


def catalogue_search(index, query: str, *, user, limit: int = 500) -> list[int]:
    """Ids of the courses under `index` whose own text or any of whose lessons,
    cases or reviews the user may read matches `query`, best match first."""

    pages = pages_visible_to(user, Page.objects.live().descendant_of(index))
    course_path_length = (index.depth + 1) * Page.steplen
    course_paths: list[str] = []
    for page in pages.search(query)[:limit]:
        path = page.path[:course_path_length]
        if len(page.path) >= course_path_length and path not in course_paths:
            course_paths.append(path)
    ids = dict(CoursePage.objects.filter(path__in=course_paths).values_list("path", "pk"))
    return [ids[path] for path in course_paths if path in ids]


def course_progress_for(course: CoursePage, user) -> dict:
    """Progress of the signed-in person on a course, in a fixed number of queries."""

    pages = list(pages_visible_to(user, course.get_children().live()).order_by("path"))
    person = person_for_user(user)
    enrollment = Enrollment.objects.filter(person=person, course=course).first() if person else None
    done = (
        set(
            LessonCompletion.objects.filter(
                person=person, page_id__in=[p.pk for p in pages]
            ).values_list("page_id", flat=True)
        )
        if person
        else set()
    )
    return {
        "pages": pages,
        "done": done,
        "total": len(pages),
        "percent": round(100 * len(done) / len(pages)) if pages else 0,
        "enrollment": enrollment,
        "completed": bool(enrollment and enrollment.completed_at),
        "resume": _resume_page(pages, done, enrollment.last_page_id if enrollment else None),
    }


def _resume_page(pages: list, done: set[int], last_page_id: int | None):
    """Where to go on: the page last opened if it is not done yet, else the next
    page after it not done, else the first page not done (None when all are)."""
    ids = [p.pk for p in pages]
    start = ids.index(last_page_id) if last_page_id in ids else 0
    for page in pages[start:] + pages[:start]:
        if page.pk not in done:
            return page
    return None


def course_completed_by(person, course) -> bool:
    return Enrollment.objects.filter(
        person=person, course=course, completed_at__isnull=False
    ).exists()


def prerequisites_for(course: CoursePage, user) -> list[dict]:
    """The course's prerequisites the user may read, each with whether the
    signed-in person has completed it. Two queries."""

    required = list(pages_visible_to(user, _prerequisites_of(course).live().order_by("title")))
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


def _prerequisites_of(course: CoursePage):
    # Through the link table, so a page loaded from a revision reads the same rows.
    links = CoursePage.prerequisites.through.objects.filter(from_coursepage=course)
    return CoursePage.objects.filter(pk__in=links.values("to_coursepage"))


def decisions_pending_for(person, page) -> bool:
    """Whether a case still has decision points the person has not decided."""
    return page.decision_points.exclude(choices__person=person).exists()


def lesson_context_for(page, user) -> dict:
    """The course around a lesson, case or review, with the person's progress."""
    course = page.get_parent().specific
    progress = course_progress_for(course, user)
    return {"course": course, "progress": progress, "done": page.pk in progress["done"]}


def case_context_for(page, user, drafts: dict | None = None, *, points=None) -> dict:
    """The decision points with the person's own choice at each (answers show
    only after it), and at a refused one what they wrote and why it was refused."""
    person = person_for_user(user)
    points = list(page.decision_points.all()) if points is None else points
    chosen = (
        {
            c.decision_point_id: c
            for c in DecisionChoice.objects.filter(person=person, decision_point__in=points)
        }
        if person
        else {}
    )
    decisions = []
    for point in points:
        choice = chosen.get(point.pk)
        options = point.option_list
        decisions.append(
            {
                "point": point,
                "choice": choice,
                "chosen_text": options[choice.option]
                if choice and choice.option < len(options)
                else "",
                "draft": None if choice else (drafts or {}).get(point.pk),
            }
        )
    # How it went and the lessons are revealed once every decision is made.
    return {"decisions": decisions, "all_decided": all(d["choice"] for d in decisions)}


def decision_summaries(points, *, latest: int = 50) -> list[dict]:
    """How learners chose at each decision point, and the reasoning of the
    `latest` choices of each (without names), for trainers: two queries
    whatever the number of points and choices."""

    ids = [point.pk for point in points]
    counts, reasons = {}, defaultdict(list)
    if ids:
        choices = DecisionChoice.objects.filter(decision_point_id__in=ids)
        counts = {
            (row["decision_point_id"], row["option"]): row["count"]
            for row in choices.values("decision_point_id", "option").annotate(count=Count("id"))
        }
        ranked = (
            choices.annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("decision_point_id"),
                    order_by=[F("chosen_at").desc(), F("id").desc()],
                )
            )
            .filter(rank__lte=latest)
            .order_by("decision_point_id", "rank")
            .values_list("decision_point_id", "option", "reasoning")
        )
        for point_id, option, reasoning in ranked:
            reasons[point_id].append((option, reasoning))
    return [
        {
            "point": point,
            "options": [
                (text, counts.get((point.pk, index), 0))
                for index, text in enumerate(point.option_list)
            ],
            "reasons": reasons[point.pk],
        }
        for point in points
    ]


def catalogue_for(user):
    """The first course catalogue the user may read (by tree order), or None:
    where an empty "My learning" sends them."""

    return pages_visible_to(user, CourseIndexPage.objects.live()).order_by("path").first()


def my_learning(person, *, viewer=None, limit: int | None = 10) -> list[dict]:
    """The person's courses with progress, newest enrolment first: only courses
    and pages they may read (and, given a `viewer` such as their manager, only
    courses the viewer may read too, so a confidential title never shows to
    someone outside it), at most `limit` (None: all), in a fixed number of queries."""

    reader = person.user if person.user_id else AnonymousUser()  # a person without a login
    enrollments = (
        Enrollment.objects.filter(person=person, course__live=True)
        .select_related("course")
        .order_by("-enrolled_at")
    )
    if limit is not None:
        enrollments = enrollments[:limit]
    enrollments = [
        e
        for e in enrollments
        if not page_hidden_from(reader, e.course)
        and (viewer is None or not page_hidden_from(viewer, e.course))
    ]
    if not enrollments:
        return []
    course_paths = {e.course.path: e for e in enrollments}
    under_courses = reduce(or_, (Q(path__startswith=path) for path in course_paths))
    children = pages_visible_to(
        reader,
        Page.objects.live().filter(
            under_courses, depth__in={e.course.depth + 1 for e in enrollments}
        ),
    ).values_list("pk", "path")
    per_course: dict[int, list[int]] = {}
    for pk, path in children:
        enrollment = course_paths.get(path[: -Page.steplen])
        if enrollment:
            per_course.setdefault(enrollment.course_id, []).append(pk)
    all_pages = [pk for pks in per_course.values() for pk in pks]
    done = set(
        LessonCompletion.objects.filter(person=person, page_id__in=all_pages).values_list(
            "page_id", flat=True
        )
    )
    result = []
    for enrollment in enrollments:
        pages = per_course.get(enrollment.course_id, [])
        finished = len([p for p in pages if p in done])
        result.append(
            {
                "course": enrollment.course,
                "percent": round(100 * finished / len(pages)) if pages else 0,
                "completed": enrollment.completed_at is not None,
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


def risk_factor_review_count(factor: RiskFactor, *, user) -> tuple[int, int]:
    """How many risk case reviews use `factor`, as (those the user may read, the
    others): as saved (published, or never published yet) or in a draft awaiting
    publication. Publishing a draft that names a deleted factor would drop it
    without a word, so drafts count."""

    using = dict(RiskCaseReviewPage.objects.filter(risk_factors=factor).values_list("pk", "path"))
    drafts = (
        RiskCaseReviewPage.objects.filter(
            has_unpublished_changes=True, latest_revision__isnull=False
        )
        .exclude(pk__in=using)
        .values_list("pk", "path", "latest_revision__content")
    )
    for pk, path, content in drafts:
        if factor.pk in ((content or {}).get("risk_factors") or []):
            using[pk] = path
    hidden = hidden_subtree_paths(user)
    unreadable = sum(1 for path in using.values() if any(path.startswith(h) for h in hidden))
    return len(using) - unreadable, unreadable


def risk_factors_with_counts(factors, *, user):
    """`factors` annotated with `review_count`: the reviews using each that the user may read."""

    hidden = hidden_subtree_paths(user)
    readable = (
        ~reduce(or_, (Q(riskcasereviewpage__path__startswith=path) for path in hidden))
        if hidden
        else Q()
    )
    return factors.annotate(review_count=Count("riskcasereviewpage", filter=readable))
