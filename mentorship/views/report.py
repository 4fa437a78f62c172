"""The programme report of mentoring (managers, administrators) with its CSV
and XLSX exports, and the ranking of mentors where trainers name 優秀導師.
Who sees what is decided in mentorship.selectors.report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from replicas import reading_from_replica
from tabular import csv_response, xlsx_response

from ..forms.honours import HonourForm
from ..selectors.report import (
    honours_ranking,
    may_honour,
    may_see_report,
    programme_report,
    ranked_mentor,
)
from ..services.honours import mentor_honour_award
from .report_tables import (
    outcome_header,
    outcome_lines,
    outcome_rows,
    ranking_lines,
    report_charts,
)

EXPORT_FORMATS = ("csv", "xlsx")


@login_required
@reading_from_replica
def report_page(request):
    """Active pairs, overdue check-ins, outcomes and the ranking, with charts."""
    if not may_see_report(request.user):
        raise Http404
    report = programme_report(request.user)
    return render(
        request,
        "mentorship/report.html",
        {
            "report": report,
            "outcome_lines": outcome_lines(report),
            "ranking_lines": ranking_lines(report.ranking),
            **report_charts(report),
        },
    )


@login_required
@reading_from_replica
def report_export(request, fmt=None):
    """The outcomes of the report as a spreadsheet: /report.csv, /report.xlsx or ?format=."""
    fmt = fmt or request.GET.get("format", "csv")
    if not may_see_report(request.user) or fmt not in EXPORT_FORMATS:
        raise Http404
    report = programme_report(request.user)
    rows, header = outcome_rows(report), outcome_header()
    name = f"mentoring-outcomes-{report.today.isoformat()}"
    if fmt == "xlsx":
        return xlsx_response(
            rows, header=header, file_name=f"{name}.xlsx", sheet_title=_("Outcomes")
        )
    return csv_response(rows, header=header, file_name=f"{name}.csv")


@login_required
def ranking_page(request, form=None):
    """The organisation-wide ranking of mentors, for trainers to name 優秀導師."""
    if not may_honour(request.user):
        raise Http404
    today = timezone.localdate()
    ranking = honours_ranking(today=today)
    return render(
        request,
        "mentorship/ranking.html",
        {
            "ranking": [
                {**line, "honour": ranked.honour}
                for line, ranked in zip(
                    ranking_lines([r.score for r in ranking]), ranking, strict=True
                )
            ],
            "year": today.year,
            "form": form,
            **report_charts(None, ranking),
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_POST
def honour_create(request):
    if not may_honour(request.user):
        raise Http404
    form = HonourForm(request.POST)
    if not form.is_valid():
        return ranking_page(request, form=form)
    score = ranked_mentor(form.cleaned_data["mentor"])
    if score is None:
        raise Http404
    try:
        mentor_honour_award(
            mentor=score.mentor,
            year=timezone.localdate().year,
            citation=form.cleaned_data["citation"],
            by_user=request.user,
        )
    except ValidationError as error:
        form.add_error("citation", error)
        return ranking_page(request, form=form)
    messages.success(
        request, _("%(name)s is now an outstanding mentor.") % {"name": score.mentor.name}
    )
    return redirect("mentorship:ranking")
