"""Applying a roster: the plan written in bulk, chunk by chunk, all or nothing."""

import secrets
from collections.abc import Callable
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..conf import people_settings
from ..models import Person, RosterImport
from ..roles import GROUP_NAMES, Role
from ..services import managed_units_replace
from ..viewer_cache import viewers_changed
from .plan import RosterInvalid, RosterPlan, roster_plan
from .reading import RowError


@transaction.atomic
def roster_plan_apply(
    *,
    plan: RosterPlan,
    on_progress: Callable[[int, int], None] | None = None,
    chunk_size: int | None = None,
) -> RosterPlan:
    """Write what `plan` (from roster_plan, without errors) says, in bulk: the
    number of queries grows with the chunks (`chunk_size` rows, default
    PEOPLE_ROSTER_APPLY_CHUNK), not with the rows. `on_progress(done, total)` is
    called with the rows written so far after each chunk. All or nothing."""
    if not plan.ok:
        raise RosterInvalid(plan.errors)
    rows = [row for row in plan.rows if row["action"] != "unchanged"]
    total = len(plan.rows)
    done = total - len(rows)
    chunk_size = chunk_size or people_settings.ROSTER_APPLY_CHUNK
    groups = {group.name: group.pk for group in Group.objects.filter(name__in=GROUP_NAMES.values())}
    if on_progress:
        on_progress(done, total)
    for start in range(0, len(rows), chunk_size):
        chunk = rows[start : start + chunk_size]
        _write_chunk(chunk, groups)
        done += len(chunk)
        if on_progress:
            on_progress(done, total)
    viewers_changed()  # users, people and groups written in bulk, without signals
    return plan


def _write_chunk(rows: list[dict], groups: dict[str, int]) -> None:
    User = get_user_model()
    role_group_ids = [groups[GROUP_NAMES[role]] for role in Role]
    creates = [row for row in rows if row["action"] == "create"]
    updates = [row for row in rows if row["action"] == "update"]

    # New people: their logins, then their profiles.
    new_users = []
    for row in creates:
        # What set_unusable_password() stores, without its slow per-character draw.
        password = UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)
        user = User(
            username=row["employee_id"],
            first_name=row["name"],
            email=row["values"]["email"],
            password=password,
        )
        new_users.append(user)
    User.objects.bulk_create(new_users)
    user_ids = dict(
        User.objects.filter(username__in=[row["employee_id"] for row in creates]).values_list(
            "username", "pk"
        )
    )
    Person.objects.bulk_create(
        [
            Person(
                user_id=user_ids[row["employee_id"]],
                employee_id=row["employee_id"],
                name=row["name"],
                unit_id=row["values"]["unit_id"],
                position=row["values"]["position"],
                hire_date=_date(row["values"]["hire_date"]),
                grade=row["values"]["grade"],
                guidance_type=row["values"]["guidance_type"],
            )
            for row in creates
        ]
    )
    person_ids = dict(
        Person.objects.filter(employee_id__in=[row["employee_id"] for row in creates]).values_list(
            "employee_id", "pk"
        )
    )
    for row in creates:
        row["person_id"] = person_ids[row["employee_id"]]

    # People on file: only the fields that change.
    people = Person.objects.select_related("user").in_bulk([row["person_id"] for row in updates])
    changed_people, changed_users, person_fields, user_fields = [], [], set(), set()
    for row in updates:
        person, values = people[row["person_id"]], row["values"]
        for key in set(values) - {"email"}:
            setattr(person, key, _date(values[key]) if key == "hire_date" else values[key])
            person_fields.add(key)
        if set(values) - {"email"}:
            changed_people.append(person)
        if "name" in values or "email" in values:
            person.user.first_name = values.get("name", person.user.first_name)
            person.user.email = values.get("email", person.user.email)
            user_fields |= {"first_name", "email"}
            changed_users.append(person.user)
    if changed_people:
        Person.objects.bulk_update(changed_people, sorted(person_fields))
    if changed_users:
        User.objects.bulk_update(changed_users, sorted(user_fields))

    # Roles: the Lianbing role groups of everyone whose roles change.
    through = User.groups.through
    role_rows = {
        (
            user_ids[row["employee_id"]]
            if row["action"] == "create"
            else people[row["person_id"]].user_id
        ): row["roles"]
        for row in rows
        if row["roles"] is not None
    }
    through.objects.filter(user_id__in=list(role_rows), group_id__in=role_group_ids).delete()
    through.objects.bulk_create(
        [
            through(user_id=user_id, group_id=groups[GROUP_NAMES[Role(role)]])
            for user_id, roles in role_rows.items()
            for role in roles
        ]
    )
    # Scope: exactly the units each person manages after the change.
    managed_units_replace(
        units_by_person={
            row["person_id"]: set(row["managed_unit_ids"])
            for row in rows
            if row["managed_unit_ids"] is not None
            and (row["action"] == "update" or row["managed_unit_ids"])
        }
    )


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@transaction.atomic
def roster_apply(*, roster_import: RosterImport, on_progress=None) -> RosterPlan:
    """Apply a previewed roster all at once. The rows are checked again against
    the database as it is now; any error and nothing changes."""
    roster_import = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
    if roster_import.status != RosterImport.Status.PREVIEWED:
        raise RosterInvalid([RowError(0, "", _("This import was already applied or has errors."))])
    plan = roster_plan(roster_import.rows)
    if not plan.ok:
        raise RosterInvalid(plan.errors)
    roster_plan_apply(plan=plan, on_progress=on_progress)
    roster_import.status = RosterImport.Status.APPLIED
    roster_import.applied_at = timezone.now()
    roster_import.summary = {**roster_import.summary, **plan.summary()}
    roster_import.save(update_fields=["status", "applied_at", "summary"])
    return plan
