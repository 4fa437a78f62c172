"""URLs of plans (see courses/urls/__init__.py), under /learning/plans/."""

from django.urls import path

from ..views import plans as views

urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:assignment_id>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:assignment_id>/withdraw/", views.plan_withdraw, name="plan_withdraw"),
]
