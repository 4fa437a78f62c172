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

Modules: columns (headers, labels, the template), reading (the file and its
cells), plan (what would change; the stored preview), apply (the bulk writes).
"""

from .apply import roster_apply, roster_plan_apply
from .columns import (
    COLUMN_ALIASES,
    COLUMN_LABELS,
    TEMPLATE_EXAMPLE,
    TEMPLATE_HEADER,
    change_text,
    column_headers,
    column_label,
    roster_template_csv,
    value_text,
)
from .plan import RosterInvalid, RosterPlan, roster_plan, roster_preview
from .reading import RowError, roster_read

__all__ = [
    "COLUMN_ALIASES",
    "COLUMN_LABELS",
    "TEMPLATE_EXAMPLE",
    "TEMPLATE_HEADER",
    "RosterInvalid",
    "RosterPlan",
    "RowError",
    "change_text",
    "column_headers",
    "column_label",
    "roster_apply",
    "roster_plan",
    "roster_plan_apply",
    "roster_preview",
    "roster_read",
    "roster_template_csv",
    "value_text",
]
