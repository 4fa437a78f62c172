"""URLs of effectiveness (see courses/urls/__init__.py)."""

urlpatterns = []
