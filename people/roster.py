"""Roster import: a CSV or XLSX file of staff, previewed first, then applied
all at once. A re-import updates people in place, keyed by employee id.

Columns (header names in English or Chinese, see COLUMN_ALIASES):
employee_id, name, unit (path from the root, "總行/華東分行/浦東支行"),
position, hire_date, manager (yes/no), roles (separated by ; , or 、),
and optionally email, grade, guidance_type.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from tabular.reading import Table, TableError, read_table

from .conf import people_settings
from .models import Grade, GuidanceType, OrgUnit, Person, RosterImport
from .roles import GROUP_NAMES, Role, role_from_text
from .selectors import unit_by_path_index

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

    rows: list[dict] = field(default_factory=list)
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


def read_roster(*, file_name: str, data: bytes) -> Table:
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
    )


def _normalise_row(number: int, values: dict, units, grades, guidance) -> tuple[dict, list]:
    errors = []

    def error(column, message):
        errors.append(RowError(number, column, message))

    employee_id = values.get("employee_id", "")
    if not employee_id:
        error("employee_id", _("The employee id is empty."))
    elif not EMPLOYEE_ID.match(employee_id):
        error(
            "employee_id",
            _("“%(value)s” is not a valid employee id (letters, digits, - _ . up to 32).")
            % {"value": employee_id},
        )

    name = values.get("name", "")
    if not name:
        error("name", _("The name is empty."))
    elif len(name) > 100:
        error("name", _("The name is longer than 100 characters."))

    unit_path = _split_unit_path(values.get("unit", ""))
    unit = units.get(unit_path)
    if not unit_path:
        error("unit", _("The unit is empty."))
    elif unit is None:
        error("unit", _("Unknown unit “%(value)s”.") % {"value": values.get("unit", "")})

    hire_date = None
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
            if hire_date and hire_date > timezone.localdate():
                error(
                    "hire_date",
                    _("The hire date %(value)s is in the future.")
                    % {"value": hire_date.isoformat()},
                )

    flag = values.get("manager", "").strip().lower()
    is_manager = flag in YES
    if flag not in YES and flag not in NO:
        error("manager", _("“%(value)s” is not yes or no.") % {"value": values.get("manager")})

    roles = []
    for word in ROLE_SEPARATORS.split(values.get("roles", "")):
        if not word.strip():
            continue
        role = role_from_text(word)
        if role is None:
            error("roles", _("Unknown role “%(value)s”.") % {"value": word.strip()})
        elif role not in roles:
            roles.append(role)
    if not roles:
        roles.append(Role.TRAINEE)
    if is_manager and Role.MANAGER not in roles:
        roles.append(Role.MANAGER)

    email = values.get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            error("email", _("“%(value)s” is not an e-mail address.") % {"value": email})

    grade = ""
    if values.get("grade"):
        grade = grades.get(values["grade"].lower())
        if grade is None:
            error("grade", _("Unknown grade “%(value)s”.") % {"value": values["grade"]})

    guidance_type = ""
    if values.get("guidance_type"):
        guidance_type = guidance.get(values["guidance_type"].lower())
        if guidance_type is None:
            error(
                "guidance_type",
                _("Unknown guidance type “%(value)s”.") % {"value": values["guidance_type"]},
            )

    row = {
        "row": number,
        "employee_id": employee_id,
        "name": name,
        "unit_id": unit.pk if unit else None,
        "unit": unit_path,
        "position": values.get("position", "")[:100],
        "hire_date": hire_date.isoformat() if hire_date else None,
        "manager": is_manager,
        "roles": [role.value for role in roles],
        "email": email,
        "grade": grade or "",
        "guidance_type": guidance_type or "",
    }
    return row, errors


def _current_state(person: Person) -> dict:
    roles = sorted(
        role.value for role, group in GROUP_NAMES.items() if group in person._group_names
    )
    return {
        "name": person.name,
        "unit_id": person.unit_id,
        "position": person.position,
        "hire_date": person.hire_date.isoformat() if person.hire_date else None,
        "manager": person.unit_id in person._managed_ids,
        "roles": roles,
        "email": person.user.email,
        "grade": person.grade,
        "guidance_type": person.guidance_type,
    }


def column_label(column: str) -> str:
    """A roster column (or a changed field) as the administrator reads it,
    in the active language."""
    if column == "unit_id":  # previews stored by earlier versions name the field
        column = "unit"
    return str(COLUMN_LABELS.get(column, column))


def _changed_fields(current: dict, row: dict) -> list[str]:
    """The roster columns whose value differs from the person on file."""
    wanted = {**row, "roles": sorted(row["roles"])}
    fields = [key for key in current if current[key] != wanted[key]]
    if "email" in fields and not row["email"]:
        fields.remove("email")  # an empty e-mail cell keeps the address on file
    return ["unit" if key == "unit_id" else key for key in fields]


def roster_plan(rows: list[dict]) -> RosterPlan:
    """Validate raw rows ({"row": n, "values": {...}}) against the database and
    say what applying them would do. Reads only."""
    units = unit_by_path_index()
    grades, guidance = _choice_lookup(Grade), _choice_lookup(GuidanceType)
    plan = RosterPlan()
    first_seen: dict[str, int] = {}
    for raw in rows:
        row, errors = _normalise_row(raw["row"], raw["values"], units, grades, guidance)
        employee_id = row["employee_id"]
        if employee_id and employee_id in first_seen:
            errors.append(
                RowError(
                    raw["row"],
                    "employee_id",
                    _("Employee id %(id)s is already on row %(first)d.")
                    % {"id": employee_id, "first": first_seen[employee_id]},
                )
            )
        elif employee_id:
            first_seen[employee_id] = raw["row"]
        plan.errors.extend(errors)
        plan.rows.append(row)

    existing = {
        person.employee_id: person
        for person in Person.objects.filter(employee_id__in=first_seen)
        .select_related("user")
        .prefetch_related("user__groups", "managed_units")
    }
    taken_usernames = set(
        get_user_model()
        .objects.filter(username__in=[eid for eid in first_seen if eid not in existing])
        .values_list("username", flat=True)
    )
    for row in plan.rows:
        person = existing.get(row["employee_id"])
        if person is None:
            if row["employee_id"] in taken_usernames:
                plan.errors.append(
                    RowError(
                        row["row"],
                        "employee_id",
                        _("A login named %(id)s exists but has no staff profile.")
                        % {"id": row["employee_id"]},
                    )
                )
            row["action"], row["changes"] = "create", []
            plan.creates += 1
            continue
        person._group_names = {group.name for group in person.user.groups.all()}
        person._managed_ids = {unit.pk for unit in person.managed_units.all()}
        changes = _changed_fields(_current_state(person), row)
        row["action"], row["changes"] = ("update", changes) if changes else ("unchanged", [])
        if changes:
            plan.updates += 1
        else:
            plan.unchanged += 1
    plan.errors.sort(key=lambda e: (e.row, e.column))
    return plan


def roster_preview(*, file_name: str, data: bytes, user=None) -> RosterImport:
    """Read and check a roster file; store the outcome for review. Changes no person."""
    try:
        table = read_roster(file_name=file_name, data=data)
    except TableError as exc:
        return RosterImport.objects.create(
            created_by=user,
            file_name=file_name,
            status=RosterImport.Status.INVALID,
            errors=[{"row": None, "column": "", "message": exc.message}],
        )
    raw_rows = [{"row": row.number, "values": row.values} for row in table.rows]
    plan = roster_plan(raw_rows)
    return RosterImport.objects.create(
        created_by=user,
        file_name=file_name,
        status=RosterImport.Status.PREVIEWED if plan.ok else RosterImport.Status.INVALID,
        rows=raw_rows,
        errors=[error.as_dict() for error in plan.errors],
        summary={**plan.summary(), "encoding": table.encoding, "plan": plan.rows},
    )


@transaction.atomic
def roster_apply(*, roster_import: RosterImport) -> RosterPlan:
    """Apply a previewed roster all at once. The rows are checked again against
    the database as it is now; any error and nothing changes."""
    roster_import = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
    if roster_import.status != RosterImport.Status.PREVIEWED:
        raise RosterInvalid([RowError(0, "", _("This import was already applied or has errors."))])
    plan = roster_plan(roster_import.rows)
    if not plan.ok:
        raise RosterInvalid(plan.errors)

    groups = {Role(role): Group.objects.get(name=name) for role, name in GROUP_NAMES.items()}
    role_groups = set(groups.values())
    User = get_user_model()
    existing = {
        p.employee_id: p
        for p in Person.objects.filter(
            employee_id__in=[r["employee_id"] for r in plan.rows]
        ).select_related("user")
    }
    units = {
        unit.pk: unit for unit in OrgUnit.objects.filter(pk__in={r["unit_id"] for r in plan.rows})
    }
    for row in plan.rows:
        if row["action"] == "unchanged":
            continue
        person = existing.get(row["employee_id"])
        if person is None:
            user = User(username=row["employee_id"], first_name=row["name"], email=row["email"])
            user.set_unusable_password()
            user.save()
            person = Person(user=user, employee_id=row["employee_id"])
        else:
            user = person.user
            user.first_name = row["name"]
            if row["email"]:
                user.email = row["email"]
            user.save(update_fields=["first_name", "email"])
        person.name = row["name"]
        person.unit = units[row["unit_id"]]
        person.position = row["position"]
        person.hire_date = date.fromisoformat(row["hire_date"]) if row["hire_date"] else None
        person.grade = row["grade"]
        person.guidance_type = row["guidance_type"]
        person.save()
        wanted = {groups[Role(role)] for role in row["roles"]}
        current = set(user.groups.all())
        user.groups.remove(*((current & role_groups) - wanted))
        user.groups.add(*(wanted - current))
        if row["manager"]:
            person.managed_units.add(person.unit)
        else:
            person.managed_units.remove(person.unit)

    roster_import.status = RosterImport.Status.APPLIED
    roster_import.applied_at = timezone.now()
    roster_import.summary = {**roster_import.summary, **plan.summary()}
    roster_import.save(update_fields=["status", "applied_at", "summary"])
    return plan
