"""Who may open a pair, and the pairs a person takes part in."""

from django.db.models import Q, QuerySet

from people.selectors import people_managed_by, person_for_user, sees_everyone

from ..models import Pair


def pairs_visible_to(user) -> QuerySet[Pair]:
    """Pairs the user may open: their own (as mentor or mentee, in any state, so
    that both can give feedback once it ends), and for managers and administrators
    every pair whose mentee they manage. A mentor's access to the mentee's record
    is another matter: only while the pair is active (mentorship.scope)."""
    if not user.is_authenticated:
        return Pair.objects.none()
    pairs = Pair.objects.select_related(
        "mentor__user", "mentee__user", "mentor__unit", "mentee__unit"
    )
    if sees_everyone(user):
        return pairs.all()
    person = person_for_user(user)
    own = Q(mentor=person) | Q(mentee=person) if person else Q(pk__in=[])
    return pairs.filter(own | Q(mentee__in=people_managed_by(user).values("pk")))


def pair_visible_to(user, pair_id: int) -> Pair | None:
    return pairs_visible_to(user).filter(pk=pair_id).first()
