"""Demo content of the courses app, read from the Markdown pages beside this
module (see README.md there): the course catalogue with its courses, their
lessons and cases, and the risk department's course of risk case reviews.

Every client is anonymised (某精密製造企業, A 公司...), as a bank's own trainers
would write them. Pages are published with a revision, as an editor would.

build() adds what is missing and leaves what exists alone (pages are found by
their slug under their parent, risk factors by name), so running it again
changes nothing; clear() removes exactly the pages and risk factors build()
adds, and the catalogue and the risk review course once nothing else is left
under them. Nothing here needs a request. A mistake in a data file stops the
build with its file and line (demofiles.DemoDataError) before anything is written.
"""

import logging
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from django.db.models import Q
from wagtail.models import Page, Site

from courses.authoring import authoring_unused_remove
from courses.models import (
    CaseStudyPage,
    CourseIndexPage,
    CoursePage,
    DecisionPoint,
    LessonPage,
    RiskCaseReviewPage,
    RiskFactor,
    RiskReviewCoursePage,
)
from courses.models.pages import CaseOutcome, CompletionRule, CourseFormat
from courses.models.risk import Confidentiality, LaterStatus, RiskDecision
from demofiles import DemoDataError, Entry, page_read, yaml_read
from people.models import Person
from quizzes.models import Drill, Topic

from . import case_submissions, followup, plans
from . import certification as certification_demo
from . import results as results_demo

FOLDER = Path(__file__).parent

__all__ = ["FOLDER", "DemoDataError", "build", "clear", "data"]

LOGINS: list = []  # the people app prints the demo logins

CASE_TEXTS = [
    "client_profile",
    "situation",
    "how_it_went",
    "lessons_learned",
    "discussion_questions",
]
REVIEW_TEXTS = [
    "application_summary", "rationale", "later_notes", "customer_manager_view",
    "risk_manager_view",
]  # fmt: skip


def data(folder: Path | None = None) -> dict:
    """The demo's pages read from `folder` (FOLDER when not given), checked."""
    return _read(folder or FOLDER)


@cache
def _read(folder: Path) -> dict:
    catalogue = page_read(folder / "catalogue.md").take(["title", "slug", "body"])
    courses = [_course(path) for path in sorted((folder / "catalogue").iterdir()) if path.is_dir()]
    factors_file = yaml_read(folder / "risk-reviews" / "risk-factors.yaml").take(["factors"])
    factors = []
    for entry in factors_file.entries("factors"):
        factors.append(tuple(entry.take(["name", "description"]).values()))
    risk_course = _course(folder / "risk-reviews", {name for name, _ in factors})
    return {"catalogue": catalogue, "courses": courses, "factors": factors, "risk": risk_course}


def _entry(value, parent: Entry) -> Entry:
    if not isinstance(value, Entry):
        raise parent.error(f"expected “name: value” lines, not {value!r}")
    return value


def _pages(folder: Path, read) -> list:
    return [read(path) for path in sorted(folder.glob("*.md"))] if folder.is_dir() else []


def _course(folder: Path, factors=frozenset()) -> dict:
    course = page_read(folder / "course.md").take(
        ["title", "slug", "audience", "format", "estimated_minutes", "body"],
        {"final_drill": None, "topics": []},
    )
    course.choice("format", CourseFormat)
    return {
        "course": course,
        "lessons": _pages(folder / "lessons", _lesson),
        "cases": _pages(folder / "cases", _case),
        "reviews": _pages(folder / "reviews", lambda path: _review(path, factors)),
    }


