"""The manager dashboard's extension point (see frame's docstring).

The host site's dashboard page decides who may see which people (managers
their managed subtrees, administrators any unit), builds a `DashboardScope`
and asks every app, through the Wagtail hook `lianbing_dashboard_sections`,
a function `(user, scope) -> list[DashboardSection]`, for its sections.

A hook only says which sections it has: building a section costs no query.
The host then calls `section.context()` for the page and, for a download,
`section.tables()` of that one section; each of the two costs a fixed number
of queries whatever the number of people (the page shows one page of people,
`scope.page_people`; a table for export covers `scope.people`, all of them).

A section's template gets `section`, `data` (what `context()` returned) and
`scope`; it renders its body without the `<h2>`, which the frame adds from
`section.title`, and the host adds a CSV and an XLSX link for each of
`section.exports` (table key, label). Orders in use: 10 assignments, 20
follow-up tasks, 30 mastery heatmap, 40 reviews due, 50 trends.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from wagtail import hooks


@dataclass(frozen=True)
class DashboardScope:
    """Whose figures the dashboard shows. `units` are the units (people.OrgUnit)
    whose whole subtrees are shown; `people` is a queryset of every person in
    them (use it as a subquery: `filter(person__in=scope.people)`);
    `page_people` the persons of the page shown, in order, each with `.unit`;
    `today` and `now` the moment the page is built for. `page_is_everyone`:
    the page shows every person of the scope, so a total over `people` is the
    sum of the figures of `page_people` (a section may spare its query)."""

    units: tuple
    people: Any
    page_people: tuple
    today: date
    now: datetime
    page_is_everyone: bool = False

    @property
    def page_person_ids(self) -> list[int]:
        return [person.pk for person in self.page_people]


@dataclass(frozen=True)
class DashboardTable:
    """A table of a section for export: a header and rows of plain values
    (text, numbers, dates, None), every person of the scope included."""

    key: str
    title: str
    header: list
    rows: list


def _no_tables() -> list[DashboardTable]:
    return []


@dataclass(frozen=True)
class DashboardSection:
    """One section of the dashboard (see the module docstring). `key` is unique
    and used in URLs (letters, digits and dashes)."""

    key: str
    title: str
    template: str
    context: Callable[[], dict]
    tables: Callable[[], list[DashboardTable]] = _no_tables
    exports: tuple = field(default_factory=tuple)
    order: int = 100


def dashboard_sections(user, scope: DashboardScope) -> list[DashboardSection]:
    """Every app's dashboard sections for `user` looking at `scope`, in order.
    Call it only once the user is known to be allowed to see the scope."""
    sections = [
        section
        for fn in hooks.get_hooks("lianbing_dashboard_sections")
        for section in fn(user, scope)
    ]
    return sorted(sections, key=lambda section: section.order)
