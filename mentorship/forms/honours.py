from django import forms
from django.utils.translation import gettext_lazy as _


class HonourForm(forms.Form):
    """A trainer names one mentor of the ranking 優秀導師 of this year."""

    mentor = forms.IntegerField(widget=forms.HiddenInput)
    citation = forms.CharField(
        label=_("Citation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this mentor stands out: the mentor reads it in their notice."),
        error_messages={"required": _("Write the citation: why this mentor stands out.")},
    )
