from django.urls import path

from .views import pairs

app_name = "mentorship"

urlpatterns = [
    path("pairs/<int:pair_id>/", pairs.pair_detail, name="pair"),
]
