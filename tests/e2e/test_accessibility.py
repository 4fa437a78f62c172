"""Every front-end page (not /admin/) passes axe-core without a serious or
critical violation, on a 390 px phone for each role that opens it, and the
frame once more on a desktop screen.

axe-core is vendored in tests/e2e/vendor/axe-core/ (the machines have no
internet) and injected into each page; the contexts bypass the pages'
Content-Security-Policy only so that this injected script may run (tests/e2e/
test_csp.py checks the policy itself). A failure lists, for every page, the
rule, its impact, the elements it found and axe's help text.

The pages are checked in the states a person meets: a drill on each kind of
question and its feedback, a case before and after the decision, forms with
their errors, a morning drill under way and ended, an import previewed,
refused and applied.
"""

import contextlib
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from imports.services import import_run_create
from notifications.services import notice_send
from people.roles import Role
from quizzes.models import FactTemplate
from quizzes.selectors import due_queue
from quizzes.services.facts import fact_sheet_apply
from quizzes.services.memory import memory_record_answer
from tests.courses.conftest import risk_review
from tests.factories import (
    PersonFactory,
    TopicFactory,
    category_create,
    drill_make,
    mentor_make,
    question_make,
)
from tests.quizzes.facts.conftest import GOOD, HEADER
from tests.site.test_csp import build_pages

from .conftest import SCREENSHOTS
from .support import open_site_menu, settle_after_serialized_reload

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
PHONE_390 = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
BLOCKING = ("serious", "critical")


def zh(message: str, context: str | None = None) -> str:
    """A message as the Traditional Chinese catalogue has it."""
    with translation.override("zh-hant"):
        if context:
            return translation.pgettext(context, message)
        return translation.gettext(message)


class Axe:
    """Runs axe-core on pages and keeps every serious or critical violation,
    so that one run reports all the pages at once."""

    def __init__(self):
        self.problems: list[str] = []
        self.checked: list[str] = []

    def check(self, page, what: str) -> None:
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.add_script_tag(path=str(AXE_JS))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        width = page.viewport_size["width"]
        where = f"{what} at {width} px ({page.url.split('//', 1)[-1].split('/', 1)[-1]!r})"
        self.checked.append(where)
        for violation in results["violations"]:
            if violation["impact"] not in BLOCKING:
                continue
            nodes = []
            for node in violation["nodes"][:8]:
                target = " ".join(
                    " > ".join(part) if isinstance(part, list) else part for part in node["target"]
                )
                summary = " ".join((node.get("failureSummary") or "").split())[:240]
                nodes.append(f"      {target}: {summary}")
            more = len(violation["nodes"]) - len(nodes)
            self.problems.append(
                f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}"
                f" <{violation['helpUrl']}>\n"
                + "\n".join(nodes)
                + (f"\n      … and {more} more" if more > 0 else "")
            )

    def visit(self, page, url: str, what: str, status: int = 200) -> None:
        response = page.goto(url)
        assert response is not None, url
        assert response.status == status, f"{what}: {url} answered {response.status}"
        page.wait_for_load_state("networkidle")
        self.check(page, what)

    def assert_clean(self) -> None:
        assert self.checked, "no page was checked"
        if self.problems:
            pytest.fail(
                f"{len(self.problems)} serious or critical accessibility violations "
                f"on {len(self.checked)} page states:\n" + "\n".join(self.problems),
                pytrace=False,
            )


@pytest.fixture
def axe():
    return Axe()


