"""The sign-in and sign-out pages of the front end.

The sign-in form names the user-name field once, by its label, and its error
message uses that same label (Django's would use the model field's name);
signing out says that it happened, on the sign-in page it leads back to.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Employee id or user name"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter a correct “%(username)s” and password. Both may be case-sensitive."
        ),
    }

    def get_invalid_login_error(self) -> forms.ValidationError:
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"username": self.fields["username"].label},
        )


class AdminSignInForm(LoginForm):
    """Wagtail's admin sign-in form (WAGTAILADMIN_USER_LOGIN_FORM) with the front end's
    label and message for the user name, and a label for the password, which
    Wagtail's form leaves to the field's untranslated name."""

    error_messages = SignInForm.error_messages

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        label = SignInForm.base_fields["username"].label
        self.fields["username"].label = label
        self.fields["username"].widget.attrs["placeholder"] = label
        self.fields["password"].label = _("Password")

    def get_invalid_login_error(self) -> forms.ValidationError:
        return SignInForm.get_invalid_login_error(self)


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"


class SignOutView(auth_views.LogoutView):
    """Signs out (POST only, as Django's) and says so on the next page."""

    def post(self, request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.success(request, gettext("You have signed out."))
        return response
