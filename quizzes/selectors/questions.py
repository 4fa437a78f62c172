"""Reads of the question bank as its authors see it in the admin."""

from django.db.models import Q, QuerySet

from ..models import Question
from .facts import fact_subjects_q


def questions_visible_to(user) -> QuerySet[Question]:
    """The questions the user may find in the admin, to read or to write: every
    shared question, and a territory question (owned by a person or a team)
    only where the user may see the fact sheets of its owner, by the same rule
    as the fact sheets themselves. What the user may do with them (add, change,
    delete) is still their admin permissions' business."""
    if not user.is_authenticated:
        return Question.objects.none()
    shared = Q(owner_person__isnull=True, owner_unit__isnull=True)
    owned_in_scope = fact_subjects_q(user, person="owner_person", unit="owner_unit")
    return Question.objects.filter(shared | owned_in_scope)
