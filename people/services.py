"""Writes of the people app. The roster import lives in people.roster."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from treeforms import node_move

from .models import OrgUnit, Person


@transaction.atomic
def org_unit_create(*, name: str, code: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
    unit = OrgUnit(name=name, code=code, kind=kind)
    if parent is None:
        return OrgUnit.add_root(instance=unit)
    return parent.add_child(instance=unit)


def org_unit_move(*, unit: OrgUnit, parent: OrgUnit | None) -> OrgUnit:
    """Put `unit` (and its subtree) under `parent`, or make it a root."""
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
    a new person starts as a trainee."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from .roles import GROUP_NAMES, Role

    User = get_user_model()
    if User.objects.filter(username=person.employee_id).exists():
        raise ValidationError(
            {"employee_id": _("A login named %(id)s already exists.") % {"id": person.employee_id}}
        )
    user = User(username=person.employee_id, first_name=person.name)
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.TRAINEE]))
    person.user = user
    person.save()
    person.managed_units.set(managed_units)
    return person
