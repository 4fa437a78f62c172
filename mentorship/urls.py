from django.urls import path

from .views import hub, pairs, profiles

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
]
