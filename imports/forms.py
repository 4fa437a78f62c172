"""The upload field every importer's form uses."""

from collections.abc import Callable

from django import forms

from tabular import TableError, check_size


class UploadField(forms.FileField):
    """A file field that refuses a file over `max_bytes()` from the size the upload
    handler recorded, before any view reads the file into memory. `max_bytes` is
    called at validation time, so the limit follows the settings as they are then."""

    def __init__(self, *, max_bytes: Callable[[], int], **kwargs):
        self.max_bytes = max_bytes
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded:
            try:
                check_size(uploaded.size, max_bytes=self.max_bytes())
            except TableError as error:
                raise forms.ValidationError(error.message) from error
        return uploaded