def _plain(value):
    """Block values as plain dicts and lists, the way StreamField stores them."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _lesson(path: Path) -> Entry:
    lesson = page_read(path).take(["title", "slug", "estimated_minutes", "body"], {"blocks": []})
    body = [("markdown", lesson["body"])]
    names = {name for name, _block in LessonPage.body.field.stream_block.child_blocks.items()}
    for block in lesson["blocks"]:
        block = _entry(block, lesson)
        if len(block) != 1 or next(iter(block)) not in names:
            raise block.error(f"a block is one of {', '.join(sorted(names))}, with its value")
        body += [(name, _plain(value)) for name, value in block.items()]
    lesson["body"] = body
    return lesson


def _case(path: Path) -> Entry:
    case = page_read(path).take(
        ["title", "slug", "outcome", "industry", "product", "timeline", "decision_points"]
        + CASE_TEXTS
    )
    case.choice("outcome", CaseOutcome)
    events = []
    for event in case["timeline"]:
        if not isinstance(event, Entry) or len(event) != 1:
            raise case.error(f"timeline: each event is “- when: what”, not {event!r}", "timeline")
        events += [(str(when), str(what)) for when, what in event.items()]
    case["timeline"] = events
    case["decision_points"] = [
        dict(point.take(["prompt", "options", "expert_answer", "actual_outcome"]))
        for point in case.entries("decision_points")
    ]
    return case


def _review(path: Path, factors: set[str]) -> Entry:
    review = page_read(path).take(
        ["title", "slug", "confidentiality", "expert", "review_date", "decision", "factors"]
        + ["later_status"]
        + REVIEW_TEXTS,
        {"mitigants": ""},
    )
    review.choice("confidentiality", Confidentiality)
    review.choice("decision", RiskDecision)
    review.choice("later_status", LaterStatus)
    if not hasattr(review["review_date"], "year"):
        raise review.error(
            f"review_date “{review['review_date']}” is not a year-month-day date", "review_date"
        )
    unknown = [name for name in review["factors"] if name not in factors]
    if unknown:
        raise review.error(f"factors {', '.join(unknown)} are not in risk-factors.yaml", "factors")
    return review


def __getattr__(name):
    # The case-study course, as the former module named it.
    if name == "WINNING_COURSE":
        return data()["courses"][0]["course"]
    raise AttributeError(name)


# --- building --------------------------------------------------------------------


@contextmanager
def _quiet_wagtail_log():
    """Wagtail logs every page created, edited, published and deleted at INFO:
    some sixty lines of noise in the output of `make demo`."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(level)


def _site_root() -> Page:
    return Site.objects.get(is_default_site=True).root_page


def _publish(parent: Page, page: Page) -> Page:
    """Add `page` under `parent` as a draft, then publish its first revision."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class _Builder:
    def __init__(self, log):
        self.log = log
        self.added = 0
        self.drills: dict[str, Drill | None] = {}

    def child(self, parent: Page, slug: str, make):
        """The page `slug` under `parent`, or a new one from make() (unsaved), published."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        page = make()
        page.slug = slug
        self.added += 1
        return _publish(parent, page)

    def drill(self, title: str) -> Drill | None:
        if title not in self.drills:
            self.drills[title] = Drill.objects.filter(title=title).order_by("pk").first()
            if self.drills[title] is None:
                self.log(f"courses: no drill 「{title}」 (quizzes demo not loaded): none embedded.")
        return self.drills[title]

    def course(self, parent: Page, spec: dict, model=CoursePage) -> Page:
        course = spec["course"]
        drill = self.drill(course["final_drill"]) if course["final_drill"] else None

        def make():
            page = model(
                title=course["title"],
                objectives=course["body"],
                audience=course["audience"],
                course_format=course["format"],
                estimated_minutes=course["estimated_minutes"],
            )
            if drill is not None:
                page.completion_rule = CompletionRule.LESSONS_AND_DRILL
                page.final_drill = drill
            if course["topics"]:
                page.topics = list(Topic.objects.filter(code__in=course["topics"]))
            return page

        page = self.child(parent, course["slug"], make)
        for lesson in spec["lessons"]:
            self.child(page, lesson["slug"], lambda lesson=lesson: self.lesson(lesson))
        for case in spec["cases"]:
            self.child(page, case["slug"], lambda case=case: _case_page(case))
        return page

    def lesson(self, spec: Entry) -> LessonPage:
        body = []
        for block_type, value in spec["body"]:
            if block_type == "drill":
                drill = self.drill(value["drill"])
                if drill is None:
                    continue  # the quizzes demo is not there: no drill to embed
                value = {**value, "drill": drill}
            body.append((block_type, value))
        return LessonPage(
            title=spec["title"], estimated_minutes=spec["estimated_minutes"], body=body
        )


