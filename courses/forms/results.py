"""Forms of business results: the month chooser and the grid of figures
(people of one page × measures in use) for that month."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..selectors.results import last_month
from ..services.results import FigureEntry, month_check, value_check

MONTH_PATTERN = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2}(?:[T ].*)?)?\s*$")


def month_parse(text: str) -> date | None:
    """A month from "2026-05" (also "2026/5" or a date such as "2026-05-01"), else None."""
    match = MONTH_PATTERN.match(text or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (1 <= month <= 12 and 1900 <= year <= 9999):
        return None
    return date(year, month, 1)


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        month = month_parse(text)
        if month is None:
            raise ValidationError(_("Give the month as YYYY-MM, for example 2026-05."))
        return month

    def prepare_value(self, value):
        return value.strftime("%Y-%m") if isinstance(value, date) else value


class MonthForm(forms.Form):
    month = MonthField(label=_("Month"), required=False)

    def clean_month(self):
        month = self.cleaned_data["month"] or last_month()
        month_check(month)
        return month


class FiguresUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File of figures"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


def cell_name(person_id: int, measure_id: int) -> str:
    return f"f-{person_id}-{measure_id}"


class FiguresForm(forms.Form):
    """One optional number per person and measure. Only the cells that changed
    are saved; a cleared cell removes its figure."""

    def __init__(self, *args, people, measures, month, figures, **kwargs):
        super().__init__(*args, **kwargs)
        self.people, self.measures, self.month = people, measures, month
        self.rows = []
        for person in people:
            cells = []
            for measure in measures:
                name = cell_name(person.pk, measure.pk)
                self.fields[name] = forms.DecimalField(
                    label=_("%(measure)s of %(name)s (%(employee_id)s)")
                    % {
                        "measure": measure.name,
                        "name": person.name,
                        "employee_id": person.employee_id,
                    },
                    required=False,
                    localize=False,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
                    initial=figures.get((person.pk, measure.pk, month)),
                )
                cells.append((measure, name))
            self.rows.append((person, cells))

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if value is not None:
                try:
                    value_check(value)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def bound_rows(self):
        """[(person, [(measure, bound field)])] for the template."""
        return [(person, [(m, self[name]) for m, name in cells]) for person, cells in self.rows]

    def entries(self) -> list[FigureEntry]:
        changed = set(self.changed_data)
        return [
            FigureEntry(person.pk, measure.pk, self.month, self.cleaned_data[name])
            for person, cells in self.rows
            for measure, name in cells
            if name in changed
        ]
