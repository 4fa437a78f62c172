"""URLs of certification (see courses/urls/__init__.py), under /learning/."""

from django.urls import path

from ..views import certification as views

urlpatterns = [
    path("certification/", views.my_certification, name="my_certification"),
    path("certification/people/", views.certification_team, name="certification_people"),
    path(
        "certification/<int:programme_id>/enrol/",
        views.programme_enrol_view,
        name="programme_enrol",
    ),
    path("certificates/<str:code>/", views.certificate_detail, name="certificate"),
    path(
        "certificates/<str:code>/revoke/",
        views.certificate_revoke_view,
        name="certificate_revoke",
    ),
]
