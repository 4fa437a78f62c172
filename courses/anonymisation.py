"""Warn an author when a case or risk review names a real customer: one that
appears in the territory fact sheets, or in the configured list of protected
names (COURSES_PROTECTED_NAMES). Compared after folding case, width and
Traditional/Simplified, so 华东精密 is caught in 華東精密's sheet."""

from quizzes.selectors import fold
from quizzes.selectors.facts import fact_entity_names

from .conf import courses_settings

# Names shorter than this are too likely to occur by chance (王, 張...).
MIN_NAME_LENGTH = 3

TEXT_FIELDS = (
    "title",
    "client_profile",
    "situation",
    "how_it_went",
    "lessons_learned",
    "discussion_questions",
    "application_summary",
    "rationale",
    "mitigants",
    "later_notes",
    "customer_manager_view",
    "risk_manager_view",
)


def protected_names() -> set[str]:
    names = set(courses_settings.PROTECTED_NAMES) | fact_entity_names()
    return {name for name in names if len(name.strip()) >= MIN_NAME_LENGTH}


def names_found_in(page) -> list[str]:
    """The protected names that occur in the page's text fields, sorted."""
    text = fold(" ".join(str(getattr(page, field, "") or "") for field in TEXT_FIELDS))
    return sorted(name for name in protected_names() if fold(name) in text)
