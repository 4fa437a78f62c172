"""Who may fetch a document or an image: files follow the pages that use them.

A document (`/documents/<id>/<name>`) or an image (its original or any of its
renditions under MEDIA_URL) that pages use is served only to people who may
open every one of those pages, so a restricted risk review's attachment reaches
only the review's readers, whatever collection it sits in. Page access is not
decided here: it is `courses.confidentiality.pages_visible_to` (view
restrictions) and, for visitors who are not signed in, the pages that are for
staff only (`StaffOnlyPage`). A file that no page uses is served to signed-in
people; in a collection that trainers may not choose from (the risk review
files) only to those who may choose it in the admin, and such a file reaches
the readers of pages other than risk reviews (a lesson that links it) no
further than that either. A submitted case's attachment (兩案例) reaches
those who may read the case and, once the case is a page, that page's readers.

"Pages that use a file" are those Wagtail's reference index records (chooser
blocks, image and document fields, rich text) plus those whose Markdown (text
fields and Markdown blocks of pages and of their inline items, published or in
the latest draft) writes the file's address: the reference index does not read
Markdown.

Files are handed over by `file_response`, after the check: streamed through
Django, or by the web server in front (X-Accel-Redirect for nginx, X-Sendfile
for Apache and others) as `COURSES_FILE_DELIVERY` says. This module is also
the `SENDFILE_BACKEND` of Wagtail's document serving view.
"""

import mimetypes
import os
import re
from functools import cache
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from modelcluster.models import get_all_child_relations
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import GroupCollectionPermission, Page, ReferenceIndex, get_page_models
from wagtail.permissions import policy_registry

from people.roles import GROUP_NAMES, Role

from .conf import courses_settings
from .confidentiality import pages_visible_to
from .models.pages import StaffOnlyPage
from .models.risk import RiskCaseReviewPage, RiskReviewCoursePage
from .selectors.case_submissions import submission_of_document, submission_readable_by

DELIVERY_DJANGO = "django"
DELIVERY_X_ACCEL_REDIRECT = "x-accel-redirect"
DELIVERY_X_SENDFILE = "x-sendfile"
DELIVERIES = (DELIVERY_DJANGO, DELIVERY_X_ACCEL_REDIRECT, DELIVERY_X_SENDFILE)
# Files are kept by the reader's own browser for this long (never by shared caches),
# so a page seen again does not ask for each of its images again.
BROWSER_CACHE_SECONDS = 3600


# --- Which pages use a file ------------------------------------------------------------


@cache
def _markdown_sources() -> list[tuple[type, str, list[str], list[str]]]:
    """(model, the field naming its page, its text fields, its StreamFields) for
    every page type and every inline item of a page that holds long text."""
    sources = []
    for page_model in get_page_models():
        if page_model._meta.abstract or page_model is Page:
            continue
        models = [(page_model, "pk")]
        for relation in get_all_child_relations(page_model):
            models.append((relation.related_model, relation.field.attname))
        for model, page_field in models:
            if any(source[0] is model for source in sources):
                continue
            texts = [
                f.name
                for f in model._meta.local_fields
                if isinstance(f, TextField) and not isinstance(f, StreamField)
            ]
            streams = [f.name for f in model._meta.local_fields if isinstance(f, StreamField)]
            if texts or streams:
                sources.append((model, page_field, texts, streams))
    return sources


def pages_writing(addresses: list[str]) -> set[int]:
    """Ids of pages whose Markdown (or any long text), live or in their latest
    draft, contains one of `addresses`. One query per page type that holds long
    text, and one for the drafts."""
    page_ids: set[int] = set()
    if not addresses:
        return page_ids
    for model, page_field, texts, streams in _markdown_sources():
        queryset = model._base_manager.all()
        condition = Q()
        for name in texts:
            for address in addresses:
                condition |= Q(**{f"{name}__contains": address})
        for name in streams:
            alias = f"lianbing_{name}_text"
            queryset = queryset.alias(**{alias: Cast(name, output_field=TextField())})
            for address in addresses:
                condition |= Q(**{f"{alias}__contains": address})
        page_ids.update(queryset.filter(condition).values_list(page_field, flat=True))
    # A draft waiting for approval counts too: its page's readers are its file's readers.
    drafts = Page.objects.alias(
        lianbing_draft_text=Cast("latest_revision__content", output_field=TextField())
    )
    condition = Q()
    for address in addresses:
        condition |= Q(lianbing_draft_text__contains=address)
    page_ids.update(drafts.filter(condition).values_list("pk", flat=True))
    return page_ids