@pytest.fixture
def open_as(request, browser, live_server):
    """open_as(user=None, viewport=PHONE_390) gives a new page in a context of
    its own, signed in as the user (a session cookie) when one is given.
    One context per role and width: the signed-in context is reused for all
    that role's pages."""
    settle_after_serialized_reload()
    contexts = []

    def open_page(user=None, viewport=PHONE_390):
        phone = viewport["width"] < 760
        context = browser.new_context(
            viewport=viewport,
            screen=viewport,
            locale="zh-TW",
            timezone_id="Asia/Shanghai",
            is_mobile=phone,
            has_touch=phone,
            base_url=live_server.url,
            bypass_csp=True,  # for the injected axe script only
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
        return context.new_page()

    yield open_page
    report = getattr(request.node, "report_call", None)
    for number, context in enumerate(contexts):
        if report is not None and report.failed:
            with contextlib.suppress(Exception):
                SCREENSHOTS.mkdir(exist_ok=True)
                path = SCREENSHOTS / f"FAILED-{request.node.name}-{number}.png"
                context.pages[-1].screenshot(path=path, full_page=True)
        context.close()


@pytest.fixture
def world(org, trainee, manager):
    """The pages of tests/site/test_csp.py, team mates, a territory fact sheet
    and questions due for review today."""
    pages = build_pages(org)
    mates = [PersonFactory(unit=org["pudong_team"]) for _ in range(2)]
    template = FactTemplate.objects.create(
        attribute="上月日均存款",
        kind=FactTemplate.Kind.NUMERIC,
        stem="{entity} {as_of} 的{attribute}是多少？",
        tolerance=5,
        tolerance_kind="percent",
        topic=TopicFactory(name="轄區客戶", code="territory"),
        category=category_create("轄區一口清"),
    )
    sheet = fact_sheet_apply(
        file_name="facts.csv", data=GOOD.encode(), user=manager.user, person=trainee
    )
    long_ago = timezone.now() - timedelta(days=40)
    due = [question_make(stem=f"複習題{n}", topic=template.topic) for n in range(3)]
    # Enough topics for the team's mastery grid to be wider than a phone.
    due += [
        question_make(stem=f"{name}一口清", topic=TopicFactory(name=f"{name}產品知識"))
        for name in ("存款", "貸款", "理財", "保險", "外匯", "結算", "信用卡")
    ]
    for person in (trainee, *mates):
        for question in due:
            memory_record_answer(
                person_id=person.pk,
                question_id=question.pk,
                rating=1,
                when=long_ago,
                desired_retention=0.9,
            )
    return {**pages, "mates": mates, "sheet": sheet, "full_lesson": lesson_of_every_block()}


def lesson_of_every_block() -> str:
    """A lesson with a block of each kind, files included; its address."""
    from wagtail.models import Page

    from courses.models import LessonPage
    from tests.courses.test_files import make_document, make_image

    course = Page.objects.get(url_path__endswith="/winning/")
    clip = make_document("開戶流程", "account.mp4", b"\x00\x00\x00\x18ftypmp42")
    captions = make_document("字幕", "account.vtt", b"WEBVTT\n")
    drill = drill_make([question_make(stem="嵌入的題目")], title="課後一口清")
    lesson = course.add_child(
        instance=LessonPage(
            title="第2課",
            slug="lesson-2",
            body=[
                (
                    "markdown",
                    "## 要點\n\n一段**說明**，附[連結](https://intranet.example/)。\n\n"
                    "| 產品 | 利率 |\n|---|---|\n| 定存 | 1.5% |\n\n> 引用",
                ),
                ("image", make_image("網點地圖", "map.png")),
                ("video", {"file": clip, "url": "", "captions": captions, "title": "示範"}),
                ("document", make_document("授信報告", "report.pdf")),
                ("key_points", {"heading": "記住", "points": ["一", "二"]}),
                ("discussion", {"question": "你會怎麼做？"}),
                ("drill", {"drill": drill, "introduction": "試一試"}),
            ],
        )
    )
    return lesson.url


def drill_of_every_kind():
    """One question of each kind a trainee meets, in this order."""
    questions = [
        question_make(stem="一年期定存利率是多少？"),
        question_make(
            qtype="multiple",
            stem="哪些是存款產品？",
            payload={
                "choices": [
                    {"text": "定期存款", "fraction": 0.5},
                    {"text": "通知存款", "fraction": 0.5},
                    {"text": "信用卡", "fraction": -1},
                ]
            },
        ),
        question_make(
            qtype="true_false", stem="七天通知存款需提前七天通知。", payload={"answer": True}
        ),
        question_make(
            qtype="numeric",
            stem="大額存單起存金額（萬元）？",
            payload={
                "answers": [
                    {"value": 20, "tolerance": 0, "tolerance_kind": "absolute", "fraction": 1}
                ],
                "unit": "萬元",
            },
        ),
        question_make(
            qtype="short",
            stem="本行的客服電話？",
            payload={"answers": [{"text": "95555", "fraction": 1}]},
        ),
        question_make(
            qtype="ordering", stem="授信流程的順序", payload={"items": ["受理", "調查", "審批"]}
        ),
        question_make(
            qtype="matching",
            stem="產品與期限配對",
            payload={
                "pairs": [
                    {"left": "七天通知", "right": "七天"},
                    {"left": "一年定存", "right": "一年"},
                ],
                "distractors": ["三年"],
            },
        ),
        question_make(
            qtype="recall",
            stem="說出轄區前三大客戶",
            payload={"back": "華夏貿易、東方物流、南山電子"},
        ),
    ]
    return drill_make(questions, title="綜合一口清", time_limit=600)


def answer_on_screen(page, axe, kind: str) -> None:
    """Check the question on the screen, answer it, check its feedback."""
    screen = page.locator("[data-screen]")
    expect(screen.locator(".stem")).to_be_visible()
    axe.check(page, f"drill: {kind} question")
    if kind in ("single", "multiple"):
        screen.locator(".choice").first.click()
        page.locator("[data-submit]").click()
    elif kind == "true_false":
        screen.locator(".choice-button").first.click()
    elif kind in ("numeric", "short"):
        screen.locator("#answer-input").fill("20" if kind == "numeric" else "95555")
        page.locator("[data-submit]").click()
    elif kind == "ordering":
        page.locator("[data-submit]").click()
    elif kind == "matching":
        for select in screen.locator("select").all():
            select.select_option(index=1)
        page.locator("[data-submit]").click()
    elif kind == "recall":
        show = screen.get_by_role("button", name=zh("Show the answer"))
        if show.count():
            show.click()
            axe.check(page, "drill: recall card turned over")
        screen.get_by_role("button", name=zh("Good")).click()
    expect(page.locator("[data-next], [data-finish]").locator("visible=true")).to_have_count(1)
    axe.check(page, f"drill: {kind} answered")


def test_trainee_pages_on_a_phone(open_as, axe, world, trainee):
    assert len(due_queue(trainee)) >= 3, "the daily review has questions to show"
    page = open_as(trainee.user)
    axe.visit(page, "/", "home with due reviews and learning")
    axe.visit(page, world["catalogue"], "course catalogue")
    axe.visit(page, world["course"], "course, not enrolled")
    with page.expect_navigation():
        page.get_by_role("button", name=zh("Enrol"), exact=True).click()
    axe.check(page, "course, enrolled, with a message")
    axe.visit(page, world["lesson"], "lesson")
    axe.visit(page, world["full_lesson"], "lesson with a block of each kind")

    axe.visit(page, world["case"], "case study before the decision")
    decision = page.locator("[id^=decision-]").first
    decision.get_by_role("radio").first.check()
    decision.locator("textarea").fill("     ")
    with page.expect_navigation():
        decision.get_by_role("button").click()
    expect(decision.get_by_role("alert")).to_be_visible()
    axe.check(page, "case study, the decision refused")
    decision.locator("textarea").fill("先看現金流。")
    with page.expect_navigation():
        decision.get_by_role("button").click()
    expect(decision.locator("form")).to_have_count(0)
    axe.check(page, "case study after the decision")

    axe.visit(page, world["review"], "risk case review (internal)")
    axe.visit(page, "/search/?q=客戶", "search results")
    axe.visit(page, "/search/?q=不存在的詞語", "search without results")
    axe.visit(page, "/drills/", "drills list with today's review")

    drill = drill_of_every_kind()
    page.goto(reverse("quizzes:drill_take", args=[drill.pk]))
    kinds = [
        "single",
        "multiple",
        "true_false",
        "numeric",
        "short",
        "ordering",
        "matching",
        "recall",
    ]
    for position, kind in enumerate(kinds):
        answer_on_screen(page, axe, kind)
        if position < len(kinds) - 1:
            page.locator("[data-next]").click()
    with page.expect_navigation():
        page.locator("[data-finish]").click()
    page.wait_for_url(re.compile(r"/drills/attempts/\d+/"))
    axe.check(page, "drill results")
    axe.visit(page, "/drills/", "drills list with recent results")

    axe.visit(page, "/drills/facts/", "my territory facts")
    axe.visit(page, "/accounts/password/", "password change")
    page.locator("#id_old_password").fill("wrong")
    page.locator("#id_new_password1").fill("short")
    page.locator("#id_new_password2").fill("other")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    axe.check(page, "password change with errors")
    axe.visit(page, "/accounts/password/done/", "password changed")
    axe.visit(page, f"/people/{trainee.pk}/record/", "my training record")
    axe.visit(page, "/guide/", "the guide's contents")
    axe.visit(page, "/guide/morning-drill/", "a guide page")
    axe.visit(page, "/no-such-page/", "page not found, signed in", status=404)
    axe.assert_clean()


def test_manager_pages_on_a_phone(open_as, axe, world, manager, trainee, org):
    """The team head's pages: morning drill, team mastery, my team, fact
    sheets and their imports."""
    page = open_as(manager.user)
    axe.visit(page, "/", "manager's home")
    axe.visit(page, "/drills/morning/", "morning drill home")
    team = page.get_by_label(zh("Team"))
    team.select_option("")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe.check(page, "morning drill home, no team chosen")
    team.select_option(str(org["pudong"].pk))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator(".morning-person")).to_be_visible()
    axe.check(page, "morning drill, a question on the screen")
    page.locator(".morning-turn details summary").click()
    axe.check(page, "morning drill, the answer shown to the head")
    with page.expect_navigation():
        page.locator(".morning-turn .choice-button").first.click()
    axe.check(page, "morning drill, one answer marked")
    with page.expect_navigation():
        page.get_by_role("button", name=zh("End the morning drill")).click()
    axe.check(page, "morning drill ended")
    axe.visit(page, "/drills/morning/", "morning drill home with recent drills")

    axe.visit(page, "/drills/team/", "team mastery")
    # Wider than the phone: the grid scrolls in a region the keyboard can reach.
    grid = page.get_by_role("region", name=zh("Team mastery"))
    expect(grid).to_have_attribute("tabindex", "0")
    assert grid.evaluate("el => el.scrollWidth > el.clientWidth")
    today = timezone.localdate()
    axe.visit(
        page,
        f"/drills/team/?before={today - timedelta(days=7)}&after={today}",
        "team mastery between two dates",
    )
    axe.visit(page, "/people/team/", "my team")
    axe.visit(page, f"/people/{trainee.pk}/record/", "a team member's training record")

    sheet = world["sheet"]
    axe.visit(page, "/drills/facts/sheets/", "fact sheets")
    axe.visit(page, f"/drills/facts/sheets/{sheet.pk}/", "a fact sheet")
    axe.visit(page, f"/drills/facts/people/{trainee.pk}/", "a person's facts")
    axe.visit(page, "/drills/facts/upload/", "fact sheet upload")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    axe.check(page, "fact sheet upload with errors")

    previewed = import_run_create(
        kind="facts",
        user=manager.user,
        file_name="facts.csv",
        data=GOOD.encode(),
        params={"person": trainee.pk},
    )
    refused = import_run_create(
        kind="facts",
        user=manager.user,
        file_name="bad.csv",
        data=(HEADER + "甲公司,上月日均存款,一百,元,2024-05-31\n").encode(),
        params={"person": trainee.pk},
    )
    axe.visit(page, "/drills/facts/imports/", "fact sheet imports")
    axe.visit(page, f"/drills/facts/imports/{refused.pk}/", "fact sheet import refused")
    axe.visit(page, f"/drills/facts/imports/{previewed.pk}/", "fact sheet import previewed")
    with page.expect_navigation():
        page.get_by_role("button", name=zh("Confirm and apply")).click()
    expect(page.locator("[data-import-status]")).to_have_attribute("data-import-status", "done")
    axe.check(page, "fact sheet import applied")
    axe.assert_clean()


