from django.urls import path

from ..views import learning as views
from . import (
    case_submissions,
    certificate_print,
    dashboard,
    effectiveness,
    followup,
    plans,
    results,
)

app_name = "courses"
urlpatterns = [
    path("<int:course_id>/enroll/", views.enroll, name="enroll"),
    path("<int:course_id>/enroll-team/", views.enroll_team, name="enroll_team"),
    path("pages/<int:page_id>/visit/", views.visit, name="visit"),
    path("pages/<int:page_id>/done/", views.complete, name="complete"),
    path("decisions/<int:point_id>/", views.decide, name="decide"),
]
urlpatterns += (
    plans.urlpatterns
    + followup.urlpatterns
    + results.urlpatterns
    + effectiveness.urlpatterns
    + dashboard.urlpatterns
    + certificate_print.urlpatterns
    + case_submissions.urlpatterns
)
urlpatterns += __import__("courses.urls.certification", fromlist=["*"]).urlpatterns
