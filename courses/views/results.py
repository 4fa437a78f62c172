"""Business results: the page where managers enter or correct a month's figures
for the people in their scope, the import upload and its template file."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from imports.selectors import import_runs_for
from imports.services import import_run_create
from tabular.reading import TableError, upload_bytes
from tabular.writing import csv_response, xlsx_response

from ..forms.results import FiguresForm, FiguresUploadForm, MonthForm
from ..pipeline_results import FIGURES_KIND, FIGURES_MAX_BYTES
from ..results_file import template_rows
from ..selectors.results import (
    figure_people,
    figures_by_person_month,
    may_enter_figures,
    measure_list,
)
from ..services.results import figures_save

PEOPLE_PER_PAGE = 25


def _require_entry(user):
    if not may_enter_figures(user):
        raise Http404


@login_required
def figures_entry(request):
    """A grid of the people of one page (their scope, by unit and employee id) ×
    the measures in use, for the chosen month. Saved in one transaction."""
    _require_entry(request.user)
    month_form = MonthForm(request.GET)
    month = month_form.cleaned_data["month"] if month_form.is_valid() else None
    query = request.GET.get("q", "").strip()
    people = figure_people(request.user).order_by("unit__path", "employee_id")
    if query:
        people = people.filter(Q(name__icontains=query) | Q(employee_id__iexact=query))
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    measures = list(measure_list())
    form = None
    if month is not None:
        shown = list(page.object_list)
        figures = figures_by_person_month([p.pk for p in shown], [m.pk for m in measures], [month])
        form = FiguresForm(
            request.POST if request.method == "POST" else None,
            people=shown,
            measures=measures,
            month=month,
            figures=figures,
        )
        if request.method == "POST" and form.is_valid():
            try:
                saved = figures_save(by=request.user, entries=form.entries())
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "Figures of %(month)s saved: %(created)d new, %(updated)d corrected, "
                        "%(deleted)d removed."
                    )
                    % {
                        "month": month.strftime("%Y-%m"),
                        "created": saved.created,
                        "updated": saved.updated,
                        "deleted": saved.deleted,
                    },
                )
                return redirect(request.get_full_path())
    params = {"month": month.strftime("%Y-%m")} if month else {}
    if query:
        params["q"] = query
    return render(
        request,
        "courses/results/entry.html",
        {
            "month_form": month_form,
            "month": month,
            "query": query,
            "page": page,
            "page_query": urlencode(params),
            "measures": measures,
            "form": form,
        },
        # A refused save (a bad cell, or a bad month to save for) answers 400.
        status=400 if request.method == "POST" else 200,
    )


@login_required
def figures_upload(request):
    """Choose a file of figures; the pipeline previews it, nothing is saved yet."""
    _require_entry(request.user)
    form = FiguresUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            data = upload_bytes(uploaded, max_bytes=FIGURES_MAX_BYTES)
        except TableError as error:
            form.add_error("file", error.message)
        else:
            run = import_run_create(
                kind=FIGURES_KIND, user=request.user, file_name=uploaded.name, data=data
            )
            return redirect("courses:results_import:detail", pk=run.pk)
    return render(
        request,
        "courses/results/upload.html",
        {
            "form": form,
            "measures": list(measure_list()),
            "max_mb": FIGURES_MAX_BYTES // (1024 * 1024),
            "recent": import_runs_for(request.user, FIGURES_KIND)[:5],
        },
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
def figures_template(request, extension):
    """A file to fill in: the columns and a row per person of the uploader's
    first page of people, for last month."""
    _require_entry(request.user)
    header, rows = template_rows(request.user)
    if extension == "xlsx":
        return xlsx_response(
            rows, header=header, file_name="business-figures.xlsx", sheet_title="figures"
        )
    return csv_response(rows, header=header, file_name="business-figures.csv")
