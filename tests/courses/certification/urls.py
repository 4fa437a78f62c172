"""The host's URLs, with stand-ins for a certificate's print and PDF routes
when they are not installed (they come from the print feature): the
certificate page links to them by name."""

from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from courses import urls as courses_urls
from hostsite import urls as host


def _stand_in(request, code):
    return HttpResponse(code)


def _missing(name) -> bool:
    try:
        reverse(f"courses:{name}", args=["X"], urlconf="hostsite.urls")
    except NoReverseMatch:
        return True
    return False


stand_ins = [
    path(f"certificates/<str:code>/{suffix}/", _stand_in, name=name)
    for name, suffix in (("certificate_print", "print"), ("certificate_pdf", "pdf"))
    if _missing(name)
]
learning = [
    path(
        "learning/", include((courses_urls.urlpatterns + stand_ins, "courses"), namespace="courses")
    )
]
urlpatterns = learning + [entry for entry in host.urlpatterns if str(entry.pattern) != "learning/"]
