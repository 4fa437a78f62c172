"""Page types of courses: the catalogue, courses, lessons and case studies.

Risk case reviews (confidential) have access rules of their own: see risk.py.
"""

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from markup.widgets import MarkdownTextarea
from people.selectors import user_group_ids

from ..blocks import LessonStreamBlock
from ..decision_drafts import decision_drafts_pop
from ..followup_days import followup_days_parse, validate_followup_days
from ..page_tree_cache import tree_cached
from .context import page_context


class KnownViewRestriction(PageViewRestriction):
    """Wagtail's view restriction, admitting a group reader from the groups
    already known: the restriction's from the tree's restrictions kept per
    generation, the reader's from people.viewer_cache. Wagtail's check asked
    the database for both, once per restriction above the page."""

    class Meta:
        proxy = True

    def accept_request(self, request):
        if self.restriction_type != self.GROUPS:
            return super().accept_request(request)
        user = request.user
        if user.is_superuser:
            return True
        admitted = page_context("restriction_group_ids", self.pk)
        return user.is_authenticated and bool(admitted & user_group_ids(user))


class KnownRestrictionsPage(Page):
    """A page whose view restrictions are looked up in the tree's restrictions
    kept per generation (courses.page_tree_cache): no query for a page that
    has none above it, one otherwise, however many restricted pages exist."""

    class Meta:
        abstract = True

    def hold_view_restrictions(self) -> None:
        """Keep the restrictions on this page and above it, from the tree's
        restrictions, on this instance for the request that serves it
        (courses.catalogue_cache routes each request to a copy of its own).
        Wagtail's serve hook only iterates them: without them held, it built
        and ran a query even to find none, a thirtieth of a course page."""
        held = page_context("restrictions_above", self)
        if held is not None:
            fields = [field.attname for field in PageViewRestriction._meta.concrete_fields]
            self.view_restrictions_held = [
                KnownViewRestriction(**{name: getattr(each, name) for name in fields})
                for each in held
            ]

    def get_view_restrictions(self):
        held = getattr(self, "view_restrictions_held", None)
        if held is not None:  # a list, not a query set: see hold_view_restrictions
            return held
        ids = page_context("restriction_ids_above", self)
        if ids is None:
            return super().get_view_restrictions()
        if not ids:
            return KnownViewRestriction.objects.none()
        return KnownViewRestriction.objects.filter(pk__in=ids)


class StaffOnlyPage(KnownRestrictionsPage):
    """Course pages are for signed-in staff: anybody else is sent to log in."""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)


class CoursePartPage(StaffOnlyPage):
    """A page inside a course (lesson, case, risk review): it shows the course's
    progress. Opening it writes nothing; once it has loaded, a small script
    (courses/resume.js) posts to `courses:visit` to remember where an enrolled
    person left off, and marking a page done remembers it too."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context("lesson", self, request.user))
        return context


class CourseFormat(models.TextChoices):
    SELF_PACED = "self_paced", _("Self-paced")
    CLASSROOM = "classroom", _("Classroom")
    BLENDED = "blended", _("Blended")
    CASE_DISCUSSION = "case_discussion", _("Case discussion")


class CompletionRule(models.TextChoices):
    ALL_LESSONS = "all_lessons", _("Every lesson done")
    LESSONS_AND_DRILL = "lessons_and_drill", _("Every lesson done and the final drill passed")


class CourseIndexPage(KnownRestrictionsPage):
    """The course catalogue: every published course below it, searchable and
    filtered by topic, audience and format. Open to visitors who are not signed
    in (the courses themselves are not), and served to them from the cache; a
    Wagtail privacy setting on this page closes it like any other page."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))

    content_panels = Page.content_panels + [FieldPanel("intro", widget=MarkdownTextarea)]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def serve(self, request, *args, **kwargs):
        return page_context(
            "catalogue_serve",
            self,
            request,
            lambda: super(CourseIndexPage, self).serve(request, *args, **kwargs),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context("catalogue", self, request.GET, user=request.user))
        return context


