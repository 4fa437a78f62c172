"""Roster import: a CSV or XLSX file of staff, previewed first, then applied
all at once. A re-import updates people in place, keyed by employee id.

Columns (header names in English or Chinese, see COLUMN_ALIASES):
employee_id, name, unit (path from the root, "總行/華東分行/浦東支行"),
position, hire_date, manager (yes/no), roles (separated by ; , or 、),
and optionally email, grade, guidance_type.

The roster changes only what it carries. A column missing from the file leaves
that field of every person as it is. A blank cell in a present column:

- employee_id, name, unit: an error (they are required);
- position, hire_date, email, grade, guidance_type, manager, roles: no change
  (a new person gets an empty field, is not a manager and is a trainee).

The roles cell lists every Lianbing role the person has (other groups are left
alone); manager=yes adds the manager role and makes the person manage their
own unit, manager=no stops them managing it. Being moved to another unit ends
every unit the person managed before (people.services.managed_units_after), as
does losing the manager role.

Steps, each callable on its own (an import pipeline runs them in the
background): `roster_read(file_name=, data=, encoding=None) -> Table`, then
`roster_plan(rows) -> RosterPlan` (reads only; every problem located), then
`roster_plan_apply(plan=, on_progress=None)` (writes in bulk). `roster_preview`
and `roster_apply` chain them around a stored RosterImport.
"""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from tabular.reading import Table, TableError, read_table
from tabular.writing import csv_bytes

from .conf import people_settings
from .models import Grade, GuidanceType, OrgUnit, Person, RosterImport
from .roles import GROUP_NAMES, ROLE_ALIASES, Role, role_from_text
from .selectors import unit_by_path_index
from .services import managed_units_after, managed_units_replace

COLUMN_ALIASES = {
    "employee_id": {"employee id", "employee_id", "員工編號", "员工编号", "工號", "工号"},
    "name": {"name", "姓名"},
    "unit": {"unit", "unit path", "unit_path", "單位", "单位", "所屬單位", "所属单位"},
    "position": {"position", "職位", "职位", "崗位", "岗位"},
    "hire_date": {"hire date", "hire_date", "入職日期", "入职日期"},
    "manager": {"manager", "is_manager", "管理者", "是否管理者"},
    "roles": {"roles", "role", "角色"},
    "email": {"email", "e-mail", "電郵", "电邮", "郵箱", "邮箱"},
    "grade": {"grade", "職級", "职级"},
    "guidance_type": {"guidance type", "guidance_type", "指導類型", "指导类型"},
}
REQUIRED_COLUMNS = {"employee_id", "name", "unit"}
# What an administrator reads for each column. The translations are headers the
# roster accepts (COLUMN_ALIASES), so the preview speaks the file's language.
COLUMN_LABELS = {
    "employee_id": pgettext_lazy("roster column", "Employee id"),
    "name": pgettext_lazy("roster column", "Name"),
    "unit": pgettext_lazy("roster column", "Unit"),
    "position": pgettext_lazy("roster column", "Position"),
    "hire_date": pgettext_lazy("roster column", "Hire date"),
    "manager": pgettext_lazy("roster column", "Manager"),
    "roles": pgettext_lazy("roster column", "Roles"),
    "email": pgettext_lazy("roster column", "E-mail"),
    "grade": pgettext_lazy("roster column", "Grade"),
    "guidance_type": pgettext_lazy("roster column", "Guidance type"),
}

EMPLOYEE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
YES = {"1", "y", "yes", "true", "是", "x", "✓"}
NO = {"", "0", "n", "no", "false", "否"}
DATE_FORMATS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
ROLE_SEPARATORS = re.compile(r"[;,、|；，]")


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self):
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class RosterPlan:
    """What applying the file would do, or why it cannot be applied."""

    rows: list[dict] = field(default_factory=list)  # one per file row, see roster_plan
    errors: list[RowError] = field(default_factory=list)
    creates: int = 0
    updates: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict:
        return {
            "rows": len(self.rows),
            "creates": self.creates,
            "updates": self.updates,
            "unchanged": self.unchanged,
            "errors": len(self.errors),
        }


