"""The JSON API of the host site: each app contributes a router."""

from ninja import NinjaAPI
from ninja.security import django_auth

from quizzes.api import router as quizzes_router

api = NinjaAPI(
    title="Lianbing API",
    version="1",
    auth=django_auth,  # the signed-in session; unsafe methods need the CSRF token
    urls_namespace="api",
)
api.add_router("/quizzes/", quizzes_router)
