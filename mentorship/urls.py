from django.urls import path

from .views import pairs, suggestions

app_name = "mentorship"

urlpatterns = [
    path("pairs/<int:pair_id>/", pairs.pair_detail, name="pair"),
    path("suggestions/", suggestions.suggestions, name="suggestions"),
    path("suggestions/run/", suggestions.run_start, name="suggestions_run"),
    path(
        "suggestions/runs/<int:run_id>/progress/",
        suggestions.run_progress,
        name="suggestions_progress",
    ),
    path(
        "suggestions/runs/<int:run_id>/accept-all/",
        suggestions.accept_all,
        name="suggestions_accept_all",
    ),
    path(
        "suggestions/<int:suggestion_id>/accept/",
        suggestions.accept,
        name="suggestion_accept",
    ),
    path(
        "suggestions/<int:suggestion_id>/change/",
        suggestions.change,
        name="suggestion_change",
    ),
    path(
        "suggestions/<int:suggestion_id>/reject/",
        suggestions.reject,
        name="suggestion_reject",
    ),
    path("assign/", suggestions.assign, name="assign"),
]
