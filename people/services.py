"""Writes of the people app. The roster import lives in people.roster."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from treeforms import node_move

from .models import OrgUnit, Person
from .roles import GROUP_NAMES, Role
from .viewer_cache import viewers_changed


@transaction.atomic
def org_unit_create(*, name: str, code: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
    unit = OrgUnit(name=name, code=code, kind=kind)
    if parent is None:
        return OrgUnit.add_root(instance=unit)
    return parent.add_child(instance=unit)


def org_unit_move(*, unit: OrgUnit, parent: OrgUnit | None) -> OrgUnit:
    """Put `unit` (and its subtree) under `parent`, or make it a root."""
    # The tree's paths change in bulk, without signals: cached viewers hold units.
    viewers_changed()
    return node_move(
        node=unit, parent=parent, under_itself=_("A unit cannot be moved under itself.")
    )


def org_unit_delete(*, unit: OrgUnit) -> None:
    """Delete an empty unit. Units with sub-units or members are kept, so nobody
    loses their place in the tree by accident."""
    problems = []
    if unit.get_children_count():
        problems.append(_("“%(unit)s” still has sub-units.") % {"unit": unit.name})
    if unit.members.exists():
        problems.append(_("“%(unit)s” still has members.") % {"unit": unit.name})
    if problems:
        raise ValidationError(problems)
    unit.delete()


@transaction.atomic
def person_create(*, person: Person, managed_units=()) -> Person:
    """Save a new person with a login named after the employee id. The login has
    no password until an administrator sets one (or single sign-on takes over);
    a new person starts as a trainee, and as a manager too when given units to
    manage."""

    User = get_user_model()
    if User.objects.filter(username=person.employee_id).exists():
        raise ValidationError(
            {"employee_id": _("A login named %(id)s already exists.") % {"id": person.employee_id}}
        )
    user = User(username=person.employee_id, first_name=person.name)
    user.set_unusable_password()
    user.save()
    roles = [Role.TRAINEE, Role.MANAGER] if managed_units else [Role.TRAINEE]
    user.groups.add(*Group.objects.filter(name__in=[GROUP_NAMES[role] for role in roles]))
    person.user = user
    person.save()
    person.managed_units.set(managed_units)
    return person


# --- scope: who manages what --------------------------------------------------------
#
# A manager sees the subtrees of the units they manage (people.selectors). That
# scope belongs to the role and to the place: losing the manager role ends it,
# and so does being moved to another unit. Every path that changes a person's
# roles or unit (roster, the admin's person and user screens) ends it through
# these functions, in the same transaction as the change.


def managed_units_after(
    *,
    managed_unit_ids: set[int],
    moved: bool,
    is_manager: bool,
    own_unit_id: int | None = None,
    manages_own_unit: bool | None = None,
) -> set[int]:
    """The units a person manages after a change: none without the manager
    role; after a move, none of those managed before; then their own unit
    added (`manages_own_unit` True) or taken away (False), None leaving it."""
    after = set() if (moved or not is_manager) else set(managed_unit_ids)
    if manages_own_unit and is_manager and own_unit_id is not None:
        after.add(own_unit_id)
    elif manages_own_unit is False:
        after.discard(own_unit_id)
    return after


def managed_units_replace(*, units_by_person: dict[int, set[int]]) -> None:
    """Make each person (by id) manage exactly the given units (by id): two
    queries whatever the number of people."""
    if not units_by_person:
        return
    through = Person.managed_units.through
    through.objects.filter(person_id__in=list(units_by_person)).delete()
    through.objects.bulk_create(
        [
            through(person_id=person_id, orgunit_id=unit_id)
            for person_id, unit_ids in units_by_person.items()
            for unit_id in sorted(unit_ids)
        ]
    )
    viewers_changed()  # written in bulk, without signals


def _has_manager_role(user_id: int) -> bool:

    return (
        get_user_model().objects.filter(pk=user_id, groups__name=GROUP_NAMES[Role.MANAGER]).exists()
    )


@transaction.atomic
def person_scope_sync(
    *, person: Person, previous_unit_id: int | None = None, kept_unit_ids=()
) -> set[int]:
    """End the scope `person` no longer holds, after a change of their roles or
    unit: everything they manage when they are no longer a manager; what they
    managed before the move when `previous_unit_id` differs from their unit
    (units in `kept_unit_ids`, given in the same change, stay). Returns the ids
    of the units they manage now."""
    current = set(person.managed_units.values_list("pk", flat=True))
    is_manager = _has_manager_role(person.user_id)
    moved = previous_unit_id is not None and previous_unit_id != person.unit_id
    after = managed_units_after(managed_unit_ids=current, moved=moved, is_manager=is_manager)
    if is_manager:
        after |= set(kept_unit_ids) & current
    if after != current:
        managed_units_replace(units_by_person={person.pk: after})
    return after


def people_scope_end_for_users(*, user_ids) -> None:
    """Those of these users who are no longer managers stop managing any unit
    (called when users leave the manager group by any path)."""

    Person.managed_units.through.objects.filter(person__user_id__in=list(user_ids)).exclude(
        person__user__groups__name=GROUP_NAMES[Role.MANAGER]
    ).delete()
    viewers_changed()  # deleted in bulk, without m2m signals


@transaction.atomic
def person_scope_after_edit(
    *, person: Person, previous_unit_id: int | None, previous_managed_ids=()
) -> set[int]:
    """Called once an edited person is saved with the units they manage. Units
    they did not manage before make them a manager; a move to another unit ends
    what they managed before it (see person_scope_sync). Returns the ids of
    the units they manage now."""

    added = set(person.managed_units.values_list("pk", flat=True)) - set(previous_managed_ids)
    if added:
        person.user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.MANAGER]))
    return person_scope_sync(person=person, previous_unit_id=previous_unit_id, kept_unit_ids=added)


def person_guidance_type_set(*, person: Person, guidance_type: str, by_user) -> Person:
    """Set the kind of personalised guidance (個性化指導) a person needs, or clear
    it with "". Only the person's manager (or an administrator) may: anyone
    else gets PermissionDenied, so a caller that forgot its own check still
    cannot change someone out of its scope."""
    from django.core.exceptions import PermissionDenied

    from .models import GuidanceType
    from .selectors import people_managed_by

    if guidance_type and guidance_type not in GuidanceType.values:
        raise ValidationError({"guidance_type": _("Choose one of the five guidance types.")})
    if not people_managed_by(by_user).filter(pk=person.pk).exists():
        raise PermissionDenied
    if person.guidance_type != guidance_type:
        person.guidance_type = guidance_type
        person.save(update_fields=["guidance_type"])
    return person
