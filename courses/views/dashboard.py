"""The training sections of the manager dashboard (frame.dashboard): the
team's assignments by status, per person and in total, and the follow-up
tasks due, each with its figures in a table and its tables for export. The
host has decided the scope; the status is courses.selectors.plans'."""

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from charts import Series, bar_chart
from frame import DashboardScope, DashboardSection, DashboardTable

from ..selectors.dashboard import (
    FOLLOWUP_DUE_WITHIN_DAYS,
    assignment_status_by_person,
    assignment_status_totals,
    followup_tasks_due,
    followup_tasks_due_first,
    owner_name,
)
from ..selectors.plans import AssigneeStatus

# The page lists the earliest follow-up tasks due; the download has them all.
FOLLOWUP_PAGE_ROWS = 50


def _count(value) -> str:
    return f"{value:.0f}"


def _count_cells_html(counts: list[int]) -> SafeString:
    """A row's cells of whole numbers, joined here: a template loop over every
    cell of a page of 50 people costs more than the rest of the section."""
    return mark_safe("".join(f"<td>{count:d}</td>" for count in counts))  # noqa: S308


def _statuses() -> list[tuple[str, str]]:
    return [(status, str(AssigneeStatus.LABELS[status])) for status in AssigneeStatus.ORDER]


# --- assignments by status ---------------------------------------------------------


def assignments_context(scope: DashboardScope) -> dict:
    by_person = assignment_status_by_person(scope.page_person_ids, today=scope.today)
    if scope.page_is_everyone:  # the totals are the page's rows added up
        totals = dict.fromkeys(AssigneeStatus.ORDER, 0)
        for counts in by_person.values():
            for status, count in counts.items():
                totals[status] += count
    else:
        totals = assignment_status_totals(scope.people, today=scope.today)
    empty = dict.fromkeys(AssigneeStatus.ORDER, 0)
    rows = []
    for person in scope.page_people:
        counts = [by_person.get(person.pk, empty)[s] for s in AssigneeStatus.ORDER]
        total = sum(counts)
        rows.append(
            {
                "person": person,
                "counts": counts,
                "total": total,
                "cells_html": _count_cells_html([*counts, total]),
            }
        )
    statuses = _statuses()
    chart = None
    if any(totals.values()):
        chart = bar_chart(
            chart_id="assignments-chart",
            table_id="assignments-totals",
            title=_("Assignments by status, everyone in the unit"),
            labels=[label for _key, label in statuses],
            series=[Series(_("Assignments"), [totals[key] for key, _label in statuses])],
            fmt=_count,
        )
    return {
        "statuses": statuses,
        "totals": [{"key": key, "label": label, "count": totals[key]} for key, label in statuses],
        "total": sum(totals.values()),
        "rows": rows,
        "chart": chart,
    }


def assignments_tables(scope: DashboardScope) -> list[DashboardTable]:
    by_person = assignment_status_by_person(scope.people, today=scope.today)
    totals = assignment_status_totals(scope.people, today=scope.today)
    statuses = _statuses()
    empty = dict.fromkeys(AssigneeStatus.ORDER, 0)
    people = scope.people.values_list("pk", "employee_id", "name", "unit__name")
    rows = []
    for pk, employee_id, name, unit in people:
        counts = by_person.get(pk, empty)
        rows.append(
            [employee_id, name, unit, *[counts[key] for key, _l in statuses], sum(counts.values())]
        )
    header = [_("Employee id"), _("Name"), _("Unit"), *[label for _k, label in statuses]]
    header.append(_("Total"))
    return [
        DashboardTable("by-person", _("Assignments by person"), header, rows),
        DashboardTable(
            "totals",
            _("Assignments in total"),
            [_("Status"), _("Assignments")],
            [[label, totals[key]] for key, label in statuses],
        ),
    ]


# --- follow-up tasks due -----------------------------------------------------------


def _task_line(task) -> dict:
    return {
        "task": task,
        "owner": owner_name(task),
        "kind": task.get_kind_display(),
    }


def followup_context(user, scope: DashboardScope) -> dict:
    first, count = followup_tasks_due_first(
        user, scope.people, today=scope.today, limit=FOLLOWUP_PAGE_ROWS
    )
    lines = [_task_line(task) for task in first]
    return {
        "lines": lines,
        "count": count,
        "more": count - len(lines),
        "within_days": FOLLOWUP_DUE_WITHIN_DAYS,
        "today": scope.today,
    }


def followup_tables(user, scope: DashboardScope) -> list[DashboardTable]:
    tasks = followup_tasks_due(user, scope.people, today=scope.today)
    header = [
        _("Due on"),
        _("Overdue"),
        _("Employee id"),
        _("Name"),
        _("Unit"),
        _("Course"),
        _("Task"),
        _("Checkpoint (days after completion)"),
        pgettext("follow-up task", "Owner"),
    ]
    rows = [
        [
            task.due_on,
            task.due_on < scope.today,
            task.person.employee_id,
            task.person.name,
            task.person.unit.name,
            task.course.title,
            task.get_kind_display(),
            task.checkpoint_days,
            owner_name(task),
        ]
        for task in tasks.iterator(chunk_size=2000)
    ]
    return [DashboardTable("tasks", _("Follow-up tasks due"), header, rows)]


# --- the sections ------------------------------------------------------------------


def dashboard_sections_of(user, scope: DashboardScope) -> list[DashboardSection]:
    """The training sections for the hook `lianbing_dashboard_sections`."""
    return [
        DashboardSection(
            key="assignments",
            title=gettext_lazy("Training plans"),
            template="courses/dashboard/assignments.html",
            context=lambda: assignments_context(scope),
            tables=lambda: assignments_tables(scope),
            exports=(
                ("by-person", gettext_lazy("Assignments by person")),
                ("totals", gettext_lazy("Assignments in total")),
            ),
            order=10,
        ),
        DashboardSection(
            key="followup",
            title=gettext_lazy("Follow-up tasks due"),
            template="courses/dashboard/followup.html",
            context=lambda: followup_context(user, scope),
            tables=lambda: followup_tables(user, scope),
            exports=(("tasks", gettext_lazy("Follow-up tasks due")),),
            order=20,
        ),
    ]
