"""URLs of the follow-up after training (see courses/urls/__init__.py)."""

from django.urls import path

from ..views import followup as views

urlpatterns = [
    path("followup/", views.followup_tasks, name="followup_tasks"),
    path("followup/<int:task_id>/reaction/", views.followup_reaction, name="followup_reaction"),
    path(
        "followup/<int:task_id>/observation/",
        views.followup_observation,
        name="followup_observation",
    ),
]
