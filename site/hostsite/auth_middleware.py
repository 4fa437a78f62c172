"""Django's AuthenticationMiddleware, with request.user made the user itself
once someone asks for it.

Django leaves request.user a SimpleLazyObject for the whole request, and
every attribute read through it costs a proxy's look-ups: a signed-in
page's navigation (ten apps' hooks asking about roles and permissions) and
its templates read the user hundreds of times, and the proxy was a tenth of
such a page's CPU. The user is still read only when asked for (the answer
token's view never is), and only once.
"""

from functools import partial

from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.utils.functional import SimpleLazyObject


def _user_of(request):
    user = auth.get_user(request)
    request.user = user  # later reads of request.user go straight to it
    return user


class ResolvingAuthenticationMiddleware(AuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)  # checks the session, sets auser
        request.user = SimpleLazyObject(partial(_user_of, request))
