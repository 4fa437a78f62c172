"""Behaviour observations of the post-training follow-up."""

from django.db.models import QuerySet

from ..models import BehaviourObservation


def observations_of(person, *, limit: int | None = None) -> QuerySet[BehaviourObservation]:
    """The observations of `person`, newest first, with who recorded them and
    the course (one query). The caller has checked the viewer may see them."""
    rows = BehaviourObservation.objects.filter(person=person).select_related(
        "observer__person", "course"
    )
    return rows[:limit] if limit else rows
