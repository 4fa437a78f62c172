"""Risk case reviews (風險案例解析): credit cases that risk experts approved or
rejected, dissected for customer managers. Confidential: each review is
visible only to signed-in staff in the groups its confidentiality level
allows (a Wagtail view restriction kept in step by courses.confidentiality,
plus the checks in serve() and in every selector)."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index
from wagtail.url_routing import RouteResult

from markup.widgets import MarkdownTextarea
from people.roles import Role
from people.selectors import people_with_role

from ..levels import user_may_read_review
from ..page_tree_cache import tree_cached
from .pages import CoursePage, CoursePartPage


class RiskFactor(models.Model):
    """The managed taxonomy of risk factors (行業風險, 擔保不足, 關聯交易...)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("risk factor")
        verbose_name_plural = _("risk factors")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Confidentiality(models.TextChoices):
    INTERNAL = "internal", _("Internal: all staff")
    CONFIDENTIAL = (
        "confidential",
        _("Confidential: customer managers, trainers, managers, risk experts"),
    )
    RESTRICTED = "restricted", _("Restricted: risk experts and managers only")


class RiskDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CONDITIONAL = "conditional", _("Approved with conditions")


class LaterStatus(models.TextChoices):
    PERFORMING = "performing", _("Performing")
    OVERDUE = "overdue", _("Overdue")
    DEFAULTED = "defaulted", _("Defaulted")
    NOT_LENT = "not_lent", _("Not lent (rejected)")


class RiskReviewCoursePage(CoursePage):
    """A course of risk case reviews. It lives beside the catalogue, in its own
    part of the page tree, so that risk experts author it and the trainers'
    permissions on the catalogue do not reach it."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.RiskCaseReviewPage"]
    template = "courses/course_page.html"

    def route(self, request, path_components):
        if path_components and not request.user.is_authenticated:
            # A visitor who is not signed in is sent to log in from every address
            # below, found or not, so guessing addresses tells nothing of what exists.
            # (Wagtail's restriction on this course redirects them.)
            return RouteResult(self)
        return super().route(request, path_components)

    class Meta:
        verbose_name = _("risk review course")


class RiskCaseReviewForm(WagtailAdminPageForm):
    """The reviewing expert is chosen among risk experts; an expert already on the
    review stays a choice after leaving the role, so saving it loses nothing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("reviewing_expert")
        if field is not None:
            experts = people_with_role(Role.RISK_EXPERT)
            current = self.instance.reviewing_expert_id
            if current is not None:
                experts = experts | field.queryset.filter(pk=current)
            field.queryset = experts.distinct()


class RiskCaseReviewPage(CoursePartPage):
    base_form_class = RiskCaseReviewForm

    application_summary = models.TextField(
        _("application summary"), help_text=_("Markdown, anonymised.")
    )
    decision = models.CharField(_("risk decision"), max_length=12, choices=RiskDecision.choices)
    rationale = models.TextField(_("rationale"), help_text=_("Markdown."))
    risk_factors = ParentalManyToManyField(RiskFactor, blank=True, verbose_name=_("risk factors"))
    mitigants = models.TextField(_("mitigants"), blank=True, help_text=_("Markdown."))
    later_status = models.CharField(
        _("what happened later"), max_length=12, choices=LaterStatus.choices
    )
    later_notes = models.TextField(
        _("what happened later, in detail"), blank=True, help_text=_("Markdown.")
    )
    customer_manager_view = models.TextField(
        _("the customer manager's view"), help_text=_("Markdown.")
    )
    risk_manager_view = models.TextField(_("the risk manager's view"), help_text=_("Markdown."))
    reviewing_expert = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewing expert"),
    )
    review_date = models.DateField(_("date of the review meeting"))
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Confidentiality.choices,
        default=Confidentiality.CONFIDENTIAL,
    )

    content_panels = CoursePartPage.content_panels + [
        FieldPanel("confidentiality"),
        FieldPanel("application_summary", widget=MarkdownTextarea),
        MultiFieldPanel(
            [
                FieldPanel("decision"),
                FieldPanel("rationale", widget=MarkdownTextarea),
                FieldPanel("risk_factors"),
                FieldPanel("mitigants", widget=MarkdownTextarea),
            ],
            heading=_("The risk decision"),
        ),
        MultiFieldPanel(
            [FieldPanel("later_status"), FieldPanel("later_notes", widget=MarkdownTextarea)],
            heading=_("What happened later"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("customer_manager_view", widget=MarkdownTextarea),
                FieldPanel("risk_manager_view", widget=MarkdownTextarea),
            ],
            heading=_("Perspective swap (換位思考)"),
        ),
        MultiFieldPanel(
            [FieldPanel("reviewing_expert"), FieldPanel("review_date")], heading=_("Review meeting")
        ),
    ]
    search_fields = CoursePartPage.search_fields + [
        index.SearchField("application_summary"),
        index.SearchField("rationale"),
        index.SearchField("customer_manager_view"),
        index.SearchField("risk_manager_view"),
    ]
    parent_page_types = ["courses.RiskReviewCoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("risk case review")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):  # a draft's own factors
            context["risk_factors"] = list(self.risk_factors.all())
        else:
            # Kept per generation of the page tree, which a published revision
            # and a risk factor saved or deleted start anew (courses.apps).
            context["risk_factors"] = tree_cached(
                "risk-factors", self.pk, lambda: list(self.risk_factors.all())
            )
        return context

    def serve(self, request, *args, **kwargs):
        if request.user.is_authenticated and not user_may_read_review(request.user, self):
            raise Http404  # a denied reader learns nothing, not even that the page exists
        return super().serve(request, *args, **kwargs)