def test_mentor_suggestions_on_a_phone(open_as, axe, manager, org):
    """The manager's mentor suggestions: before a run, with suggestions and
    their reasons and a mentee left without a mentor, and the hand form with errors."""
    from mentorship.models import MenteeNeed

    topic = TopicFactory(name="利率")
    for number in range(3):
        person = PersonFactory(
            unit=org["pudong_team"], user__roles=[Role.TRAINEE], name=f"新人{number}"
        )
        MenteeNeed.objects.create(person=person).focus_topics.set([topic])
    mentor_make(unit=org["pudong_team"], capacity=2, strengths=[topic], name="資深乙")
    page = open_as(manager.user)
    axe.visit(page, "/mentoring/suggestions/", "mentor suggestions before a run")
    with page.expect_navigation():
        page.get_by_role("button", name=zh("Suggest mentors")).click()
    expect(page.locator(".mentorship-line").first).to_be_visible()
    axe.check(page, "mentor suggestions with reasons")
    with page.expect_navigation():
        page.get_by_role("button", name=zh("Assign"), exact=True).click()
    expect(page.get_by_role("alert").first).to_be_visible()
    axe.check(page, "assign a mentor by hand, with errors")
    axe.visit(page, "/mentoring/assign/", "assign a mentor by hand")
    axe.assert_clean()


