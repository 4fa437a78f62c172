"""Reads of the people app, above all: whom may this user see?

Every other app asks these selectors for scope instead of working it out
again. A trainee sees themself; a manager sees the whole subtree of each unit
they manage; an administrator (or superuser) sees everyone. Apps may widen
the scope through PEOPLE_SCOPE_EXTENSIONS (see people.conf).
"""

from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.module_loading import import_string

from .conf import people_settings
from .models import OrgUnit, Person, RosterImport
from .roles import GROUP_NAMES, ROLE_BY_GROUP_NAME, Role


def user_roles(user) -> set[Role]:
    """The roles of a user, from their groups. Cached on the user object."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_lianbing_roles", None)
    if cached is None:
        groups = list(user.groups.values_list("pk", "name"))
        user._lianbing_group_ids = {pk for pk, _name in groups}
        cached = {ROLE_BY_GROUP_NAME[name] for _pk, name in groups if name in ROLE_BY_GROUP_NAME}
        if user.is_superuser:
            cached.add(Role.ADMINISTRATOR)
        user._lianbing_roles = cached
    return cached


def user_group_ids(user) -> set[int]:
    """Ids of all the user's groups, read once with their roles."""
    if not user.is_authenticated:
        return set()
    user_roles(user)
    return user._lianbing_group_ids


def user_has_role(user, role: Role) -> bool:
    return role in user_roles(user)


def sees_everyone(user) -> bool:
    return user.is_authenticated and (user.is_superuser or Role.ADMINISTRATOR in user_roles(user))


_NOT_READ = object()


def person_for_user(user) -> Person | None:
    """The person behind a user, with their unit: from the reader's cache
    (people.viewer_cache) when the user came through the sign-in backend,
    else one query; kept on the user object for the rest of the request."""
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        return None
    person = getattr(user, "_lianbing_person", _NOT_READ)
    if person is _NOT_READ:
        viewer = getattr(user, "_lianbing_viewer", None)
        if viewer is not None:
            person = viewer.person
        else:
            person = Person.objects.select_related("unit").filter(user=user).first()
            if person is not None:
                person.user = user  # the same user object, not another query for it
        user._lianbing_person = person
    return person


def units_managed_by(user) -> QuerySet[OrgUnit]:
    """The units a user manages directly (not their subtrees). Only a manager
    manages: without the manager role the units stay on file but give no scope
    (people.services ends them whenever the role or the unit changes)."""
    if not user.is_authenticated:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(
        managers__user=user, managers__user__groups__name=GROUP_NAMES[Role.MANAGER]
    )


def managed_units_of(user) -> list[OrgUnit]:
    """The units a user manages, as a list cached on the user for the request."""
    cached = getattr(user, "_lianbing_managed_units", None)
    if cached is None:
        cached = list(units_managed_by(user))
        if user.is_authenticated:
            user._lianbing_managed_units = cached
    return cached


def subtree_q(units, *, prefix: str = "") -> Q:
    """A Q matching rows whose unit lies in the subtree of any of `units`.
    `prefix` is the path to the unit from the model queried, for example 'unit__'."""
    paths = [unit.path for unit in units]
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{prefix}path__startswith": path}) for path in paths))


def unit_within(unit: OrgUnit, units) -> bool:
    """Whether `unit` lies in the subtree of any of `units` (itself included), without
    a query: the units' tree paths are compared as subtree_q compares them in SQL."""
    return any(unit.path.startswith(other.path) for other in units)


def people_in_subtree(unit: OrgUnit) -> QuerySet[Person]:
    """Every Person whose unit lies in the subtree of `unit` (the unit itself included)."""
    return Person.objects.filter(subtree_q([unit], prefix="unit__"))


def units_visible_to(user) -> QuerySet[OrgUnit]:
    """Units whose members the user may see: everything for administrators,
    the managed subtrees for managers, none otherwise."""
    if sees_everyone(user):
        return OrgUnit.objects.all()
    return units_in_managed_subtrees(user)


def units_in_managed_subtrees(user) -> QuerySet[OrgUnit]:
    """The units a user manages and every unit below them, administrators included
    (for a manager's own choices, such as the team of a morning drill)."""
    return OrgUnit.objects.filter(subtree_q(managed_units_of(user)))


def _extensions_of(user) -> list[Q]:
    """What each scope extension widens the user's scope by; an extension
    that answers None widens it by nobody (and costs no subquery)."""
    found = [import_string(path)(user) for path in people_settings.SCOPE_EXTENSIONS]
    return [q for q in found if q is not None]


def _extension_q(user) -> Q:
    return reduce(or_, _extensions_of(user), Q(pk__in=[]))


def sees_only_self(user) -> bool:
    """Whether people_visible_to(user) holds no one but the user's own Person:
    no administrator, no managed unit, no scope extension widening it. Lets a
    list of what others did skip asking for it."""
    if not user.is_authenticated:
        return True
    return not sees_everyone(user) and not managed_units_of(user) and not _extensions_of(user)


def people_visible_to(user) -> QuerySet[Person]:
    """Every Person the user may see. Use it for lists, look-ups by id and exports."""
    if not user.is_authenticated:
        return Person.objects.none()
    people = Person.objects.select_related("user", "unit")
    if sees_everyone(user):
        return people.all()
    managed = managed_units_of(user)
    scope = Q(user=user) | subtree_q(managed, prefix="unit__") | _extension_q(user)
    return people.filter(scope)


