from django.urls import path

from . import views

app_name = "quizzes"
urlpatterns = [
    path("", views.drill_list, name="drill_list"),
    path("<int:drill_id>/", views.drill_take, name="drill_take"),
    path("attempts/<int:attempt_id>/", views.attempt_detail, name="attempt_detail"),
]
