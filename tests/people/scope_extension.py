"""A scope extension used by the tests: everyone may also see the 浦西 team."""

from django.db.models import Q


def sees_puxi(user):
    return Q(unit__code="puxi-1")
