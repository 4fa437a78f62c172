"""Reading a roster: the file into rows (roster_read), and each row's cells
into the values it sets, every problem located by row and column (row_normalise)."""

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tabular.reading import Table, TableError, read_table

from ..conf import people_settings
from ..models import OrgUnit, Person
from ..roles import ROLE_ALIASES, role_from_text
from .columns import COLUMN_ALIASES, REQUIRED_COLUMNS

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


def _parse_date(text: str) -> date | None:
    for pattern in DATE_FORMATS:
        match = pattern.match(text)
        if match:
            return date(*(int(part) for part in match.groups()))  # ValueError if impossible
    raise ValueError(text)


def choice_lookup(choices) -> dict[str, str]:
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


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class ColumnLimits:
    """The longest value each column may hold: the database column it goes to."""

    def __init__(self):
        User = get_user_model()
        self.by_column = {
            "employee_id": _max_length(Person, "employee_id"),
            "name": min(_max_length(Person, "name"), _max_length(User, "first_name")),
            "position": _max_length(Person, "position"),
            "email": _max_length(User, "email"),
        }


def row_normalise(number: int, values: dict, units, grades, guidance, limits) -> tuple[dict, list]:
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
