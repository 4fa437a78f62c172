from django import forms
from django.utils.translation import gettext_lazy as _

from tabular import TableError, check_size

from .conf import people_settings


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_("CSV (UTF-8, GB18030 or Big5) or XLSX; the first row holds the column names."),
    )

    def clean_file(self):
        """Refuses a file over the size limit before anything reads it into memory."""
        uploaded = self.cleaned_data["file"]
        try:
            check_size(uploaded.size, max_bytes=people_settings.ROSTER_MAX_BYTES)
        except TableError as error:
            raise forms.ValidationError(error.message) from error
        return uploaded
