"""The mentor's view of a mentee, added to people's scope.

people cannot import mentorship, so it offers an extension point: the
setting PEOPLE_SCOPE_EXTENSIONS lists callables `(user) -> Q | None` over
people.Person that widen whom a user may see (people.selectors.people_visible_to,
and through it the training record, drill results and attempts). The host adds
this one::

    PEOPLE_SCOPE_EXTENSIONS = ["mentorship.scope.active_mentees_q"]

It matches the mentees of the user's ACTIVE pairs only, read from the database
on each request, so the access ends the moment the pair ends. Someone with
no pair, profile or need at all (kept in the cache, forgotten whenever one of
those is saved) widens the scope by nobody (None): no subquery to plan. It widens what a
mentor may *see*; what a manager may change is people.selectors.people_managed_by,
which no extension widens.
"""

from django.db.models import Q

from people.selectors import person_for_user

from .models import Pair, PairStatus
from .selectors.profiles import person_takes_part


def active_mentees_q(user) -> Q | None:
    if not user.is_authenticated:
        return None
    person = person_for_user(user)
    if person is None or not person_takes_part(person):
        return None
    mentees = Pair.objects.filter(mentor__user=user, status=PairStatus.ACTIVE).values("mentee_id")
    return Q(pk__in=mentees)
