from django import forms
from django.utils.translation import gettext_lazy as _

from imports.forms import UploadField

from .conf import people_settings


class RosterUploadForm(forms.Form):
    file = UploadField(
        max_bytes=lambda: people_settings.ROSTER_MAX_BYTES,
        label=_("Roster file"),
        help_text=_("CSV (UTF-8, GB18030 or Big5) or XLSX; the first row holds the column names."),
    )
