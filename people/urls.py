from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("team/", views.team, name="team"),
    path("<int:person_id>/record/", views.training_record, name="record"),
]
