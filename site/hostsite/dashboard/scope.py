"""Whose figures the dashboard shows: decided here, once, for the page and
every export. A manager sees the subtrees of the units they manage and may
pick any unit inside them; an administrator any unit (by default the whole
organisation); anyone else nothing (None: the views answer 404)."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone

from frame import DashboardScope
from people.selectors import (
    managed_units_of,
    people_visible_to,
    sees_everyone,
    subtree_q,
    units_visible_to,
)

# People per page of the per-person tables; the totals and exports cover everyone.
PAGE_SIZE = 50


@dataclass(frozen=True)
class UnitPicker:
    """The unit shown (None: all the units a manager manages), the units above
    it the user may pick, and those just below it (or the managed units)."""

    selected: object
    above: list
    below: list
    several: bool  # the user manages more than one unit: "all my units" is a choice


def may_see_dashboard(user) -> bool:
    return sees_everyone(user) or bool(managed_units_of(user))


def _top_units(units):
    """`units` without those inside another one's subtree."""
    ordered = sorted(units, key=lambda unit: unit.path)
    top = []
    for unit in ordered:
        if not any(unit.path.startswith(other.path) for other in top):
            top.append(unit)
    return top


def dashboard_units(user, unit_id) -> tuple[list, object] | None:
    """(units shown, unit picked or None) for `unit_id` from the query string
    (None or "": the default), or None if the user may not see it."""
    if not may_see_dashboard(user):
        return None
    if unit_id not in (None, ""):
        try:
            unit = units_visible_to(user).filter(pk=int(unit_id)).first()
        except (TypeError, ValueError):
            return None
        return ([unit], unit) if unit is not None else None
    if sees_everyone(user):
        roots = list(units_visible_to(user).filter(depth=1).order_by("path"))
        return roots, roots[0] if len(roots) == 1 else None
    top = _top_units(managed_units_of(user))
    return top, top[0] if len(top) == 1 else None


def scope_people(user, units):
    """Every person in the subtrees of `units` whom the user may see."""
    return people_visible_to(user).filter(subtree_q(units, prefix="unit__"))


def _people_page(ordered, page_number) -> tuple[Page, bool]:
    """(the page of `ordered` asked for, whether it holds everyone). The first
    page is read with one row more than it holds: when that row is missing,
    the page is everyone and needs no count; else the count is the one more
    query. Any other page: the count and the page, as Paginator reads them."""
    if page_number not in (None, "", "1"):
        return Paginator(ordered, PAGE_SIZE).get_page(page_number), False
    first = list(ordered[: PAGE_SIZE + 1])
    if len(first) <= PAGE_SIZE:
        return Paginator(first, PAGE_SIZE).page(1), True
    return Page(first[:PAGE_SIZE], 1, Paginator(ordered, PAGE_SIZE)), False


def dashboard_scope(user, units, *, page_number=None, paged=True) -> tuple[DashboardScope, Page]:
    """The scope of `units` (from dashboard_units) with one page of its people
    (two queries: the count and the page; one when everyone fits on the first
    page), or no page (exports).

    When everyone is on the page, `people` is those people by id: the same
    people as the visibility rules pick, which every section's queries then
    read without planning those rules again, each time."""
    now = timezone.now()
    people = scope_people(user, units)
    ordering = ("unit__path", "name", "pk")
    page = None
    page_people: tuple = ()
    whole = False
    if paged:
        page, whole = _people_page(people.order_by(*ordering), page_number)
        page_people = tuple(page.object_list)
    if whole:
        people = people.model.objects.filter(pk__in=[person.pk for person in page_people])
    scope = DashboardScope(
        units=tuple(units),
        people=people.order_by(*ordering),
        page_people=page_people,
        today=timezone.localdate(now),
        now=now,
        page_is_everyone=whole,
    )
    return scope, page


def unit_picker(user, units, selected) -> UnitPicker:
    """The picker's choices: the units above the one selected and those just
    below it, in one query."""
    several = not sees_everyone(user) and len(_top_units(managed_units_of(user))) > 1
    if selected is None:
        return UnitPicker(None, [], list(units), several)
    step = len(selected.path) // selected.depth
    prefixes = [selected.path[:end] for end in range(step, len(selected.path), step)]
    near = Q(path__startswith=selected.path, depth=selected.depth + 1)
    if prefixes:
        near |= Q(path__in=prefixes)
    found = list(units_visible_to(user).filter(near).order_by("path"))
    above = [unit for unit in found if unit.depth < selected.depth]
    below = [unit for unit in found if unit.depth > selected.depth]
    return UnitPicker(selected, above, below, several)