def test_other_roles_on_a_phone(open_as, axe, world, org):
    """A risk expert reads a restricted risk review; a trainer's and an
    administrator's home pages."""
    root = world["review"].rsplit("/", 2)[0] + "/"
    from wagtail.models import Page

    course = Page.objects.get(url_path__endswith="/risk-reviews/").specific
    restricted = risk_review(course, "授信案例乙", "case-b", "restricted")
    expert = PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT])
    page = open_as(expert.user)
    axe.visit(page, "/", "risk expert's home")
    axe.visit(page, root, "risk case reviews")
    axe.visit(page, restricted.url, "restricted risk case review, as risk expert")

    trainer = PersonFactory(unit=org["branch"], user__roles=[Role.TRAINER])
    axe.visit(open_as(trainer.user), "/", "trainer's home")
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    axe.visit(open_as(administrator.user), "/", "administrator's home")
    axe.assert_clean()


def test_mentoring_pair_on_a_phone(open_as, axe, world, manager, org):
    """A mentoring pair's page: proposed with its agreement form open, then
    active for the mentor (the mentee's training, the observation form) and the
    mentee, and ended with the feedback form."""
    from mentorship.services.ending import pair_complete
    from mentorship.services.pairs import pair_create
    from tests.factories import mentor_make
    from tests.mentorship.life_helpers import pair_activate

    mentor = mentor_make(unit=org["pudong_team"], name="資深乙").person
    mentee = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE], name="新人甲")
    pair = pair_create(mentor=mentor, mentee=mentee, by_user=manager.user)
    url = f"/mentoring/pairs/{pair.pk}/"
    page = open_as(mentor.user)
    axe.visit(page, url, "mentoring pair, proposed")
    page.get_by_text(zh("Edit the agreement")).click()
    axe.check(page, "mentoring pair, the agreement form open")
    pair_activate(pair, manager.user)
    axe.visit(page, url, "mentoring pair, active, as mentor")
    axe.visit(open_as(mentee.user), url, "mentoring pair, active, as mentee")
    pair_complete(pair=pair, by_user=manager.user)
    axe.visit(page, url, "mentoring pair, ended, with the feedback form")
    axe.assert_clean()


