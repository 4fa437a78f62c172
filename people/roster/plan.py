"""Planning a roster: what applying the rows would do to each person, checked
against the database as it is (reads only), and the preview stored for review."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from tabular.reading import TableError

from ..models import Grade, GuidanceType, Person, RosterImport
from ..roles import GROUP_NAMES, Role
from ..selectors import unit_by_path_index
from ..services import managed_units_after
from .reading import ColumnLimits, RowError, choice_lookup, roster_read, row_normalise


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


def _raw(key: str, value, unit_paths: dict[int, str]):
    """A field's value as a change stores it: units by their path, the rest as is."""
    if key == "unit_id":
        return unit_paths.get(value, "")
    if key == "managed_unit_ids":
        return [unit_paths.get(pk, "") for pk in value]
    return value


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
    grades, guidance = choice_lookup(Grade), choice_lookup(GuidanceType)
    limits = ColumnLimits()
    plan = RosterPlan()
    first_seen: dict[str, tuple[int, str]] = {}  # lower-case id: (row, id as written)
    for raw in rows:
        row, errors = row_normalise(raw["row"], raw["values"], units, grades, guidance, limits)
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
