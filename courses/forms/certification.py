"""Forms of certification: revoking a certificate (the reason is required) and
typing a verification code on the public page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..certificate_codes import code_normalise, code_well_formed


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with your name and the time; the holder is told."),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("As printed on the certificate, for example ABCD-EFGH-JKLM-NPQR-STUV."),
    )

    def clean_code(self):
        code = code_normalise(self.cleaned_data["code"])
        if not code_well_formed(code):
            raise forms.ValidationError(
                _("A verification code has 20 letters and digits (dashes and spaces are ignored).")
            )
        return code
