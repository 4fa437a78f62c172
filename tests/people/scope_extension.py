"""A scope extension used by the tests: everyone may also see the 浦西 team."""

from django.db.models import Q


def sees_puxi(user):
    return Q(unit__code="puxi-1")


def sees_own_unit(user):
    """Everyone may also see the people of their own unit: an extension that uses the user."""
    from people.models import Person

    return Q(unit_id__in=Person.objects.filter(user=user).values("unit_id"))
