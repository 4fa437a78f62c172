"""What the admin's mentoring screens list and find by id, per user (scopedadmin)."""

from django.db.models import QuerySet

from people.selectors import people_managed_by

from ..models import MentorProfile, Pair


def profiles_in_scope(user) -> QuerySet[MentorProfile]:
    """Mentor profiles of the people the user manages (administrators: all)."""
    managed = people_managed_by(user).values("pk")
    return MentorProfile.objects.filter(person__in=managed).select_related("person")


def pairs_in_scope(user) -> QuerySet[Pair]:
    """Pairs whose mentee the user manages (administrators: all), as the pair page decides."""
    managed = people_managed_by(user).values("pk")
    return Pair.objects.filter(mentee__in=managed).select_related("mentor", "mentee")
