"""The API's URLs alone: where an answer the answer-token view does not take
goes on (hostsite.urls), to the API's own operation."""

from django.urls import path, resolve

from hostsite.api import api

urlpatterns = [path("api/", api.urls)]


def api_view(request, **kwargs):
    """Whatever the API's own view of this request's path answers."""
    match = resolve(request.path_info, urlconf=__name__)
    return match.func(request, *match.args, **match.kwargs)
