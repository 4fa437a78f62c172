"""URLs of followup (see courses/urls/__init__.py)."""

urlpatterns = []
