"""URLs of plans (see courses/urls/__init__.py)."""

urlpatterns = []
