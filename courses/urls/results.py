"""URLs of results (see courses/urls/__init__.py)."""

urlpatterns = []
