"""URLs of dashboard (see courses/urls/__init__.py)."""

urlpatterns = []
