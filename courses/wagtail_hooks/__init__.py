from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

from frame import HomePanel, NavItem, RecordSection, page_url
from people.selectors import person_for_user

from .. import admin_views
from ..admin_viewsets import risk_factor_viewset
from ..anonymisation import names_found_in
from ..confidentiality import hidden_subtrees_key, page_hidden_from, pages_visible_to
from ..files import document_readable_by
from ..models import CaseStudyPage, CourseIndexPage, RiskCaseReviewPage, RiskReviewCoursePage
from ..page_tree_cache import restrictions_now
from ..selectors.catalogue import catalogue_for
from ..selectors.observations import observations_of
from ..selectors.progress import my_learning

# Each subject registers its own hooks in its module here.
from . import case_submissions, dashboard, effectiveness, followup, plans, results  # noqa: F401


@hooks.register("lianbing_navigation")
def courses_navigation(user):

    items = [NavItem(_("Search"), page_url("search"), order=80)]
    # One query for both entry points; the risk reviews only for those who may read them.

    for is_review, url in navigation_areas(user):
        items.append(NavItem(_("Risk reviews") if is_review else _("Courses"), url, order=9))
    return items


def navigation_areas(user) -> tuple[tuple[bool, str], ...]:
    """(is a risk review course, address) of the catalogue and the risk review
    courses the user may read: kept per page tree generation and per set of
    subtrees hidden from the user, so no query once this process has it."""
    tree = restrictions_now()
    hidden = hidden_subtrees_key(user)

    def read() -> tuple[tuple[bool, str], ...]:
        review_type = ContentType.objects.get_for_model(RiskReviewCoursePage)  # cached by Django
        areas = pages_visible_to(user).type(CourseIndexPage, RiskReviewCoursePage)
        return tuple(
            (page.content_type_id == review_type.pk, page.url) for page in areas.order_by("path")
        )

    return tree.held("navigation_areas", hidden, read)


@hooks.register("lianbing_home_panels")
def my_learning_panel(user):
    person = person_for_user(user)
    if person is None:
        return []
    courses = my_learning(person)
    # Nothing to resume: the panel points at the catalogue instead.
    catalogue = None if courses else catalogue_for(user)
    return [
        HomePanel(
            _("My learning"),
            "courses/panels/my_learning.html",
            {"courses": courses, "catalogue": catalogue},
            order=6,
        )
    ]


@hooks.register("lianbing_training_record_sections")
def courses_record_section(person, viewer):
    """The person's courses with progress on their training record."""
    return [
        RecordSection(
            _("Courses"),
            "courses/record/courses.html",
            {"courses": my_learning(person, viewer=viewer, limit=None)},
            order=10,
        )
    ]


@hooks.register("lianbing_training_record_sections")
def observations_record_section(person, viewer):
    """Behaviour observations of the post-training follow-up (by managers and mentors)."""
    return [
        RecordSection(
            _("Behaviour observations"),
            "courses/record/observations.html",
            {"observations": list(observations_of(person, limit=20))},
            order=45,
        )
    ]


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_real_names(request, page):
    """An anonymisation check: a warning, not a block; the author decides."""

    page = page.specific
    if not isinstance(page, (CaseStudyPage, RiskCaseReviewPage)):
        return
    found = names_found_in(page)
    if found:
        messages.warning(
            request,
            gettext(
                "This page names %(names)s, which appear in the territory fact sheets or the "
                "list of protected names. Anonymise them before publishing."
            )
            % {"names": "、".join(found)},
        )


@hooks.register("before_serve_page")
def deny_confidential_pages_with_404(page, request, serve_args, serve_kwargs):
    """Wagtail answers a signed-in reader outside a restriction's groups with a
    login redirect, which tells them the page exists; Lianbing answers 404.
    Runs before Wagtail's own restriction hook (courses loads its hooks first)."""

    if request.user.is_authenticated and page_hidden_from(request.user, page):
        raise Http404
    return None


@hooks.register("construct_page_chooser_queryset")
def hide_confidential_pages_from_the_chooser(pages, request):
    """The admin's page chooser (browse and search) lists only what the user may read."""
    return pages_visible_to(request.user, pages)


@hooks.register("construct_admin_api", order=1)
def scope_the_admin_api_files(router):
    """Wagtail's admin API lists documents and images, and gives each by its id,
    whatever collection it sits in: a trainer would read the titles of the risk
    review files. After Wagtail's own registrations, its two endpoints give only
    what the user may choose or change, as the choosers do."""

    def scoped(viewset):
        class Scoped(viewset):
            def get_queryset(self):
                policy = policy_registry.get_by_type(self.model)
                allowed = policy.instances_user_has_any_permission_for(
                    self.request.user, ["choose", "change"]
                )
                return super().get_queryset().filter(pk__in=allowed.values("pk"))

        Scoped.__name__ = Scoped.__qualname__ = f"Scoped{viewset.__name__}"
        return Scoped

    router.register_endpoint("documents", scoped(DocumentsAdminAPIViewSet))
    router.register_endpoint("images", scoped(ImagesAdminAPIViewSet))


@hooks.register("before_move_page")
def refuse_a_move_the_user_may_not_make(request, page, destination):
    """Wagtail's move confirmation shows the page (a restricted review's title)
    before anything is checked: only its POST checks. Refuse it to whoever may
    not move the page there."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("register_admin_urls")
def register_decision_urls():

    return [path("courses/decisions/", include((admin_views.urlpatterns, "courses_admin")))]


@hooks.register("register_page_header_buttons")
def decisions_button(page, user, view_name=None, next_url=None):
    """On a case's admin pages: a link to how learners chose at its decision points."""

    if page.specific_class is CaseStudyPage and page.permissions_for_user(user).can_edit():
        yield Button(
            _("How learners chose"),
            reverse("courses_admin:decisions", args=[page.pk]),
            icon_name="group",
            priority=60,
        )


@hooks.register("register_admin_viewset")
def register_risk_factor_viewset():
    return risk_factor_viewset


@hooks.register("before_serve_document")
def serve_documents_only_to_readers(document, request):
    """A document goes only to those who may open every page that uses it (see
    courses.files); anyone else gets 404, which says nothing of its existence."""

    if not document_readable_by(request.user, document):
        raise Http404
    return None


# Certification's hooks, in their own module like the subjects above.
from . import certification  # noqa: E402, F401