def people_managed_by(user) -> QuerySet[Person]:
    """Every Person the user may change as their manager: everyone for
    administrators, the managed subtrees (themself included) for managers.
    Unlike people_visible_to, no scope extension widens it: a mentor who may
    see a mentee does not manage them."""
    if not user.is_authenticated:
        return Person.objects.none()
    people = Person.objects.select_related("user", "unit")
    if sees_everyone(user):
        return people.all()
    return people.filter(Q(user=user) | subtree_q(managed_units_of(user), prefix="unit__"))


def managed_unit_paths(person_ids) -> dict[int, list[str]]:
    """{person id: tree paths of the units they manage} for those of `person_ids`
    who hold the manager role (without it, units on file give no scope), in one
    query. A person manages everyone whose unit path starts with one of theirs."""
    rows = OrgUnit.objects.filter(
        managers__pk__in=list(person_ids),
        managers__user__groups__name=GROUP_NAMES[Role.MANAGER],
    ).values_list("managers__pk", "path")
    paths: dict[int, list[str]] = {}
    for person_id, path in rows:
        paths.setdefault(person_id, []).append(path)
    return paths


def user_ids_of(person_ids) -> list[int]:
    """The user ids of those of these people who sign in. One query."""
    return list(
        Person.objects.filter(pk__in=person_ids, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )


def holds_role(role: Role) -> Exists:
    """A condition on Person rows: their sign-in holds `role` through its group.
    Correlated, so the database starts from the people it is given: as a join
    (user__groups__name) it started from the group, and kept two people of
    a team by reading every trainee of the organisation."""
    return Exists(
        get_user_model().groups.through.objects.filter(
            user_id=OuterRef("user_id"), group__name=GROUP_NAMES[role]
        )
    )


def people_with_role(role: Role) -> QuerySet[Person]:
    """Every Person whose user holds `role` through its group, by name (for choosers:
    a risk review's reviewing expert is a risk expert)."""
    return Person.objects.filter(user__groups__name=GROUP_NAMES[role]).order_by("name", "pk")


def person_visible_to(user, person_id: int) -> Person | None:
    """The person with this id if the user may see them, else None (callers answer 404)."""
    return people_visible_to(user).filter(pk=person_id).first()


def can_see_person(user, person: Person) -> bool:
    if not user.is_authenticated:
        return False
    if person.user_id == user.pk or sees_everyone(user):
        return True
    return people_visible_to(user).filter(pk=person.pk).exists()


def team_members(user) -> QuerySet[Person]:
    """The people a manager is responsible for, themself excluded."""
    if not user.is_authenticated:
        return Person.objects.none()
    managed = managed_units_of(user)
    if not managed:
        return Person.objects.none()
    return (
        Person.objects.select_related("user", "unit")
        .filter(subtree_q(managed, prefix="unit__"))
        .exclude(user=user)
        .order_by("unit__path", "employee_id")
    )


def unit_path_names(unit: OrgUnit) -> list[str]:
    """Names from the root down to this unit, for display and roster files."""
    return [*unit.get_ancestors().values_list("name", flat=True), unit.name]


def reader_unit_path(user) -> list[str]:
    """unit_path_names of the signed-in user's own unit (empty without a
    person): from the reader's cache entry when the request has one."""
    viewer = getattr(user, "_lianbing_viewer", None)
    if viewer is not None:
        return list(viewer.unit_path)
    person = person_for_user(user)
    return unit_path_names(person.unit) if person is not None else []


def unit_by_path_index() -> dict[str, OrgUnit]:
    """Every unit keyed by its name path ('總行/華東分行/浦東支行'), in two queries' worth of work."""
    units = list(OrgUnit.objects.order_by("path"))
    by_tree_path = {unit.path: unit for unit in units}
    index: dict[str, OrgUnit] = {}
    names: dict[str, str] = {}
    for unit in units:
        parent_path = unit.path[: -OrgUnit.steplen]
        prefix = names.get(parent_path) if parent_path in by_tree_path else None
        names[unit.path] = f"{prefix}/{unit.name}" if prefix else unit.name
        index[names[unit.path]] = unit
    return index


def organisation_summary() -> dict:
    """Counts for the administrator's home panel."""
    return {
        "units": OrgUnit.objects.count(),
        "people": Person.objects.count(),
        "last_import": RosterImport.objects.filter(status=RosterImport.Status.APPLIED).first(),
    }


def line_managers_of(person: Person) -> QuerySet[Person]:
    """The people who manage `person`: holders of the manager role who manage
    their unit or a unit above it (the units whose subtree holds theirs),
    the person themself left out. One query."""
    path, step = person.unit.path, OrgUnit.steplen
    ancestor_paths = [path[:end] for end in range(step, len(path) + 1, step)]
    return (
        Person.objects.filter(
            managed_units__path__in=ancestor_paths,
            user__groups__name=GROUP_NAMES[Role.MANAGER],
        )
        .exclude(pk=person.pk)
        .select_related("user")
        .distinct()
        .order_by("name", "pk")
    )
