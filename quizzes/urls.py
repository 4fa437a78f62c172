from django.urls import path

from . import morning_views, views

app_name = "quizzes"
urlpatterns = [
    path("", views.drill_list, name="drill_list"),
    path("<int:drill_id>/", views.drill_take, name="drill_take"),
    path("review/", views.daily_review, name="daily_review"),
    path("attempts/<int:attempt_id>/", views.attempt_detail, name="attempt_detail"),
    path("team/", views.team_mastery, name="team_mastery"),
    path("morning/", morning_views.morning_home, name="morning_home"),
    path("morning/<int:session_id>/", morning_views.morning_session, name="morning_session"),
    path(
        "morning/<int:session_id>/turns/<int:turn_id>/",
        morning_views.morning_mark_view,
        name="morning_mark",
    ),
    path("morning/<int:session_id>/end/", morning_views.morning_end_view, name="morning_end"),
    path("morning/<int:session_id>/next/", morning_views.morning_next_view, name="morning_next"),
    path(
        "morning/<int:session_id>/turns/<int:turn_id>/skip/",
        morning_views.morning_skip_view,
        name="morning_skip",
    ),
    path("morning/<int:session_id>/undo/", morning_views.morning_undo_view, name="morning_undo"),
]