class RosterInvalid(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


def _parse_date(text: str) -> date | None:
    for pattern in DATE_FORMATS:
        match = pattern.match(text)
        if match:
            return date(*(int(part) for part in match.groups()))  # ValueError if impossible
    raise ValueError(text)


def _choice_lookup(choices) -> dict[str, str]:
    """Accept a choice by its code or its label in any of the site's languages."""
    lookup = {}
    for code, label in choices.choices:
        lookup[code.lower()] = code
        for language in ("en", "zh-hant", "zh-hans"):
            with translation.override(language):
                lookup[str(label).lower()] = code
    return lookup


def _split_unit_path(text: str) -> str:
    return "/".join(part.strip() for part in re.split(r"[/>＞／]", text) if part.strip())


def _expected_words() -> set[str]:
    """Words a roster is likely to hold, so that its encoding can be told: the
    names of the units, the Chinese role names."""
    words = set(OrgUnit.objects.values_list("name", flat=True))
    words |= {word for aliases in ROLE_ALIASES.values() for word in aliases}
    return words


def roster_read(*, file_name: str, data: bytes, encoding: str | None = None) -> Table:
    """Read a roster file (TableError with the reason and its place if it cannot
    be read). `encoding` forces the encoding of a CSV (one of `Table.encodings`)."""
    if len(data) > people_settings.ROSTER_MAX_BYTES:
        raise TableError(
            _("The file is larger than %(max)d MB.")
            % {"max": people_settings.ROSTER_MAX_BYTES // (1024 * 1024)}
        )
    return read_table(
        file_name=file_name,
        data=data,
        aliases=COLUMN_ALIASES,
        required=REQUIRED_COLUMNS,
        max_rows=people_settings.ROSTER_MAX_ROWS,
        encoding=encoding,
        expected_words=_expected_words(),
        max_bytes=people_settings.ROSTER_MAX_BYTES,
    )


read_roster = roster_read  # the name earlier versions used


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class _Limits:
    """The longest value each column may hold: the database column it goes to."""

    def __init__(self):
        User = get_user_model()
        self.by_column = {
            "employee_id": _max_length(Person, "employee_id"),
            "name": min(_max_length(Person, "name"), _max_length(User, "first_name")),
            "position": _max_length(Person, "position"),
            "email": _max_length(User, "email"),
        }


def _normalise_row(number: int, values: dict, units, grades, guidance, limits) -> tuple[dict, list]:
    """The row as the roster means it: `values` holds the fields it sets (only
    those of present, non-blank columns), `roles` the roles it lists (None: no
    change), `manager` True, False or None (no change)."""
    errors = []

    def error(column, message):
        errors.append(RowError(number, column, message))

    def too_long(column, text) -> bool:
        limit = limits.by_column[column]
        if len(text) > limit:
            error(
                column,
                _("The value has %(length)d characters; at most %(max)d fit.")
                % {"length": len(text), "max": limit},
            )
            return True
        return False

    present = set(values)
    carried: dict = {}

    employee_id = values.get("employee_id", "")
    if not employee_id:
        error("employee_id", _("The employee id is empty."))
    elif not too_long("employee_id", employee_id) and not EMPLOYEE_ID.match(employee_id):
        error(
            "employee_id",
            _("“%(value)s” is not a valid employee id (letters, digits, - _ . up to 32).")
            % {"value": employee_id},
        )

    name = values.get("name", "")
    if not name:
        error("name", _("The name is empty."))
    elif not too_long("name", name):
        carried["name"] = name

    unit_path = _split_unit_path(values.get("unit", ""))
    unit = units.get(unit_path)
    if not unit_path:
        error("unit", _("The unit is empty."))
    elif unit is None:
        error("unit", _("Unknown unit “%(value)s”.") % {"value": values.get("unit", "")})
    else:
        carried["unit_id"] = unit.pk

    position = values.get("position", "")
    if position and not too_long("position", position):
        carried["position"] = position

    if values.get("hire_date"):
        try:
            hire_date = _parse_date(values["hire_date"])
        except ValueError:
            error(
                "hire_date",
                _("“%(value)s” is not a date; write it as 2024-03-01.")
                % {"value": values["hire_date"]},
            )
        else:
            if hire_date > timezone.localdate():
                error(
                    "hire_date",
                    _("The hire date %(value)s is in the future.")
                    % {"value": hire_date.isoformat()},
                )
            else:
                carried["hire_date"] = hire_date.isoformat()

    manager = None
    flag = values.get("manager", "").strip().lower()
    if flag in YES:
        manager = True
    elif flag:
        if flag in NO:
            manager = False
        else:
            error("manager", _("“%(value)s” is not yes or no.") % {"value": values.get("manager")})

    roles = None
    if values.get("roles", "").strip():
        roles = []
        for word in ROLE_SEPARATORS.split(values["roles"]):
            if not word.strip():
                continue
            role = role_from_text(word)
            if role is None:
                error("roles", _("Unknown role “%(value)s”.") % {"value": word.strip()})
            elif role.value not in roles:
                roles.append(role.value)

    email = values.get("email", "")
    if email and not too_long("email", email):
        try:
            validate_email(email)
        except ValidationError:
            error("email", _("“%(value)s” is not an e-mail address.") % {"value": email})
        else:
            carried["email"] = email

    if values.get("grade"):
        grade = grades.get(values["grade"].lower())
        if grade is None:
            error("grade", _("Unknown grade “%(value)s”.") % {"value": values["grade"]})
        else:
            carried["grade"] = grade

    if values.get("guidance_type"):
        guidance_type = guidance.get(values["guidance_type"].lower())
        if guidance_type is None:
            error(
                "guidance_type",
                _("Unknown guidance type “%(value)s”.") % {"value": values["guidance_type"]},
            )
        else:
            carried["guidance_type"] = guidance_type

    row = {
        "row": number,
        "employee_id": employee_id,
        "name": name,
        "unit": unit_path,
        "columns": sorted(present),
        "values": carried,
        "roles": roles,
        "manager": manager,
    }
    return row, errors


# What a new person has in the fields a file does not carry.
_NEW_PERSON = {
    "position": "",
    "hire_date": None,
    "email": "",
    "grade": "",
    "guidance_type": "",
}
# Changes are named by the column (unit) or by what they mean (manages).
_CHANGE_NAMES = {"unit_id": "unit", "managed_unit_ids": "manages"}
# The order of the changes a preview lists.
_FIELDS = ("name", "unit_id", "position", "hire_date", "email", "grade", "guidance_type")


def _current_state(person: Person, group_names: set[str], managed_ids: set[int]) -> dict:
    return {
        "name": person.name,
        "unit_id": person.unit_id,
        "position": person.position,
        "hire_date": person.hire_date.isoformat() if person.hire_date else None,
        "email": person.user.email,
        "grade": person.grade,
        "guidance_type": person.guidance_type,
        "roles": sorted(role.value for role, group in GROUP_NAMES.items() if group in group_names),
        "managed_unit_ids": sorted(managed_ids),
    }


def _roles_after(current: list[str], listed: list[str] | None, manager: bool | None) -> list[str]:
    """The roles after the row: those listed (or the current ones when the cell
    is blank or the column absent), plus manager when manager=yes; a person
    with no role at all, only when the row sets them, becomes a trainee."""
    if listed is None and not manager:
        return sorted(current)
    roles = set(current if listed is None else listed)
    if manager:
        roles.add(Role.MANAGER.value)
    if not roles:
        roles.add(Role.TRAINEE.value)
    return sorted(roles)


def column_label(column: str) -> str:
    """A roster column (or a changed field) as the administrator reads it,
    in the active language."""
    if column == "unit_id":  # previews stored by earlier versions name the field
        column = "unit"
    if column in ("manages", "managed_unit_ids"):
        return str(pgettext_lazy("roster column", "Manages"))
    return str(COLUMN_LABELS.get(column, column))


def _raw(key: str, value, unit_paths: dict[int, str]):
    """A field's value as a change stores it: units by their path, the rest as is."""
    if key == "unit_id":
        return unit_paths.get(value, "")
    if key == "managed_unit_ids":
        return [unit_paths.get(pk, "") for pk in value]
    return value


def value_text(column: str, value) -> str:
    """A value of a change (see roster_plan's `details`) as the administrator
    reads it, in the active language."""
    separator = pgettext("list separator", ", ")
    if column == "roles":
        ordered = [role for role in Role if role.value in (value or ())]
        return separator.join(str(role.label) for role in ordered) or "—"
    if column == "grade":
        return str(dict(Grade.choices).get(value, value)) if value else "—"
    if column == "guidance_type":
        return str(dict(GuidanceType.choices).get(value, value)) if value else "—"
    if isinstance(value, list):
        return separator.join(value) or "—"
    return str(value) if value else "—"


def change_text(change: dict) -> str:
    """“Column: before → after” for one entry of a plan row's `details`."""
    return _("%(column)s: %(before)s → %(after)s") % {
        "column": column_label(change["column"]),
        "before": value_text(change["column"], change["before"]),
        "after": value_text(change["column"], change["after"]),
    }


def roster_plan(rows: list[dict]) -> RosterPlan:
    """Validate raw rows ({"row": n, "values": {column: text}}, with only the
    file's columns as keys) against the database and say what applying them
    would do. Reads only, in a number of queries that does not grow with the rows.

    Each entry of `plan.rows` has: row, employee_id, name, unit (the path as
    read), action ("create", "update" or "unchanged"), changes (the fields that
    change), details ([{"column", "before", "after"}] for each change: roles,
    grade, unit and managed units included; units by path, `change_text`
    words one for the preview), and what
    the writer needs: person_id, values, roles and managed_unit_ids (None when
    they do not change)."""
    units = unit_by_path_index()
    unit_paths = {unit.pk: path for path, unit in units.items()}
    grades, guidance = _choice_lookup(Grade), _choice_lookup(GuidanceType)
    limits = _Limits()
    plan = RosterPlan()
    first_seen: dict[str, tuple[int, str]] = {}  # lower-case id: (row, id as written)
    for raw in rows:
        row, errors = _normalise_row(raw["row"], raw["values"], units, grades, guidance, limits)
        employee_id = row["employee_id"]
        folded = employee_id.lower()
        if employee_id and folded in first_seen:
            first_row, first_id = first_seen[folded]
            errors.append(
                RowError(
                    raw["row"],
                    "employee_id",
                    _("Employee id %(id)s is already on row %(first)d.")
                    % {"id": employee_id, "first": first_row}
                    if first_id == employee_id
                    else _(
                        "Employee id %(id)s is already on row %(first)d as %(other)s; "
                        "ids that differ only in case are the same person."
                    )
                    % {"id": employee_id, "first": first_row, "other": first_id},
                )
            )
            row["duplicate"] = True
        elif employee_id:
            first_seen[folded] = (raw["row"], employee_id)
        plan.errors.extend(errors)
        plan.rows.append(row)

    existing = {
        person.employee_id.lower(): person
        for person in Person.objects.annotate(folded_id=Lower("employee_id"))
        .filter(folded_id__in=list(first_seen))
        .select_related("user")
        .prefetch_related("user__groups", "managed_units")
    }
    User = get_user_model()
    taken_usernames = {
        name.lower()
        for name in User.objects.annotate(folded=Lower("username"))
        .filter(folded__in=[eid for eid in first_seen if eid not in existing])
        .values_list("username", flat=True)
    }
    for row in plan.rows:
        if row.pop("duplicate", False):
            row.update(action="unchanged", changes=[], details=[], person_id=None)
            continue
        folded = row["employee_id"].lower()
        person = existing.get(folded)
        if person is None:
            _plan_create(plan, row, taken_usernames)
            continue
        if person.employee_id != row["employee_id"]:
            plan.errors.append(
                RowError(
                    row["row"],
                    "employee_id",
                    _(
                        "Employee id %(id)s differs only in case from %(other)s on file; "
                        "write it as %(other)s."
                    )
                    % {"id": row["employee_id"], "other": person.employee_id},
                )
            )
        _plan_update(plan, row, person, unit_paths)
    plan.errors.sort(key=lambda e: (e.row, e.column))
    return plan


def _plan_create(plan, row, taken_usernames):
    if row["employee_id"].lower() in taken_usernames:
        plan.errors.append(
            RowError(
                row["row"],
                "employee_id",
                _("A login named %(id)s exists but has no staff profile.")
                % {"id": row["employee_id"]},
            )
        )
    roles = _roles_after([], row["roles"], row["manager"]) or [Role.TRAINEE.value]
    unit_id = row["values"].get("unit_id")
    managed = managed_units_after(
        managed_unit_ids=set(),
        moved=False,
        is_manager=Role.MANAGER.value in roles,
        own_unit_id=unit_id,
        manages_own_unit=row["manager"],
    )
    row.update(
        action="create",
        changes=[],
        details=[],
        person_id=None,
        values={**_NEW_PERSON, **row["values"]},
        roles=roles,
        managed_unit_ids=sorted(managed),
    )
    plan.creates += 1


def _plan_update(plan, row, person, unit_paths):
    current = _current_state(
        person,
        {group.name for group in person.user.groups.all()},
        {unit.pk for unit in person.managed_units.all()},
    )
    values = {key: value for key, value in row["values"].items() if current[key] != value}
    roles = _roles_after(current["roles"], row["roles"], row["manager"])
    unit_id = row["values"].get("unit_id", current["unit_id"])
    managed = sorted(
        managed_units_after(
            managed_unit_ids=set(current["managed_unit_ids"]),
            moved=unit_id != current["unit_id"],
            is_manager=Role.MANAGER.value in roles,
            own_unit_id=unit_id,
            manages_own_unit=row["manager"],
        )
    )
    after = {**current, **values, "roles": roles, "managed_unit_ids": managed}
    changes = [key for key in (*_FIELDS, "roles", "managed_unit_ids") if after[key] != current[key]]
    row.update(
        person_id=person.pk,
        values=values,
        roles=roles if roles != current["roles"] else None,
        managed_unit_ids=managed if managed != current["managed_unit_ids"] else None,
        changes=[_CHANGE_NAMES.get(key, key) for key in changes],
        details=[
            {
                "column": _CHANGE_NAMES.get(key, key),
                "before": _raw(key, current[key], unit_paths),
                "after": _raw(key, after[key], unit_paths),
            }
            for key in changes
        ],
    )
    if changes:
        row["action"] = "update"
        plan.updates += 1
    else:
        row["action"] = "unchanged"
        plan.unchanged += 1


def roster_preview(
    *, file_name: str, data: bytes, user=None, encoding: str | None = None
) -> RosterImport:
    """Read and check a roster file; store the outcome for review. Changes no person.
    The summary holds the encoding used and the other candidates (`encodings`)."""
    try:
        table = roster_read(file_name=file_name, data=data, encoding=encoding)
    except TableError as exc:
        errors = [
            {"row": problem.row, "column": problem.heading, "message": problem.message}
            for problem in exc.problems
        ] or [{"row": None, "column": "", "message": exc.message}]
        return RosterImport.objects.create(
            created_by=user,
            file_name=file_name,
            status=RosterImport.Status.INVALID,
            errors=errors,
        )
    raw_rows = [{"row": row.number, "values": row.values} for row in table.rows]
    plan = roster_plan(raw_rows)
    return RosterImport.objects.create(
        created_by=user,
        file_name=file_name,
        status=RosterImport.Status.PREVIEWED if plan.ok else RosterImport.Status.INVALID,
        rows=raw_rows,
        errors=[error.as_dict() for error in plan.errors],
        summary={
            **plan.summary(),
            "encoding": table.encoding,
            "encodings": table.encodings,
            "plan": plan.rows,
        },
    )


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


TEMPLATE_HEADER = [
    "employee_id",
    "name",
    "unit",
    "position",
    "hire_date",
    "manager",
    "roles",
    "email",
    "grade",
    "guidance_type",
]
TEMPLATE_EXAMPLE = [
    "E10001",
    "王小明",
    "總行/華東分行/浦東支行/浦東零售團隊",  # a team of the demo organisation (people.demo)
    "客戶經理",
    "2024-03-01",
    "no",
    "trainee",
    "",
    "junior",
    "",
]


def column_headers() -> list[tuple[str, list[str]]]:
    """Each column with the other header names the roster accepts for it, in a
    stable order: what the upload page lists."""
    return [
        (column, sorted(alias for alias in aliases if not alias.isascii()))
        for column, aliases in COLUMN_ALIASES.items()
    ]


def roster_template_csv() -> bytes:
    """An empty roster with the column names and one example row (UTF-8 with BOM),
    written by the shared writer."""
    return csv_bytes([TEMPLATE_EXAMPLE], header=TEMPLATE_HEADER)
