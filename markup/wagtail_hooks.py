from django.urls import include, path
from wagtail import hooks

from . import urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    # Inside the admin's URLs, so Wagtail's own admin-access check applies first.
    return [path("markup/", include(urls, namespace="markup"))]
