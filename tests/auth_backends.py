"""The sign-in throttle's backend as the test settings use it."""

from hostsite.signin import SignInGateBackend


class AxesBackendAllowingTestClientLogin(SignInGateBackend):
    """The site's sign-in backend (django-axes' with the gate of concurrent
    checks), except that it lets `Client.login()` through.

    The test client authenticates without a request, which django-axes refuses
    (it counts failures per address). Every sign-in through a page, in tests as
    in production, has a request and is throttled as usual.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
