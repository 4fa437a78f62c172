"""The Markdown editor's preview: the same renderer readers see, server-side."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .conf import preview_max_length
from .rendering import render_markdown


@never_cache
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """POST text=...: the sanitised HTML fragment, or a plain-text message."""
    # Wagtail's admin URLs already require this permission; checked again so
    # the view stays closed wherever a site mounts it.
    if not request.user.has_perm("wagtailadmin.access_admin"):
        return HttpResponseForbidden(
            _("You do not have permission to preview."), content_type="text/plain; charset=utf-8"
        )
    text = request.POST.get("text", "")
    limit = preview_max_length()
    if len(text) > limit:
        message = _(
            "The text is too long to preview: %(length)s characters, at most %(limit)s."
        ) % {"length": len(text), "limit": limit}
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    # In the script the author wrote, whatever the language of the admin.
    return HttpResponse(
        render_markdown(text, reader_script=False), content_type="text/html; charset=utf-8"
    )
