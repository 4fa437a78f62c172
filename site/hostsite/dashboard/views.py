"""The manager dashboard: the apps' sections (frame.dashboard) composed in the
host's frame, for a unit the user may see, and each section's tables as CSV
and XLSX. Whom a user may see is decided in .scope, for the page and the
exports alike."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from frame import dashboard_sections
from replicas import reading_from_replica
from tabular import csv_response, xlsx_response

from .scope import dashboard_scope, dashboard_units, unit_picker


@login_required
@reading_from_replica
def dashboard(request):
    """A unit's figures (?unit=<id>, default: the units the user manages, or the
    whole organisation for an administrator), one page of people at a time (?page=)."""
    found = dashboard_units(request.user, request.GET.get("unit"))
    if found is None:
        raise Http404
    units, selected = found
    scope, page = dashboard_scope(request.user, units, page_number=request.GET.get("page"))
    unit_query = {"unit": selected.pk} if selected is not None else {}
    sections = [
        {
            "section": section,
            "data": section.context(),
            "exports": [
                {
                    "label": label,
                    "query": urlencode(unit_query),
                    "table": key,
                }
                for key, label in section.exports
            ],
        }
        for section in dashboard_sections(request.user, scope)
    ]
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "scope": scope,
            "page": page,
            "picker": unit_picker(request.user, units, selected),
            "sections": sections,
            "unit_query": urlencode(unit_query),
        },
    )


@login_required
@reading_from_replica
def export(request, section, table, fmt):
    """One table of one section, for the same scope as the page (?unit=), with
    every person in it (no paging)."""
    found = dashboard_units(request.user, request.GET.get("unit"))
    if found is None:
        raise Http404
    units, selected = found
    scope, _page = dashboard_scope(request.user, units, paged=False)
    chosen = [s for s in dashboard_sections(request.user, scope) if s.key == section]
    if not chosen or table not in dict(chosen[0].exports):
        raise Http404
    found_tables = [t for t in chosen[0].tables() if t.key == table]
    if not found_tables:
        raise Http404
    data = found_tables[0]
    # An ASCII file name (the header allows no other): the unit's code, or "all".
    unit_code = selected.code if selected is not None else "all"
    name = f"dashboard-{section}-{table}-{unit_code}-{scope.today.isoformat()}"
    if fmt == "xlsx":
        return xlsx_response(
            data.rows, header=data.header, file_name=f"{name}.xlsx", sheet_title=data.title
        )
    return csv_response(data.rows, header=data.header, file_name=f"{name}.csv")
