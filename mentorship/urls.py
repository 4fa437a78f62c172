from django.urls import path

from .views import hub, life, pairs, profiles, report, suggestions

app_name = "mentorship"

urlpatterns = [
    path("", hub.home, name="home"),
    path("profile/", profiles.mentor_profile, name="profile"),
    path("profile/step-back/", profiles.step_back, name="step_back"),
    path("nomination/", profiles.nomination_answer, name="nomination_answer"),
    path("people/", hub.people, name="people"),
    path("people/<int:person_id>/nominate/", profiles.nominate, name="nominate"),
    path("people/<int:person_id>/needs/", profiles.mentee_need, name="mentee_need"),
    path("pairs/<int:pair_id>/", pairs.pair_detail, name="pair"),
    path("pairs/<int:pair_id>/agreement/", life.agreement_edit, name="agreement_edit"),
    path("pairs/<int:pair_id>/acknowledge/", life.agreement_ack, name="acknowledge"),
    path("pairs/<int:pair_id>/checkins/", life.checkin_add, name="checkin_add"),
    path("pairs/<int:pair_id>/complete/", life.complete, name="complete"),
    path("pairs/<int:pair_id>/end-early/", life.end_early, name="end_early"),
    path("pairs/<int:pair_id>/feedback/", life.feedback, name="feedback"),
    path("pairs/<int:pair_id>/observations/", life.observation_add, name="observation_add"),
    path("report/", report.report_page, name="report"),
    path("report.csv", report.report_export, {"fmt": "csv"}, name="report_csv"),
    path("report.xlsx", report.report_export, {"fmt": "xlsx"}, name="report_xlsx"),
    path("report/export/", report.report_export, name="report_export"),
    path("ranking/", report.ranking_page, name="ranking"),
    path("ranking/honours/", report.honour_create, name="honour_create"),
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