def _pages_referencing(obj) -> set[int]:
    page_type = ContentType.objects.get_for_model(Page)  # cached by Django
    return {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }


def document_address(document) -> str:
    """The part of a document's address that every link to it starts with."""
    return reverse("wagtaildocs_serve", args=[document.pk, "x"])[:-1]


def pages_using_document(document) -> set[int]:
    return _pages_referencing(document) | pages_writing([document_address(document)])


def image_addresses(image) -> list[str]:
    """The addresses of an image's original and of each of its renditions."""
    names = [image.file.name]
    names += list(image.renditions.values_list("file", flat=True))
    return [image.file.storage.url(name) for name in names if name]


def pages_using_image(image) -> set[int]:
    return _pages_referencing(image) | pages_writing(image_addresses(image))


# --- Who may fetch it ------------------------------------------------------------------


@cache
def _staff_only_type_ids() -> list[int]:
    models = [m for m in get_page_models() if issubclass(m, StaffOnlyPage)]
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def may_open_all(user, page_ids: set[int]) -> bool | None:
    """Whether `user` may open every one of the pages, published or not: none is
    under a view restriction they do not pass (courses.confidentiality) and,
    for a visitor who is not signed in, none is for staff only. None when none
    of the pages exists."""
    if not page_ids:
        return None
    pages = Page.objects.filter(pk__in=page_ids)
    existing = set(pages.values_list("pk", flat=True))
    if not existing:
        return None
    open_pages = pages_visible_to(user, pages)
    if not user.is_authenticated:
        open_pages = open_pages.exclude(content_type_id__in=_staff_only_type_ids())
    return existing <= set(open_pages.values_list("pk", flat=True))


def in_risk_review_collection(obj) -> bool:
    """Whether a document or image sits where risk experts upload and trainers may
    not choose (the "Risk review files" collection that courses' migration makes,
    whatever it is called now). One query."""
    model = obj._meta.model
    granted = set(
        GroupCollectionPermission.objects.filter(
            group__name__in=[GROUP_NAMES[Role.RISK_EXPERT], GROUP_NAMES[Role.TRAINER]],
            permission__content_type__app_label=model._meta.app_label,
            permission__codename__in=[
                f"add_{model._meta.model_name}",
                f"choose_{model._meta.model_name}",
            ],
            collection__in=obj.collection.get_ancestors(inclusive=True),
        ).values_list("group__name", "permission__codename")
    )
    return (GROUP_NAMES[Role.RISK_EXPERT], f"add_{model._meta.model_name}") in granted and (
        GROUP_NAMES[Role.TRAINER],
        f"choose_{model._meta.model_name}",
    ) not in granted


def _manager_of_collection(user, obj) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    policy = policy_registry.get_by_type(obj._meta.model)
    return policy.user_has_any_permission_for_instance(user, ["choose", "change"], obj)


def _risk_review_among(page_ids: set[int]) -> bool:
    types = ContentType.objects.get_for_models(RiskCaseReviewPage, RiskReviewCoursePage)
    return Page.objects.filter(pk__in=page_ids, content_type__in=list(types.values())).exists()


