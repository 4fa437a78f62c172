from django.urls import path

from .views import pairs, report

app_name = "mentorship"

urlpatterns = [
    path("pairs/<int:pair_id>/", pairs.pair_detail, name="pair"),
    path("report/", report.report_page, name="report"),
    path("report.csv", report.report_export, {"fmt": "csv"}, name="report_csv"),
    path("report.xlsx", report.report_export, {"fmt": "xlsx"}, name="report_xlsx"),
    path("report/export/", report.report_export, name="report_export"),
    path("ranking/", report.ranking_page, name="ranking"),
    path("ranking/honours/", report.honour_create, name="honour_create"),
]