def test_signed_out_pages_on_a_phone(open_as, axe, world, trainee):
    page = open_as()
    axe.visit(page, "/accounts/login/?next=/", "login")
    page.locator("#id_username").fill(trainee.user.username)
    page.locator("#id_password").fill("not the password")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    axe.check(page, "login refused")
    axe.visit(page, "/no-such-page/", "page not found, signed out", status=404)
    axe.visit(page, world["catalogue"], "course catalogue, signed out")

    # Too many failed sign-ins for one account: the pause page.
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": trainee.user.username, "password": "wrong"},
            REMOTE_ADDR="10.0.0.9",
        )
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(trainee.user.username)
    page.locator("#id_password").fill("wrong again")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(zh("Signing in is paused"))
    axe.check(page, "signing in paused")

    # Signed in, then out: where the logout lands.
    signed = open_as(trainee.user)
    signed.goto("/")
    open_site_menu(signed)
    signed.locator(".user-menu summary").click()
    with signed.expect_navigation():
        signed.get_by_role("button", name=zh("Log out")).click()
    axe.check(signed, "signed out")
    axe.assert_clean()


def test_the_frame_on_a_desktop(open_as, axe, world, trainee, manager):
    page = open_as(viewport=DESKTOP)
    axe.visit(page, "/accounts/login/", "login on a desktop")
    axe.visit(page, "/no-such-page/", "page not found on a desktop", status=404)
    page = open_as(trainee.user, viewport=DESKTOP)
    axe.visit(page, "/", "trainee's home on a desktop")
    page.locator(".user-menu summary").click()
    axe.check(page, "the user menu open on a desktop")
    axe.visit(page, "/drills/", "drills list on a desktop")
    axe.visit(page, world["course"], "course on a desktop")
    notice_send(recipient=trainee.user, message=translation.gettext_lazy("Log in"), link="/drills/")
    notice_send(recipient=trainee.user, message=translation.gettext_lazy("Log in"))
    axe.visit(page, "/notices/", "notices, read and unread, on a desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    axe.visit(page, "/notices/", "notices on a phone")
    page = open_as(manager.user, viewport=DESKTOP)
    axe.visit(page, "/drills/team/", "team mastery on a desktop")
    axe.visit(page, "/people/team/", "my team on a desktop")
    axe.assert_clean()


def test_mentoring_report_and_ranking_on_a_phone(open_as, axe, manager, org):
    """The mentoring programme report (a manager) and the mentor ranking with its
    honour form (a trainer): charts with their tables."""
    from tests.mentorship.outcome_builders import pairs_make

    pairs_make(org["pudong_team"], 2)
    axe.visit(open_as(manager.user), "/mentoring/report/", "mentoring programme report")
    trainer = PersonFactory(unit=org["branch"], user__roles=[Role.TRAINER])
    axe.visit(open_as(trainer.user), "/mentoring/ranking/", "mentor ranking")
    axe.assert_clean()


def test_manager_dashboard_on_a_phone(open_as, axe, world, manager, trainee, org):
    """The team dashboard with every section filled: assignments, follow-up
    tasks, the mastery heatmap, reviews due and twelve months of trends."""
    from quizzes.models import Topic
    from quizzes.services.mastery import mastery_snapshot_take
    from tests.site.dashboard_builders import (
        assign,
        course_make,
        drill_for,
        rollup_done,
        task,
        unit_day,
    )

    today = timezone.localdate()
    drill, _topic, _question = drill_for("計劃題")
    assign(trainee, drill, due_on=today - timedelta(days=2))
    assign(world["mates"][0], drill, due_on=today + timedelta(days=5), started=True)
    task(trainee, course_make(slug="dashboard-course"), due_on=today, owner=manager.user)
    mastery_snapshot_take(day=today - timedelta(days=1))
    for topic in Topic.objects.all()[:3]:
        for months in range(12):
            unit_day(
                org["pudong_team"],
                topic,
                today - timedelta(days=30 * months),
                people=3,
                mastery_sum=1.5,
                answers=12,
                score_sum=8,
            )
    rollup_done()
    page = open_as(manager.user)
    axe.visit(page, "/dashboard/", "manager's dashboard")
    for chart in ("assignments-chart", "mastery-heatmap", "reviews-chart", "trend-mastery-chart"):
        expect(page.locator(f"svg#{chart}[role=img]")).to_have_count(1)
    axe.visit(page, f"/dashboard/?unit={org['pudong_team'].pk}", "dashboard of a team")


def test_course_effectiveness_on_a_phone(open_as, axe, org, manager):
    """The course effectiveness list and one course's four levels per cohort:
    charts with their tables, the too-few warnings and the refresher buttons."""
    from tests.courses.effectiveness_builders import course_with_cohorts

    course = course_with_cohorts(org)
    trainer = PersonFactory(unit=org["branch"], user__roles=[Role.TRAINER])
    page = open_as(trainer.user)
    axe.visit(page, "/learning/effectiveness/", "course effectiveness list")
    axe.visit(page, f"/learning/effectiveness/{course.pk}/", "course effectiveness")
    axe.visit(
        open_as(manager.user),
        f"/learning/effectiveness/{course.pk}/",
        "course effectiveness, manager",
    )


def test_training_plans_on_a_phone(open_as, axe, world, manager, trainee, org):
    """Training plans: the manager's list, the form with its errors, an
    assignment's people; the trainee's home panel and the record's section."""
    from courses.models import CoursePage
    from courses.services.plans import assignment_create

    course = CoursePage.objects.live().first()
    today = timezone.localdate()
    overdue = assignment_create(
        by=manager.user,
        course=course,
        person=trainee,
        starts_on=today - timedelta(days=30),
        due_on=today - timedelta(days=2),
    )
    assignment_create(
        by=manager.user,
        course=course,
        unit=org["pudong_team"],
        starts_on=today,
        due_on=today + timedelta(days=2),
        recurrence="yearly",
        note="每年的**合規**課程",
    )
    page = open_as(manager.user)
    axe.visit(page, "/learning/plans/", "training plans")
    axe.visit(page, f"/learning/plans/{overdue.pk}/", "a training assignment's people")
    axe.visit(page, "/learning/plans/new/", "assign training")
    with page.expect_navigation():
        page.locator("[data-plan-submit]").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    axe.check(page, "assign training, with errors")
    axe.visit(page, f"/people/{trainee.pk}/record/", "training record with plans")
    axe.visit(open_as(trainee.user), "/", "trainee's home with the training plan")


def test_followup_pages_on_a_phone(open_as, axe, world, trainee, manager):
    """The follow-up after training: my tasks, the survey (then answered with
    an error first) and a checkpoint's observation form, on a phone."""
    from courses.models import CoursePage, FollowUpTask
    from tests.courses.followup.conftest import complete

    course = CoursePage.objects.get(url_path__endswith="/winning/")
    course.observation_checklist = "先問需求再推產品\n每次拜訪留下紀錄"
    course.save()
    complete(trainee, course, timezone.localdate() - timedelta(days=31))
    reaction = FollowUpTask.objects.get(kind="reaction", person=trainee)
    behaviour = FollowUpTask.objects.get(kind="behaviour", person=trainee, checkpoint_days=30)
    page = open_as(trainee.user)
    axe.visit(page, "/learning/followup/", "my follow-up tasks, trainee")
    axe.visit(page, f"/learning/followup/{reaction.pk}/reaction/", "reaction survey")
    with page.expect_navigation():
        page.locator("#reaction-form button[type=submit]").click()
    axe.check(page, "reaction survey, refused without a rating")
    page = open_as(manager.user)
    axe.visit(page, "/learning/followup/", "my follow-up tasks, manager")
    url = f"/learning/followup/{behaviour.pk}/observation/"
    axe.visit(page, url, "behaviour observation")
    with page.expect_navigation():
        page.locator("#observation-form button[type=submit]").click()
    axe.check(page, "behaviour observation, refused with errors")
    axe.assert_clean()


def test_certification_pages_on_a_phone(open_as, axe, world, trainee, manager, org):
    """Certification: the trainee's programmes (enrolling in an open one), a
    certificate and its print page; the manager's people; the trainer's revoke
    form with its error; the public verification page for a valid, a revoked
    and an unknown code."""
    from courses.certificate_codes import code_new
    from courses.models import CertificationProgramme, CoursePage
    from courses.services.certification import (
        certificate_revoke,
        certification_check,
        programme_enrol,
    )
    from tests.courses.certification.conftest import complete, sit

    course = CoursePage.objects.get(url_path__endswith="/winning/")
    exam = drill_make([question_make(stem="可疑交易報告的時限？")], title="反洗錢考試")
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    programme = CertificationProgramme.objects.create(
        name="反洗錢資格認證",
        code="aml-2y",
        exam_drill=exam,
        pass_mark=80,
        validity_months=24,
        renewal_exam=True,
        renewal_window_days=90,
    )
    programme.required_courses.add(course)
    programme.trainers.add(trainer.user)
    CertificationProgramme.objects.create(
        name="授信資格認證", code="credit", exam_drill=exam, pass_mark=80, validity_months=12
    )
    holder, revoked_holder = trainee, world["mates"][0]
    for person in (holder, revoked_holder):
        programme_enrol(by=person.user, programme=programme, person=person)
        complete(person, course)
        sit(person, exam, 0.9)
    (certificate,) = certification_check(person_id=holder.pk)
    (revoked,) = certification_check(person_id=revoked_holder.pk)
    certificate_revoke(by=trainer.user, certificate=revoked, reason="考試資料不實")

    page = open_as(trainee.user)
    axe.visit(page, "/learning/certification/", "my certification, a programme open")
    with page.expect_navigation():
        page.locator(".certification-open").get_by_role("button", name=zh("Enrol")).click()
    expect(page.locator(".certification-open")).to_have_count(0)
    axe.check(page, "my certification, enrolled, with a message")
    url = f"/learning/certificates/{certificate.code}/"
    axe.visit(page, url, "a certificate, its holder")
    axe.visit(page, f"{url}print/", "a certificate to print")

    axe.visit(open_as(manager.user), "/learning/certification/people/", "my people's certification")

    page = open_as(trainer.user)
    axe.visit(page, url, "a certificate with the revoke form")
    with page.expect_navigation():
        page.locator(".revoke-form button[type=submit]").click()
    expect(page.locator(".revoke-form").get_by_role("alert")).to_be_visible()
    axe.check(page, "a certificate, revoking refused without a reason")

    page = open_as()
    axe.visit(page, "/verify/", "verify a certificate")
    page.get_by_label(zh("Verification code")).fill("1234")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator(".verify-form").get_by_role("alert")).to_be_visible()
    axe.check(page, "verify a certificate, the code refused")
    page.get_by_label(zh("Verification code")).fill(certificate.code.lower())
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "valid")
    axe.check(page, "verification, a valid certificate")
    axe.visit(page, f"/verify/{revoked.code}/", "verification, a revoked certificate")
    axe.visit(page, f"/verify/{code_new()}/", "verification, an unknown code", status=404)
    axe.assert_clean()


