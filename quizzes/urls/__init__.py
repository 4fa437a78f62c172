"""The drills' pages (namespace "quizzes"); the host mounts them with
path("drills/", include("quizzes.urls")). The territory fact sheets are
quizzes.urls.facts, mounted apart."""

from django.urls import path

from ..views import drills, mastery, morning

app_name = "quizzes"
urlpatterns = [
    path("", drills.drill_list, name="drill_list"),
    path("<int:drill_id>/", drills.drill_take, name="drill_take"),
    path("review/", drills.daily_review, name="daily_review"),
    path("attempts/<int:attempt_id>/", drills.attempt_detail, name="attempt_detail"),
    path("team/", mastery.team_mastery, name="team_mastery"),
    path("morning/", morning.morning_home, name="morning_home"),
    path("morning/<int:session_id>/", morning.morning_session, name="morning_session"),
    path(
        "morning/<int:session_id>/turns/<int:turn_id>/",
        morning.morning_mark_view,
        name="morning_mark",
    ),
    path("morning/<int:session_id>/end/", morning.morning_end_view, name="morning_end"),
    path("morning/<int:session_id>/next/", morning.morning_next_view, name="morning_next"),
    path(
        "morning/<int:session_id>/turns/<int:turn_id>/skip/",
        morning.morning_skip_view,
        name="morning_skip",
    ),
    path("morning/<int:session_id>/undo/", morning.morning_undo_view, name="morning_undo"),
]
