"""The host's URLs plus the fact sheet views, mounted where the host will mount them."""

from django.urls import include, path

from hostsite.urls import urlpatterns as host_urlpatterns

urlpatterns = [
    path("drills/facts/", include("quizzes.urls.facts")),
    *host_urlpatterns,
]