def file_readable_by(user, obj, page_ids: set[int]) -> bool:
    """The rule of this module for a document or an image that `page_ids` use."""
    allowed = may_open_all(user, page_ids)
    if allowed is False:
        return False
    if allowed is None:  # no page uses it
        if not user.is_authenticated:
            return False
        return not in_risk_review_collection(obj) or _manager_of_collection(user, obj)
    # A risk review's upload reaches others only through a review: a link to it
    # written into a lesson or a case does not open it to that page's readers.
    if in_risk_review_collection(obj) and not _risk_review_among(page_ids):
        return _manager_of_collection(user, obj)
    return True


def document_readable_by(user, document) -> bool:
    page_ids = pages_using_document(document)
    # A submitted case's attachment (兩案例) is read by those who may read the
    # case; once the case is a page, by that page's readers too, and by no
    # other page's readers before that.
    submission = submission_of_document(document)
    if submission is not None:
        if submission_readable_by(user, submission):
            return True
        if submission.page_id is None or submission.page_id not in page_ids:
            return False
    return file_readable_by(user, document, page_ids)


def image_readable_by(user, image) -> bool:
    return file_readable_by(user, image, pages_using_image(image))


# --- Handing the file over ------------------------------------------------------------


def delivery() -> str:
    method = courses_settings.FILE_DELIVERY
    if method not in DELIVERIES:
        raise ImproperlyConfigured(
            f"COURSES_FILE_DELIVERY is {method!r}; it must be one of {', '.join(DELIVERIES)}."
        )
    return method


def sendfile(request, filename, mimetype=None, **kwargs) -> HttpResponse:
    """A file on local disk, after the check: streamed by Django, or handed to the
    web server in front. Wagtail's document view adds Content-Disposition and
    Content-Length (this function is its SENDFILE_BACKEND)."""
    mimetype = mimetype or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    method = delivery()
    if method == DELIVERY_DJANGO:
        response = FileResponse(open(filename, "rb"), content_type=mimetype)  # noqa: SIM115 (closed by Django)
    else:
        response = HttpResponse(content_type=mimetype)
        if method == DELIVERY_X_SENDFILE:
            response["X-Sendfile"] = str(filename)
        else:
            try:
                relative = Path(filename).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
            except ValueError:
                raise Http404 from None  # not a media file: never handed over
            prefix = courses_settings.FILE_DELIVERY_INTERNAL_PREFIX.rstrip("/") + "/"
            response["X-Accel-Redirect"] = prefix + quote(relative.as_posix())
    response["X-Content-Type-Options"] = "nosniff"
    # Confidential files must not be kept by shared caches on the way.
    patch_cache_control(response, private=True, max_age=BROWSER_CACHE_SECONDS)
    return response


def file_response(request, file) -> HttpResponse:
    """Serve a stored file (a FieldFile) by the configured delivery; storages
    without a local path are streamed through Django."""
    try:
        path = file.path
    except NotImplementedError:
        path = None
    if path is not None:
        if not os.path.exists(path):
            raise Http404
        return sendfile(request, path)
    mimetype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    response = FileResponse(file.storage.open(file.name), content_type=mimetype)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=BROWSER_CACHE_SECONDS)
    return response


@require_safe
def media_serve(request, path):
    """Everything under MEDIA_URL: an image's original or one of its renditions,
    to those who may read it; any other address is 404. Documents have their
    own address (`/documents/<id>/<name>`) and are refused here."""
    image_model = get_image_model()
    image = image_model.objects.select_related("collection").filter(file=path).first()
    file = image.file if image else None
    if image is None:
        rendition = (
            image_model.get_rendition_model()
            .objects.select_related("image__collection")
            .filter(file=path)
            .first()
        )
        if rendition is None:
            raise Http404
        image, file = rendition.image, rendition.file
    if not image_readable_by(request.user, image):
        raise Http404
    return file_response(request, file)


def media_url_pattern() -> str:
    """The regular expression of MEDIA_URL's addresses, for the host's URLconf."""
    prefix = settings.MEDIA_URL
    if not prefix.startswith("/") or prefix.startswith("//"):
        raise ImproperlyConfigured("MEDIA_URL must be a path on this site, such as /media/.")
    return rf"^{re.escape(prefix.lstrip('/'))}(?P<path>.+)$"