class CoursePage(StaffOnlyPage):
    """A course: its objectives and audience, then its lessons and cases as child pages."""

    objectives = models.TextField(_("objectives"), help_text=_("Markdown."))
    audience = models.CharField(
        _("audience"), max_length=200, help_text=_("Who the course is for.")
    )
    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"), default=60)
    course_format = models.CharField(
        _("format"), max_length=20, choices=CourseFormat.choices, default=CourseFormat.SELF_PACED
    )
    topics = ParentalManyToManyField("quizzes.Topic", blank=True, verbose_name=_("topics"))
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage", blank=True, verbose_name=_("prerequisites"), related_name="+"
    )
    completion_rule = models.CharField(
        _("completion rule"),
        max_length=20,
        choices=CompletionRule.choices,
        default=CompletionRule.ALL_LESSONS,
    )
    final_drill = models.ForeignKey(
        "quizzes.Drill",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("final drill"),
    )
    followup_days = models.CharField(
        _("follow-up checkpoints"),
        max_length=50,
        blank=True,
        default="30,90",
        validators=[validate_followup_days],
        help_text=_(
            "Days after completion, separated by commas. At each one the trainee takes a "
            "retention drill and the manager or mentor records what changed. Empty: no follow-up."
        ),
    )
    ce_hours = models.DecimalField(
        _("continuing-education hours"),
        max_digits=4,
        decimal_places=1,
        default=0,
        help_text=_("What completing this course counts for in certification programmes."),
    )
    observation_checklist = models.TextField(
        _("observation checklist"),
        blank=True,
        help_text=_(
            "One item per line: what the manager or mentor looks for at each checkpoint "
            "(has this way of working changed?)."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("objectives", widget=MarkdownTextarea),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("course_format"),
                FieldPanel("estimated_minutes"),
                FieldPanel("ce_hours"),
                FieldPanel("topics"),
                FieldPanel("prerequisites"),
            ],
            heading=_("About the course"),
        ),
        MultiFieldPanel(
            [FieldPanel("completion_rule"), FieldPanel("final_drill")], heading=_("Completion")
        ),
        MultiFieldPanel(
            [FieldPanel("followup_days"), FieldPanel("observation_checklist")],
            heading=_("Follow-up after training"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("objectives"),
        index.SearchField("audience"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "courses.CaseStudyPage"]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # ?page=: which part of the course's list of its pages is shown.
        context.update(page_context("course", self, request.user, number=request.GET.get("page")))
        return context

    @property
    def checkpoint_days(self) -> list[int]:
        """The follow-up checkpoints, in days after completion, ascending."""
        return followup_days_parse(self.followup_days)

    @property
    def checklist_items(self) -> list[str]:
        return [line.strip() for line in self.observation_checklist.splitlines() if line.strip()]


class LessonPage(CoursePartPage):
    """A lesson: Markdown, images, video, documents, key points, discussion
    questions and embedded drills, in any order."""

    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"), default=10)
    body = StreamField(LessonStreamBlock(), verbose_name=_("content"))

    content_panels = Page.content_panels + [FieldPanel("estimated_minutes"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")


class CaseOutcome(models.TextChoices):
    SUCCESS = "success", _("Success case")
    FAILURE = "failure", _("Failure case")


class CaseStudyPage(CoursePartPage):
    """A marketing case for case-study teaching: client profile, situation,
    how it went, decision points, the outcome and the lessons learned."""

    client_profile = models.TextField(_("client profile"), help_text=_("Markdown, anonymised."))
    situation = models.TextField(_("situation"), help_text=_("Markdown."))
    how_it_went = models.TextField(_("how it went"), help_text=_("Markdown."))
    timeline = StreamField(
        [
            (
                "event",
                blocks.StructBlock(
                    [
                        ("when", blocks.CharBlock(label=_("When"))),
                        ("what", blocks.CharBlock(label=_("What happened"))),
                    ],
                    label=_("Event"),
                ),
            )
        ],
        blank=True,
        verbose_name=_("timeline"),
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=CaseOutcome.choices)
    lessons_learned = models.TextField(_("lessons learned"), help_text=_("Markdown."))
    discussion_questions = models.TextField(
        _("discussion questions"), blank=True, help_text=_("Markdown.")
    )
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    product = models.CharField(_("product"), max_length=100, blank=True)
    contributed_by = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contributed by"),
        help_text=_("The customer manager whose submitted case (兩案例) this page grew from."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("client_profile", widget=MarkdownTextarea),
        FieldPanel("situation", widget=MarkdownTextarea),
        FieldPanel("how_it_went", widget=MarkdownTextarea),
        FieldPanel("timeline"),
        InlinePanel("decision_points", label=_("Decision points")),
        FieldPanel("outcome"),
        FieldPanel("lessons_learned", widget=MarkdownTextarea),
        FieldPanel("discussion_questions", widget=MarkdownTextarea),
        MultiFieldPanel([FieldPanel("industry"), FieldPanel("product")], heading=_("Tags")),
        FieldPanel("contributed_by", read_only=True),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("client_profile"),
        index.SearchField("situation"),
        index.SearchField("how_it_went"),
        index.SearchField("lessons_learned"),
        index.FilterField("outcome"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        points = self.decision_points_listed(request)
        drafts = decision_drafts_pop(request, points)
        context.update(page_context("case", self, request.user, drafts, points=points))
        return context

    def decision_points_listed(self, request) -> list:
        """The case's decision points: as saved with the live page, kept for
        the page tree's generation; a preview's own (not saved yet) as they are."""
        if getattr(request, "is_preview", False):
            return list(self.decision_points.all())
        return tree_cached("decision-points", self.pk, lambda: list(self.decision_points.all()))


class DecisionPoint(Orderable):
    """A moment of the case where the learner commits to a choice, with their
    reasoning, before the expert's answer and what really happened are shown."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="decision_points")
    prompt = models.TextField(_("the decision"), help_text=_("Markdown."))
    options = models.TextField(_("options"), help_text=_("One per line."))
    expert_answer = models.TextField(_("the expert's answer"), help_text=_("Markdown."))
    actual_outcome = models.TextField(_("what really happened"), help_text=_("Markdown."))

    panels = [
        FieldPanel("prompt", widget=MarkdownTextarea(attrs={"rows": 4})),
        FieldPanel("options"),
        FieldPanel("expert_answer", widget=MarkdownTextarea(attrs={"rows": 4})),
        FieldPanel("actual_outcome", widget=MarkdownTextarea(attrs={"rows": 4})),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("decision point")

    def __str__(self):
        return self.prompt[:60]

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]
