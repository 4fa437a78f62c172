"""The host's URLs with a stand-in for the public verification page, whose
name (`certificate_verify`) the certificates' QR code reverses, so these tests
do not depend on that page."""

from django.http import HttpResponse
from django.urls import include, path


def verify(request, code):
    return HttpResponse(code)


urlpatterns = [
    path("verify/<str:code>/", verify, name="certificate_verify"),
    path("", include("hostsite.urls")),
]
