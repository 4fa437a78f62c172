"""Another site's URL configuration: the frame's URLs follow the one in use."""

from django.http import HttpResponse
from django.urls import include, path


def _page(request):
    return HttpResponse("")


people_urls = ([path("team/", _page, name="team")], "people")

urlpatterns = [
    path("other/", _page, name="home"),
    path("other/", include(people_urls)),
]
