"""A manager's decisions on suggestions: accept, accept all, change the
mentor, reject. Every pair goes through pair_create, so the hard rules hold
and both people get a notice; the decision is kept on the suggestion."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from people.models import Person

from ..models import MatchingRun, Pair, Suggestion, SuggestionStatus
from .pairs import PairingRuleBroken, pair_create


def _decide(suggestion: Suggestion, *, status: str, by_user, mentor_id=None) -> None:
    suggestion.status = status
    suggestion.decided_by = by_user
    suggestion.decided_at = timezone.now()
    fields = ["status", "decided_by", "decided_at"]
    if mentor_id is not None:
        suggestion.mentor_id = mentor_id
        fields.append("mentor")
    suggestion.save(update_fields=fields)


def _check_waiting(suggestion: Suggestion) -> None:
    if suggestion.status != SuggestionStatus.WAITING:
        raise ValueError("only a waiting suggestion can be decided")


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, by_user) -> Pair:
    """Make the suggested pair (PairingRuleBroken if a rule forbids it now)."""
    _check_waiting(suggestion)
    if suggestion.mentor_id is None:
        raise PairingRuleBroken(["not_a_mentor"])
    pair = pair_create(
        mentor=suggestion.mentor, mentee=suggestion.mentee, by_user=by_user, suggestion=suggestion
    )
    _decide(suggestion, status=SuggestionStatus.ACCEPTED, by_user=by_user)
    return pair


@transaction.atomic
def suggestion_change_mentor(*, suggestion: Suggestion, mentor: Person, by_user) -> Pair:
    """Pair the suggestion's mentee with another mentor the manager chose."""
    _check_waiting(suggestion)
    pair = pair_create(
        mentor=mentor, mentee=suggestion.mentee, by_user=by_user, suggestion=suggestion
    )
    _decide(suggestion, status=SuggestionStatus.CHANGED, by_user=by_user, mentor_id=mentor.pk)
    return pair


def suggestion_reject(*, suggestion: Suggestion, by_user) -> None:
    _check_waiting(suggestion)
    _decide(suggestion, status=SuggestionStatus.REJECTED, by_user=by_user)


@dataclass
class AcceptAllResult:
    pairs: list[Pair]
    refused: list[tuple[Suggestion, list[str]]]  # with the codes of the rules broken


def suggestions_accept_all(*, run: MatchingRun, by_user) -> AcceptAllResult:
    """Accept every waiting suggestion of the run that has a mentor, each on
    its own: one whose pair a rule now forbids is reported and left waiting,
    the others are made."""
    result = AcceptAllResult(pairs=[], refused=[])
    waiting = run.suggestions.filter(
        status=SuggestionStatus.WAITING, mentor__isnull=False
    ).select_related("mentee__user", "mentor__user")
    for suggestion in waiting.order_by("-score", "pk"):
        try:
            result.pairs.append(suggestion_accept(suggestion=suggestion, by_user=by_user))
        except PairingRuleBroken as broken:
            result.refused.append((suggestion, broken.codes))
    return result
