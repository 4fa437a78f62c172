from django.urls import path

from .views import life, pairs

app_name = "mentorship"

urlpatterns = [
    path("pairs/<int:pair_id>/", pairs.pair_detail, name="pair"),
    path("pairs/<int:pair_id>/agreement/", life.agreement_edit, name="agreement_edit"),
    path("pairs/<int:pair_id>/acknowledge/", life.agreement_ack, name="acknowledge"),
    path("pairs/<int:pair_id>/checkins/", life.checkin_add, name="checkin_add"),
    path("pairs/<int:pair_id>/complete/", life.complete, name="complete"),
    path("pairs/<int:pair_id>/end-early/", life.end_early, name="end_early"),
    path("pairs/<int:pair_id>/feedback/", life.feedback, name="feedback"),
    path("pairs/<int:pair_id>/observations/", life.observation_add, name="observation_add"),
]
