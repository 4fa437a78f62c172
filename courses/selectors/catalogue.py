"""Reads of the course catalogue: its courses searched, filtered and paginated,
and which catalogue a person may open."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Case, When
from wagtail.models import Page

from quizzes.selectors import topic_list

from ..confidentiality import (
    hidden_subtrees_digest,
    hidden_subtrees_key,
    pages_visible_to,
)
from ..models import (
    CourseIndexPage,
    CoursePage,
)
from ..models.pages import CourseFormat
from ..page_tree_cache import pages_by_id, restrictions_now, tree_cached

PER_PAGE = 12
MAX_PAGE_KEPT = 50  # pages of the whole catalogue kept; further ones (bots) are read each time


def id_from(text: str) -> int | None:
    """A database id from user input (a query string, a form), or None: ASCII
    digits only ('²'.isdigit() is True) and small enough for a bigint."""
    if text and text.isascii() and text.isdigit() and len(text) < 19:
        return int(text)
    return None


def catalogue_courses(index, params, *, user) -> dict:
    """The catalogue's courses the user may read: searched, filtered by topic,
    audience and format, paginated. Found by a search, they come best first."""

    query = (params.get("q") or "").strip()[:100]
    topic = params.get("topic") or ""
    topic_id = id_from(topic)
    audience = (params.get("audience") or "").strip()
    course_format = params.get("format")
    if query or topic_id is not None or audience or course_format in CourseFormat.values:
        readable = _readable_courses(index, user)
        courses = readable.order_by("title")
        if query:
            found = catalogue_search(index, query, user=user)
            order = Case(
                *[When(pk=pk, then=rank) for rank, pk in enumerate(found)], default=len(found)
            )
            courses = courses.filter(pk__in=found).order_by(order, "title")
        if topic_id is not None:
            # A subquery, not a join, so a course is listed once without DISTINCT.
            topical = CoursePage.objects.filter(topics__id=topic_id).values("pk")
            courses = courses.filter(pk__in=topical)
        if audience:
            courses = courses.filter(audience__icontains=audience)
        if course_format in CourseFormat.values:
            courses = courses.filter(course_format=course_format)
        page = Paginator(courses, PER_PAGE).get_page(params.get("page"))
        topics = _topics_of(readable)
    else:
        page, topics = _unfiltered_page(index, params.get("page"), user=user)
    return {
        "courses": page,
        # The topics of the courses this reader may find here, and no others.
        "topics": topics,
        "formats": CourseFormat.choices,
        "filters": {
            "q": query,
            "topic": topic,
            "audience": audience,
            "format": course_format or "",
        },
    }


def _topics_of(readable) -> list:
    return list(
        topic_list(
            ids=CoursePage.topics.through.objects.filter(coursepage__in=readable).values("topic")
        )
    )


def _readable_courses(index, user):
    return pages_visible_to(user, CoursePage.objects.live().descendant_of(index))


def _unfiltered_page(index, number, *, user) -> tuple[PaginatorPage, list]:
    """A page of the whole catalogue and its topics, the same for every reader
    from whom the same subtrees are hidden: kept for the page tree's
    generation (a page, a restriction or a topic saved starts a new one).
    Its query sets are built only when it is not kept: building them was a
    sixth of the catalogue page's CPU."""
    wanted = id_from(number or "") or 1
    hidden = hidden_subtrees_digest(user)

    def read() -> tuple[list, int, int, list]:
        readable = _readable_courses(index, user)
        page = Paginator(readable.order_by("title"), PER_PAGE).get_page(wanted)
        return list(page.object_list), page.number, page.paginator.count, _topics_of(readable)

    if wanted > MAX_PAGE_KEPT:
        listed, shown, count, topics = read()
    else:
        listed, shown, count, topics = tree_cached(
            "catalogue-page", f"{index.pk}:{hidden}:{wanted}", read
        )
    # A paginator over the count alone: the page's courses come from the cache.
    return PaginatorPage(listed, shown, Paginator(range(count), PER_PAGE)), topics


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


def catalogue_for(user):
    """The first course catalogue the user may read (by tree order), or None:
    where an empty "My learning" sends them."""

    tree = restrictions_now()

    def first_id() -> int | None:
        first = pages_visible_to(user, CourseIndexPage.objects.live()).order_by("path").first()
        return first.pk if first else None

    # Held per set of hidden subtrees in this generation: asked on the home
    # page of everyone with nothing to resume.
    pk = tree.held("catalogue-for", hidden_subtrees_key(user), first_id)
    return pages_by_id(CourseIndexPage, [pk]).get(pk) if pk else None
