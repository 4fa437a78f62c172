"""Territory fact sheets on the site: a manager uploads a sheet for one of
their people or teams, lists the sheets they may see; everybody reads their
own territory facts.

The upload goes through the import pipeline (imports/, kind "facts"): the
file and its preview wait in the database (deleted after a day when not
applied), nothing else is written before the confirmation, and the sheet is
then saved in the background with its progress on the page. Both steps check
the user's scope again, and the sheet is checked again when applied.
"""

import re

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.selectors import import_runs_for
from imports.services import import_run_create
from people.selectors import person_for_user
from tabular.writing import csv_response

from ..selectors.facts import (
    fact_person_get,
    fact_sheet_get,
    fact_sheets_visible_to,
    fact_upload_people,
    fact_upload_units,
    facts_of,
    may_upload_facts,
)
from ..services.facts import (
    COLUMN_ALIASES,
    COLUMN_LABELS,
    FACTS_MAX_BYTES,
    may_upload_facts_for,
)

SUBJECT = re.compile(r"^(person|unit):(\d+)$")
SHEETS_PER_PAGE = 25


class FactSheetUploadForm(forms.Form):
    subject = forms.CharField(
        label=gettext_lazy("For"),
        widget=forms.Select,
        help_text=gettext_lazy("One of your people, or a team: then all its members."),
    )
    file = forms.FileField(
        label=gettext_lazy("Fact sheet (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt,.tsv"}),
    )

    def __init__(self, *args, people, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].widget.choices = [
            ("", "---------"),
            (
                _("People"),
                [(f"person:{p.pk}", f"{p.name} ({p.employee_id}) · {p.unit.name}") for p in people],
            ),
            (_("Teams"), [(f"unit:{u.pk}", f"{u.name} · {u.get_kind_display()}") for u in units]),
        ]

    def clean_subject(self):
        match = SUBJECT.match(self.cleaned_data["subject"])
        if not match:
            raise forms.ValidationError(_("Choose a person or a team."))
        return match.group(1), int(match.group(2))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > FACTS_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(max)d MB.") % {"max": FACTS_MAX_BYTES // (1024 * 1024)}
            )
        if not uploaded.name.lower().endswith((".csv", ".xlsx", ".txt", ".tsv")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return uploaded


def _require_uploader(user):
    if not may_upload_facts(user):
        raise PermissionDenied


def _subject_or_404(user, kind: str, pk: int) -> dict:
    """{"person": ...} or {"unit": ...}, if the user may upload for it; else 404,
    whether it exists or not."""
    if kind == "person":
        person = fact_upload_people(user).filter(pk=pk).first()
        if person is not None:
            return {"person": person}
    elif kind == "unit":
        unit = fact_upload_units(user).filter(pk=pk).first()
        if unit is not None:
            return {"unit": unit}
    raise Http404


@login_required
def my_facts(request):
    """The facts of one's own territory, read-only."""
    person = person_for_user(request.user)
    if person is None:
        raise Http404
    return render(
        request,
        "quizzes/facts/person_facts.html",
        {"person": person, "facts": facts_of(person), "is_self": True},
    )


@login_required
def person_facts(request, person_id):
    """A person's current facts, for themself and their managers."""
    person = fact_person_get(request.user, person_id)
    if person is None:
        raise Http404
    return render(
        request,
        "quizzes/facts/person_facts.html",
        {
            "person": person,
            "facts": facts_of(person),
            "is_self": person.user_id == request.user.pk,
            "can_upload": may_upload_facts(request.user) and person.user_id != request.user.pk,
        },
    )


@login_required
def sheet_list(request):
    """The fact sheets the user may see, newest first."""
    sheets = (
        fact_sheets_visible_to(request.user)
        .annotate(fact_count=Count("facts"))
        .order_by("-uploaded_at", "-pk")
    )
    page = Paginator(sheets, SHEETS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "quizzes/facts/sheet_list.html",
        {"page": page, "can_upload": may_upload_facts(request.user)},
    )


@login_required
def sheet_detail(request, sheet_id):
    sheet = fact_sheet_get(request.user, sheet_id)
    if sheet is None:
        raise Http404
    can_upload = may_upload_facts(request.user) and may_upload_facts_for(
        request.user, person=sheet.person, unit=sheet.unit
    )
    subject = f"person:{sheet.person_id}" if sheet.person_id else f"unit:{sheet.unit_id}"
    return render(
        request,
        "quizzes/facts/sheet_detail.html",
        {
            "sheet": sheet,
            "facts": sheet.facts.all(),
            "can_upload": can_upload,
            "subject": subject,
        },
    )


@login_required
def upload(request):
    """Choose whom the sheet is for and the file; nothing is saved yet."""
    _require_uploader(request.user)
    people = fact_upload_people(request.user).order_by("unit__path", "employee_id")
    units = fact_upload_units(request.user).order_by("path")
    form = FactSheetUploadForm(
        request.POST or None,
        request.FILES or None,
        people=people,
        units=units,
        initial={"subject": request.GET.get("subject", "")},
    )
    if request.method == "POST" and form.is_valid():
        kind, pk = form.cleaned_data["subject"]
        _subject_or_404(request.user, kind, pk)
        uploaded = form.cleaned_data["file"]
        run = import_run_create(
            kind="facts",
            user=request.user,
            file_name=uploaded.name,
            data=uploaded.read(),
            params={kind: pk},
        )
        return redirect("quizzes_facts:detail", pk=run.pk)
    return render(
        request,
        "quizzes/facts/upload.html",
        {
            "form": form,
            "columns": [(column, COLUMN_LABELS[column]) for column in COLUMN_ALIASES],
            "max_mb": FACTS_MAX_BYTES // (1024 * 1024),
            "recent": import_runs_for(request.user, "facts")[:5],
        },
    )


@login_required
def template_csv(request):
    """An example fact sheet: the column names and two rows."""
    _require_uploader(request.user)
    return csv_response(
        [
            ["華夏貿易有限公司", "上月日均存款", 12500000, "元", "2024-05-31"],
            ["東方物流股份公司", "上月日均存款", 8300000, "元", "2024-05-31"],
        ],
        header=["entity", "attribute", "value", "unit", "as_of"],
        file_name="fact-sheet-template.csv",
    )
