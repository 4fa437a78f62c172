"""The Content-Security-Policy header: django-csp's middleware, with a second
policy for Wagtail's admin.

Every HTML page of the site gets CONTENT_SECURITY_POLICY (settings/base.py):
scripts only from the site's own files, or inline with the request's nonce,
never 'unsafe-inline'. Wagtail's admin writes inline scripts and inline styles
of its own (inline panels, date pickers, the rich text editor), so pages under
the admin's address get ADMIN_CONTENT_SECURITY_POLICY instead, which allows
them there and nowhere else.
"""

from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse


@cache
def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def is_admin_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(_admin_prefix())


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        # Pages only: documents, images and JSON are not run as pages, and a
        # policy on a PDF can stop the browser's own viewer.
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        # A view's own csp_replace/csp_update still wins over either policy.
        if not report_only and parts.config is None and is_admin_request(request):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts
