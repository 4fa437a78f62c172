"""Forms of the quizzes app's front-end pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class MasteryCompareForm(forms.Form):
    """Two days to compare on the team mastery page; neither for the live figures."""

    before = forms.DateField(label=_("Compare from"), required=False, widget=DateInput())
    after = forms.DateField(
        label=pgettext_lazy("second date of a comparison", "to"), required=False, widget=DateInput()
    )

    def clean(self):
        data = super().clean()
        before, after = data.get("before"), data.get("after")
        if self.errors:
            return data
        if bool(before) != bool(after):
            missing = "after" if before else "before"
            self.add_error(
                missing, _("Choose both dates to compare, or neither to see the live figures.")
            )
        elif before and after and after < before:
            self.add_error("after", _("The second date must not come before the first."))
        elif after and after > timezone.localdate():
            self.add_error("after", _("Choose a day no later than today."))
        return data

    @property
    def comparing(self) -> bool:
        return self.is_valid() and bool(self.cleaned_data.get("before"))
