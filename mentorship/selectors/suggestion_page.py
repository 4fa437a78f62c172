"""What the suggestions page shows, in a fixed number of queries: the latest
run's state, its lines told in words, the mentors each waiting line may be
changed to, and the choices of the assign-by-hand form."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils import timezone

from people.models import Person
from quizzes.selectors.topics import topic_list

from ..matching.explain import reasons_in_words
from ..models import MatchingRun, SuggestionStatus
from ..models.pairs import OPEN_STATUSES, Pair
from ..rules import PairingRules
from .matching import (
    latest_run_of,
    mentor_candidates,
    people_in_scope,
    run_state,
    suggestions_of,
)


def hand_mentee_choices(user) -> QuerySet[Person]:
    """People in the user's scope (not the user) without an open pair."""
    paired = Pair.objects.filter(status__in=OPEN_STATUSES).values("mentee_id")
    return people_in_scope(user).exclude(pk__in=paired).order_by("name", "pk")


def hand_mentor_choices(user) -> QuerySet[Person]:
    return mentor_candidates(user).select_related("unit").order_by("name", "pk")


LINES_PER_PAGE = 50


def suggestion_page(user, *, page_number=None) -> dict:
    """The latest run's state and, once done, a page of its lines with a mentor
    (best first) and every mentee left without one."""
    run = latest_run_of(user)
    page, unmatched, waiting_count = None, [], 0
    if run is not None and run.status == MatchingRun.Status.DONE:
        lines = suggestions_of(run)
        page = Paginator(lines.exclude(mentor=None), LINES_PER_PAGE).get_page(page_number)
        shown = list(page.object_list)
        topic_ids = {t[0] for s in shown for t in s.reasons.get("topics", [])}
        names = dict(topic_list(ids=list(topic_ids)).values_list("pk", "name"))
        alternatives = _alternatives(
            user, [s for s in shown if s.status == SuggestionStatus.WAITING]
        )
        for suggestion in shown:
            suggestion.words = reasons_in_words(suggestion.reasons, names)
            suggestion.alternatives = alternatives.get(suggestion.pk, [])
        page.object_list = shown
        unmatched = list(lines.filter(mentor=None))
        waiting_count = lines.filter(status=SuggestionStatus.WAITING, mentor__isnull=False).count()
    return {
        "run": run,
        "state": run_state(run),
        "page": page,
        "lines": page.object_list if page else [],
        "unmatched": unmatched,
        "waiting_count": waiting_count,
    }


def _alternatives(user, waiting) -> dict[int, list[Person]]:
    """{suggestion id: the other mentors no rule forbids for its mentee, places counted}."""
    if not waiting:
        return {}
    mentors = list(hand_mentor_choices(user))
    rules = PairingRules.load(
        user=user,
        mentor_ids=[m.pk for m in mentors],
        mentee_ids=[s.mentee_id for s in waiting],
        today=timezone.localdate(),
    )
    return {
        s.pk: [m for m in mentors if m.pk != s.mentor_id and not rules.problems(m.pk, s.mentee_id)]
        for s in waiting
    }
