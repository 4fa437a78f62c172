"""URLs of effectiveness (see courses/urls/__init__.py)."""

from django.urls import path

from ..views import effectiveness as views

urlpatterns = [
    path("effectiveness/", views.effectiveness_list, name="effectiveness"),
    path(
        "effectiveness/<int:course_id>/",
        views.effectiveness_course,
        name="effectiveness_course",
    ),
    path(
        "effectiveness/<int:course_id>/export.<str:fmt>",
        views.effectiveness_export,
        name="effectiveness_export",
    ),
    path(
        "effectiveness/<int:course_id>/topics/<int:topic_id>/refresher/",
        views.refresher_send,
        name="effectiveness_refresher",
    ),
]
