"""request.user becomes the user itself once read (hostsite.auth_middleware):
later reads do not go through Django's lazy proxy, and the user is read once."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.utils.functional import SimpleLazyObject

from hostsite import auth_middleware
from hostsite.auth_middleware import ResolvingAuthenticationMiddleware
from tests.spies import calls_of


def _through_middleware(request):
    ResolvingAuthenticationMiddleware(lambda request: HttpResponse()).process_request(request)
    return request


def test_the_signed_in_user_is_read_once_and_then_is_request_user(rf, client, trainee, monkeypatch):
    client.force_login(trainee.user)
    request = rf.get("/")
    request.session = client.session
    reads = calls_of(monkeypatch, auth_middleware.auth, "get_user")
    _through_middleware(request)
    assert type(request.user) is SimpleLazyObject and reads == []  # not read until asked
    assert request.user.is_authenticated
    assert type(request.user) is type(trainee.user)
    assert request.user.pk == trainee.user.pk and request.user.get_username()
    assert len(reads) == 1


def test_a_visitor_becomes_the_anonymous_user(rf, client, db):
    request = rf.get("/")
    request.session = client.session
    _through_middleware(request)
    assert not request.user.is_authenticated
    assert type(request.user) is AnonymousUser


def test_a_signed_in_page_sees_the_user_itself(client, trainee):
    client.force_login(trainee.user)
    response = client.get("/drills/")
    assert response.status_code == 200
    assert type(response.wsgi_request.user) is type(trainee.user)
