"""The public verification page, included by the host at /verify/ without a
namespace (its names are the host's: certificate_verify, certificate_verify_form)."""

from django.urls import path

from ..views import verification as views

urlpatterns = [
    path("", views.verify_form, name="certificate_verify_form"),
    path("<str:code>/", views.verify_code, name="certificate_verify"),
]
