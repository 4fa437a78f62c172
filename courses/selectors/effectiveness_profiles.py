"""What the comparison group of a course's effectiveness is matched on, read
in the database: the grade and the set of roles (people.roles) of a person's
login, and the hire date. A trainer sees everyone, so the candidates are most
of the organisation: they are matched, sampled and capped in SQL, and only the
sample (COURSES_EFFECTIVENESS_COMPARISON_MAX people) reaches Python."""

from dataclasses import dataclass
from datetime import date
from functools import cache, reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import (
    BigIntegerField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Mod

from people.roles import GROUP_NAMES

from ..conf import courses_settings
from ..models import CoursePage, Enrollment
from .effectiveness_scope import completions_in_scope, effectiveness_people

# One bit per role: a login's set of roles is the sum of its role groups' bits
# (a login is in a group once), comparable in SQL.
ROLE_BITS = {role: 1 << n for n, role in enumerate(GROUP_NAMES)}

# Knuth's multiplicative hash: ordering by it spreads the sample over the
# organisation instead of taking its oldest ids, the same people every visit.
SCRAMBLE, SCRAMBLE_MOD = 2654435761, 2**32


@dataclass(frozen=True)
class Profile:
    """What the comparison group matches on: the grade and the set of roles
    (people.roles) of the person's login; hire_date for "active in the period"."""

    grade: str
    roles: frozenset
    hire_date: date | None


def roles_mask(roles) -> int:
    return sum(ROLE_BITS[role] for role in roles)


@cache
def _roles_of(mask: int) -> frozenset:
    return frozenset(role for role, bit in ROLE_BITS.items() if mask & bit)


def _role_bit():
    return Case(
        *(
            When(group__name=name, then=Value(ROLE_BITS[role]))
            for role, name in GROUP_NAMES.items()
        ),
        default=Value(0),
        output_field=IntegerField(),
    )


def _memberships():
    return get_user_model().groups.through.objects.filter(group__name__in=GROUP_NAMES.values())


def _with_roles_mask(people):
    """Each person's roles as a mask, for the rows read (a subquery per row:
    cheap on the few rows read, not a filter)."""
    mask = (
        _memberships()
        .filter(user_id=OuterRef("user_id"))
        .values("user_id")
        .annotate(mask=Sum(_role_bit()))
        .values("mask")
    )
    return people.annotate(roles_mask=Coalesce(Subquery(mask), Value(0)))


def _has_roles(roles) -> Q:
    """People whose login has exactly `roles`, as an uncorrelated subquery the
    planner hashes once (a correlated one in WHERE is misestimated)."""
    if not roles:
        return Q(user__isnull=True) | ~Q(user_id__in=_memberships().values("user_id"))
    exactly = (
        _memberships()
        .values("user_id")
        .annotate(mask=Sum(_role_bit()))
        .filter(mask=roles_mask(roles))
        .values("user_id")
    )
    return Q(user_id__in=exactly)


def _profiles(rows) -> dict[int, Profile]:
    return {
        pk: Profile(grade=grade, roles=_roles_of(mask or 0), hire_date=hired)
        for pk, grade, hired, mask in rows.values_list("pk", "grade", "hire_date", "roles_mask")
    }


def completer_profiles(user, course: CoursePage) -> dict[int, Profile]:
    """{person: Profile} of the course's completers in the user's scope (one query)."""
    completers = completions_in_scope(user).filter(course=course).values("person_id")
    return _profiles(_with_roles_mask(effectiveness_people(user).filter(pk__in=completers)))


def comparison_sample(user, course: CoursePage, wanted: set[tuple]) -> dict[int, Profile]:
    """{person: Profile} of at most COURSES_EFFECTIVENESS_COMPARISON_MAX people
    in the user's scope who have not completed the course (in anybody's scope)
    with one of the `wanted` (grade, roles), ordered by the scrambled id (one
    query). Each cohort then keeps those hired before its period."""
    if not wanted:
        return {}
    match = reduce(or_, (Q(grade=grade) & _has_roles(roles) for grade, roles in wanted))
    completed = Enrollment.objects.filter(
        course=course, completed_at__isnull=False, person_id=OuterRef("pk")
    )
    # Both constants exceed a 32-bit integer: typed as such, a parameter bound
    # on the server would be cut to 32 bits (2**32 to 0: division by zero).
    scrambled = Mod(
        ExpressionWrapper(
            F("pk") * Value(SCRAMBLE, output_field=BigIntegerField()),
            output_field=BigIntegerField(),
        ),
        Value(SCRAMBLE_MOD, output_field=BigIntegerField()),
    )
    rows = (
        _with_roles_mask(effectiveness_people(user).filter(match).exclude(Exists(completed)))
        .annotate(scrambled=scrambled)
        .order_by("scrambled", "pk")[: courses_settings.EFFECTIVENESS_COMPARISON_MAX]
    )
    return _profiles(rows)
