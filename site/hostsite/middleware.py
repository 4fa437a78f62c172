"""Request bodies over the limit are refused before anything reads them.

Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE only once something
reads it, and then as a bare 400 (or a 500 where the reader did not expect
it). Here the declared length is checked first: 413 with a message, in the
API's problem shape on API paths, whose limit is much smaller (answers are a
few hundred bytes). Multipart bodies on pages are left to Django: their files
do not count against the limit, so their length alone says nothing.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

API_MAX_BODY_BYTES = 64 * 1024


def _declared_length(request) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._api_prefix = None

    def api_prefix(self) -> str:
        if self._api_prefix is None:
            self._api_prefix = reverse("api:api-root")
        return self._api_prefix

    def __call__(self, request):
        length = _declared_length(request)
        if length and request.path.startswith(self.api_prefix()):
            limit = getattr(settings, "LIANBING_API_MAX_BODY_BYTES", API_MAX_BODY_BYTES)
            if length > limit:
                return JsonResponse(
                    {
                        "code": "too_large",
                        "message": _("The request body is larger than %(limit)d bytes.")
                        % {"limit": limit},
                        "field": "body",
                    },
                    status=413,
                )
        elif length:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            multipart = request.content_type == "multipart/form-data"
            if limit is not None and length > limit and not multipart:
                return HttpResponse(
                    _("The request is too large: at most %(size)d KB may be sent.")
                    % {"size": limit // 1024},
                    status=413,
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
