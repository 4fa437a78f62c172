"""The roster's columns: the header names it accepts, how an administrator
reads each column and each change, and the template file."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from tabular.writing import csv_bytes

from ..models import Grade, GuidanceType
from ..roles import Role

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


def column_label(column: str) -> str:
    """A roster column (or a changed field) as the administrator reads it,
    in the active language."""
    if column == "unit_id":  # previews stored by earlier versions name the field
        column = "unit"
    if column in ("manages", "managed_unit_ids"):
        return str(pgettext_lazy("roster column", "Manages"))
    return str(COLUMN_LABELS.get(column, column))


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
