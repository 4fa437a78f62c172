from django import forms
from django.utils.translation import gettext_lazy as _


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_("CSV (UTF-8, GB18030 or Big5) or XLSX; the first row holds the column names."),
    )
