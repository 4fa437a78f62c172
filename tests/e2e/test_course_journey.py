"""A trainee takes a course on a phone: signs in, finds the course in the
catalogue, enrols, works through the lessons with the progress bar moving and
a link to carry on, commits to a decision in a case study before seeing the
expert's answer and what really happened, and completes the course."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect
from wagtail.models import Site

from courses.models import (
    CaseStudyPage,
    CourseIndexPage,
    CoursePage,
    DecisionChoice,
    DecisionPoint,
    Enrollment,
    LessonCompletion,
)
from tests.courses.conftest import lesson

from .support import open_site_menu
from .test_trainee_journey import FORM_CONTROLS, assert_fits_phone

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EXPERT_ANSWER = "應先核實企業近三年的經營現金流"
ACTUAL_OUTCOME = "放款一年後企業資金鏈斷裂，貸款逾期"
HOW_IT_WENT = "支行在未核實現金流的情況下放款"
LESSONS_LEARNED = "授信前務必看清現金流"


def zh(message: str, **values) -> str:
    """A message as the Traditional Chinese catalogue has it."""
    with translation.override("zh-hant"):
        text = translation.gettext(message)
    return text % values if values else text


def build_course():
    """A catalogue with one course: two lessons and a case with one decision point."""
    root = Site.objects.get(is_default_site=True).root_page
    catalogue = root.add_child(instance=CourseIndexPage(title="課程", slug="courses"))
    course = catalogue.add_child(
        instance=CoursePage(
            title="贏得企業客戶",
            slug="winning",
            objectives="學會*案例*分析",
            audience="客戶經理",
            estimated_minutes=45,
        )
    )
    first, second = lesson(course, 1), lesson(course, 2)
    case = CaseStudyPage(
        title="某製造企業授信",
        slug="case-1",
        client_profile="一家精密製造企業",
        situation="客戶申請一千萬元流動資金貸款",
        how_it_went=HOW_IT_WENT,
        outcome="failure",
        lessons_learned=LESSONS_LEARNED,
    )
    case.decision_points = [
        DecisionPoint(
            prompt="是否受理這筆授信申請？",
            options="直接受理\n先核實現金流再決定\n不受理",
            expert_answer=EXPERT_ANSWER,
            actual_outcome=ACTUAL_OUTCOME,
        )
    ]
    case = course.add_child(instance=case)
    return catalogue, course, first, second, case


def progress_of(page, percent: int, done: int, total: int) -> None:
    """The progress bar and the line under it say how far the trainee is."""
    bar = page.get_by_role("progressbar", name=zh("Course progress"))
    expect(bar).to_have_attribute("aria-valuenow", str(percent))
    expect(page.locator(".progress__bar")).to_have_attribute(
        "style", re.compile(rf"width:\s*{percent}%")
    )
    expect(page.locator(".progress + p.muted")).to_contain_text(
        zh("%(done)s of %(total)s done", done=done, total=total)
    )


def assert_controls_named(scope) -> None:
    """Every form control in scope has an accessible name (a label or aria)."""
    controls = scope.locator(FORM_CONTROLS)
    unnamed = []
    for index in range(controls.count()):
        control = controls.nth(index)
        try:
            expect(control).to_have_accessible_name(re.compile(r"\S"), timeout=1_000)
        except AssertionError:
            unnamed.append(control.evaluate("el => el.outerHTML"))
    assert not unnamed, "form controls without an accessible name:\n" + "\n".join(unnamed)


def test_trainee_takes_a_course_with_a_case_on_a_phone(
    page, trainee, log_in, screenshot, live_server
):
    catalogue, course, first, second, case = build_course()
    point = case.decision_points.get()

    # 1. Sign in through the form, then open the catalogue from the main navigation.
    log_in(page, trainee.user.username)
    expect(page.locator("html")).to_have_attribute("lang", "zh-hant")
    open_site_menu(page)
    nav = page.get_by_role("navigation", name=zh("Main navigation"))
    with page.expect_navigation():
        nav.get_by_role("link", name=zh("Courses"), exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{catalogue.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("課程")
    assert_controls_named(page.locator("main"))
    assert_fits_phone(page)
    screenshot(page, "catalogue")

    # 2. Open the course: objectives and an enrol button, no progress yet.
    page.get_by_role("link", name=course.title, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{course.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
    expect(page.get_by_role("progressbar")).to_have_count(0)
    lessons = page.locator("ol.lesson-list > li")
    expect(lessons).to_have_text([first.title, second.title, case.title])
    assert_fits_phone(page)
    screenshot(page, "course")

    # 3. Enrol: a confirmation, the progress bar at 0 %, a link to the first lesson.
    page.get_by_role("button", name=zh("Enrol"), exact=True).click()
    expect(page.locator(".messages")).to_contain_text(
        zh("You are on the course. Start with the first lesson.")
    )
    expect(page.get_by_role("button", name=zh("Enrol"), exact=True)).to_have_count(0)
    progress_of(page, 0, 0, 3)
    expect(page.get_by_role("link", name=zh("Continue where you left off"))).to_have_count(0)
    resume = page.get_by_role("link", name=zh("Start learning"))
    expect(resume).to_have_attribute("href", first.url)
    enrollment = Enrollment.objects.get(person=trainee, course=course)
    assert enrollment.completed_at is None
    assert enrollment.enrolled_by_id == trainee.user.pk
    screenshot(page, "enrolled")

    # 4. The first lesson, from the course's list; mark it done and land on the second.
    lessons.get_by_role("link", name=first.title, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{first.url}")
    expect(page.locator("article.lesson strong").first).to_have_text("第1課")
    progress_of(page, 0, 0, 3)
    assert_fits_phone(page)
    screenshot(page, "lesson-1")
    page.get_by_role("button", name=zh("Mark as done and go on")).click()
    expect(page).to_have_url(f"{live_server.url}{second.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(second.title)
    progress_of(page, 33, 1, 3)
    assert LessonCompletion.objects.filter(person=trainee, page_id=first.pk).exists()

    # 5. Back on the course page: the bar moved, the first lesson is ticked and
    #    the link to carry on points at the second lesson, the one left open.
    page.get_by_role("link", name=zh("Back to the course")).click()
    expect(page).to_have_url(f"{live_server.url}{course.url}")
    progress_of(page, 33, 1, 3)
    expect(lessons).to_have_text([f"{first.title} ✓{zh('done')}", second.title, case.title])
    resume = page.get_by_role("link", name=zh("Continue where you left off"))
    expect(resume).to_have_attribute("href", second.url)
    enrollment.refresh_from_db()
    assert enrollment.last_page_id == second.pk
    assert_fits_phone(page)
    screenshot(page, "course-one-done")

    # 6. Carry on: the second lesson, done, leads on to the case.
    resume.click()
    expect(page).to_have_url(f"{live_server.url}{second.url}")
    page.get_by_role("button", name=zh("Mark as done and go on")).click()
    expect(page).to_have_url(f"{live_server.url}{case.url}")
    progress_of(page, 67, 2, 3)

    # 7. The case: the decision is open, the answers are nowhere on the page.
    decision = page.locator(f"#decision-{point.pk}")
    expect(decision.get_by_role("heading", name=zh("Your decision"))).to_be_visible()
    expect(decision).to_contain_text("是否受理這筆授信申請？")
    for secret in (EXPERT_ANSWER, ACTUAL_OUTCOME, HOW_IT_WENT, LESSONS_LEARNED):
        assert secret not in page.content(), f"{secret!r} is shown before the decision"
    expect(page.get_by_role("heading", name=zh("The expert's answer"))).to_have_count(0)
    expect(page.get_by_role("heading", name=zh("What really happened"))).to_have_count(0)
    options = decision.get_by_role("group", name=zh("Choose")).get_by_role("radio")
    expect(options).to_have_count(3)
    assert_controls_named(decision)
    reasoning = decision.get_by_label(zh("Why? Write your reasoning before you see the answer."))
    commit = decision.get_by_role("button", name=zh("Commit to this decision"))
    # The reason box takes the form's whole width on a phone, not a browser's 20 columns.
    box_width, line_width = reasoning.evaluate(
        "el => [el.getBoundingClientRect().width, el.parentElement.clientWidth]"
    )
    assert box_width >= line_width - 1, (box_width, line_width)
    assert_fits_phone(page)
    screenshot(page, "case-undecided")

    # 7a. No reasoning at all: the browser stops the form, nothing is sent or saved.
    decisions_sent = []
    page.on(
        "request",
        lambda request: (
            decisions_sent.append(request.url)
            if request.method == "POST" and "/decisions/" in request.url
            else None
        ),
    )
    decision.get_by_role("radio", name="先核實現金流再決定").check()
    commit.click()
    assert reasoning.evaluate("el => el.validity.valueMissing && !el.form.noValidate")
    assert reasoning.evaluate("el => el.validationMessage")
    expect(commit).to_be_visible()

    # 7b. Blank reasoning gets past the browser; the server refuses it with a clear
    #     message beside the decision, keeps the option chosen, puts the focus on
    #     the reasoning, and still shows neither answer.
    reasoning.fill("     ")
    with page.expect_navigation():
        commit.click()
    error = decision.get_by_role("alert")
    expect(error).to_have_text(zh("Write your reasoning before you see the answer."))
    expect(error).to_be_in_viewport()
    expect(reasoning).to_have_attribute("aria-invalid", "true")
    expect(reasoning).to_be_focused()
    expect(decision.get_by_role("radio", name="先核實現金流再決定")).to_be_checked()
    assert len(decisions_sent) == 1, decisions_sent  # the empty form of 7a never left
    assert not DecisionChoice.objects.filter(person=trainee).exists()
    assert EXPERT_ANSWER not in page.content()
    assert ACTUAL_OUTCOME not in page.content()
    expect(commit).to_be_visible()
    screenshot(page, "case-refused")

    # 7c. An option and a reasoning: the choice is kept, the answers revealed.
    why = "現金流是還款來源，受理前應先核實。"
    decision.get_by_role("radio", name="先核實現金流再決定").check()
    reasoning.fill(why)
    with page.expect_navigation():
        commit.click()
    expect(page).to_have_url(re.compile(rf"{re.escape(case.url)}#decision-{point.pk}$"))
    expect(decision.locator("strong")).to_have_text("先核實現金流再決定")
    expect(decision).to_contain_text(why)
    expect(decision.get_by_role("heading", name=zh("The expert's answer"))).to_be_visible()
    expect(decision).to_contain_text(EXPERT_ANSWER)
    expect(decision.get_by_role("heading", name=zh("What really happened"))).to_be_visible()
    expect(decision).to_contain_text(ACTUAL_OUTCOME)
    expect(decision.locator("form")).to_have_count(0)  # a decision is made once
    expect(page.get_by_role("heading", name=zh("How it went"))).to_be_visible()
    expect(page.get_by_text(HOW_IT_WENT)).to_be_visible()
    expect(page.get_by_text(LESSONS_LEARNED)).to_be_visible()
    choice = DecisionChoice.objects.get(person=trainee)
    assert (choice.decision_point_id, choice.option, choice.reasoning) == (point.pk, 1, why)
    assert_fits_phone(page)
    screenshot(page, "case-decided")

    # 8. The last page done: back on the course, which says it is complete.
    page.get_by_role("button", name=zh("Mark as done and go on")).click()
    expect(page).to_have_url(f"{live_server.url}{course.url}")
    expect(page.locator(".messages")).to_contain_text(
        zh("Course completed: %(title)s. Well done.", title=course.title)
    )
    progress_of(page, 100, 3, 3)
    expect(page.locator(".progress + p.muted strong")).to_have_text(zh("Course completed"))
    expect(page.get_by_role("link", name=zh("Continue where you left off"))).to_have_count(0)
    expect(lessons).to_have_text([f"{p.title} ✓{zh('done')}" for p in (first, second, case)])
    assert_fits_phone(page)
    screenshot(page, "course-completed")

    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    assert set(
        LessonCompletion.objects.filter(person=trainee).values_list("page_id", flat=True)
    ) == {first.pk, second.pk, case.pk}

    # 9. The home page lists the course as completed.
    page.goto("/")
    expect(page.locator("ul.my-learning li")).to_have_text(f"{course.title} · {zh('completed')}")