def _case_page(spec: Entry) -> CaseStudyPage:
    page = CaseStudyPage(
        title=spec["title"],
        timeline=[("event", {"when": when, "what": what}) for when, what in spec["timeline"]],
        outcome=spec["outcome"],
        industry=spec["industry"],
        product=spec["product"],
        **{name: spec[name] for name in CASE_TEXTS},
    )
    page.decision_points = [DecisionPoint(**point) for point in spec["decision_points"]]
    return page


def _review_page(spec: Entry, factors: dict[str, RiskFactor]) -> RiskCaseReviewPage:
    page = RiskCaseReviewPage(
        title=spec["title"],
        confidentiality=spec["confidentiality"],
        decision=spec["decision"],
        mitigants=spec["mitigants"],
        later_status=spec["later_status"],
        reviewing_expert=Person.objects.filter(employee_id=spec["expert"]).first(),
        review_date=spec["review_date"],
        **{name: spec[name] for name in REVIEW_TEXTS},
    )
    page.risk_factors = [factors[name] for name in spec["factors"]]
    return page


def _catalogue(builder: _Builder, root: Page, spec: Entry) -> CourseIndexPage:
    # There is at most one catalogue (max_count); an existing one is used wherever it is.
    catalogue = CourseIndexPage.objects.first()
    if catalogue is not None:
        return catalogue
    return builder.child(
        root, spec["slug"], lambda: CourseIndexPage(title=spec["title"], intro=spec["body"])
    )


def build(*, log=print) -> None:
    demo = data()
    with _quiet_wagtail_log():
        _build(demo, log)
    plans.build(log=log)
    case_submissions.build(log=log)
    followup.build(log=log)
    certification_demo.build(log=log)
    # After the follow-up: the trained group improves from its completion.
    results_demo.build(log=log)


def _build(demo, log) -> None:
    builder = _Builder(log)
    root = _site_root()
    catalogue = _catalogue(builder, root, demo["catalogue"])
    for spec in demo["courses"]:
        builder.course(catalogue, spec)

    factors = {}
    for name, description in demo["factors"]:
        factors[name], created = RiskFactor.objects.get_or_create(
            name=name, defaults={"description": description}
        )
        builder.added += created
    risk_course = builder.course(root, demo["risk"], RiskReviewCoursePage)
    for spec in demo["risk"]["reviews"]:
        builder.child(risk_course, spec["slug"], lambda spec=spec: _review_page(spec, factors))
    log(
        f"courses: {builder.added} pages and risk factors added "
        f"(catalogue {catalogue.url}, risk reviews {risk_course.url})."
    )


def clear(*, log=print) -> None:
    demo = data()
    with _quiet_wagtail_log():
        followup.clear(log=log)
        case_submissions.clear(log=log)
        certification_demo.clear(log=log)
        _clear(demo, log)


def _clear(demo, log) -> None:
    root = _site_root()
    removed = 0
    catalogue = CourseIndexPage.objects.first()
    if catalogue is not None:
        courses = catalogue.get_children().filter(
            slug__in=[spec["course"]["slug"] for spec in demo["courses"]]
        )
        for course in courses:
            removed += course.get_descendant_count() + 1
            course.delete()
        catalogue.refresh_from_db()
        if catalogue.slug == demo["catalogue"]["slug"] and not catalogue.get_children().exists():
            catalogue.delete()
            removed += 1
    risk = demo["risk"]
    risk_course = root.get_children().filter(slug=risk["course"]["slug"]).type(RiskReviewCoursePage)
    for course in risk_course:
        reviews = course.get_children().filter(slug__in=[s["slug"] for s in risk["reviews"]])
        for review in reviews:
            review.delete()
            removed += 1
        course.refresh_from_db()
        if not course.get_children().exists():
            course.delete()
            removed += 1
    # The demo's risk factors, unless a review of someone else's still uses them.
    unused = RiskFactor.objects.filter(name__in=[name for name, _ in demo["factors"]]).filter(
        ~Q(pk__in=RiskCaseReviewPage.risk_factors.through.objects.values("riskfactor_id"))
    )
    unused.delete()
    authoring_unused_remove()
    log(f"courses: demo courses removed ({removed} pages).")
