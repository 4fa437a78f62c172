"""Who answers the course pages' requests for what they show
(courses.models.context): the selectors, and the catalogue's cache."""

from .catalogue_cache import catalogue_serve_cached
from .models.context import page_context_provide
from .page_tree_cache import restrictions_now
from .selectors.catalogue import catalogue_courses
from .selectors.decisions import case_context_for
from .selectors.progress import (
    course_progress_for,
    lesson_context_for,
    prerequisites_for,
    team_enrolment_for,
)


def course_context_for(page, user, *, number=None) -> dict:
    return {
        "progress": course_progress_for(page, user, number=number),
        "prerequisites": prerequisites_for(page, user),
        "team": team_enrolment_for(page, user),
    }


def register() -> None:
    page_context_provide("lesson", lesson_context_for)
    page_context_provide("course", course_context_for)
    page_context_provide("catalogue", catalogue_courses)
    page_context_provide("catalogue_serve", catalogue_serve_cached)
    page_context_provide("case", case_context_for)
    page_context_provide(
        "restriction_ids_above", lambda page: restrictions_now().restriction_ids_above(page)
    )
    page_context_provide("restrictions_above", _restrictions_above)
    page_context_provide(
        "restriction_group_ids",
        lambda pk: restrictions_now().group_ids.get(pk, frozenset()),
    )


def _restrictions_above(page):
    """The restrictions on `page` and its ancestors; None when the tree has
    aliases (Wagtail resolves those itself)."""
    tree = restrictions_now()
    return None if tree.has_aliases else tree.above(page)