def test_case_submissions_on_a_phone(open_as, axe, world, trainee, manager, org):
    """兩案例: the trainee's cases, the form with its errors and a case; the
    trainer's cases to review, a submitted case with send back and accept, the
    promote page; the manager's monthly summary."""
    from courses.services.case_submissions import submission_accept, submission_return
    from tests.courses.case_submissions.conftest import case_make

    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    draft = case_make(trainee, submit=False, title="代發工資的失敗嘗試", outcome="failure")
    returned = case_make(trainee, title="某物流公司的結算方案")
    submission_return(by=trainer.user, submission=returned, comment="客戶簡介再**具體**些")
    submitted = case_make(trainee)
    accepted = case_make(world["mates"][0], title="社區網點的存款營銷")
    submission_accept(by=trainer.user, submission=accepted)

    page = open_as(trainee.user)
    axe.visit(page, "/learning/cases/", "my cases")
    axe.visit(page, "/learning/cases/new/", "write a case")
    with page.expect_navigation():
        page.locator("[data-case-submit]").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    axe.check(page, "write a case, with errors")
    axe.visit(page, f"/learning/cases/{draft.pk}/", "a case, draft, as its author")
    axe.visit(page, f"/learning/cases/{returned.pk}/", "a case, sent back, as its author")

    page = open_as(trainer.user)
    axe.visit(page, "/learning/cases/review/", "cases to review")
    axe.visit(page, f"/learning/cases/{submitted.pk}/", "a submitted case, to review")
    expect(page.locator("[data-case-accept]")).to_be_visible()
    with page.expect_navigation():
        page.locator("[data-case-return]").click()
    # Said beside the comment field, on the case's page answered again.
    expect(page.get_by_role("alert").first).to_contain_text(
        zh("Say what the author should change.")
    )
    axe.check(page, "a submitted case, sending back refused without a comment")
    axe.visit(page, f"/learning/cases/{accepted.pk}/", "an accepted case, as trainer")
    axe.visit(page, f"/learning/cases/{accepted.pk}/promote/", "make a draft case study page")

    axe.visit(open_as(manager.user), "/learning/cases/summary/", "cases of the month, manager")
    axe.assert_clean()
