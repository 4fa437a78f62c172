"""A trainee reads a drill's results on a 390 px phone: for every question
type their own answer, the right answer (the items in their right order by
their texts, 對 or 錯, the right pairs) and the feedback; then the next steps:
try again, back to the page the drill was started from, and from there the
review of what is due."""

import pytest
from playwright.sync_api import expect

from quizzes.models import Attempt, FeedbackTiming, QuestionSelection
from quizzes.services import attempt_finish, attempt_start
from tests.factories import PersonFactory, drill_make
from tests.quizzes.every_type import answer_wrong, every_type_drill

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE_390 = {"width": 390, "height": 844}


def result(page, qtype):
    return page.locator(".results > li").filter(has_text=f"{qtype}題幹")


def texts(locator):
    return [text.strip() for text in locator.all_inner_texts()]


def test_results_of_every_question_type_on_a_phone(page, log_in_as, screenshot, org):
    page.set_viewport_size(PHONE_390)
    trainee = PersonFactory(unit=org["pudong_team"])
    drill = every_type_drill(feedback=FeedbackTiming.AFTER, attempts_allowed=3)
    review = drill_make([], title="每日複習", selection=QuestionSelection.DUE)
    attempt = attempt_start(drill=drill, person=trainee)
    Attempt.objects.filter(pk=attempt.pk).update(origin="/")
    answer_wrong(attempt, trainee)
    attempt_finish(attempt_id=attempt.pk, person=trainee)

    log_in_as(page, trainee.user)
    page.goto(f"/drills/attempts/{attempt.pk}/")
    expect(page.locator(".results > li")).to_have_count(8)

    ordering = result(page, "ordering")
    expect(ordering.locator(".result__right li")).to_have_text(
        ["開戶", "徵信", "審批", "放款", "貸後"]
    )
    expect(ordering.locator(".result__given li")).to_have_text(
        ["徵信", "開戶", "審批", "貸後", "放款"]
    )
    true_false = result(page, "true_false")
    expect(true_false.locator(".result__given")).to_have_text("對")
    expect(true_false.locator(".result__right")).to_have_text("錯")
    expect(true_false.locator(".feedback").first).to_have_text("再想想：通知存款要提前通知。")
    matching = result(page, "matching")
    expect(matching.locator(".result__right li")).to_have_text(["活期 → 0.35%", "一年定存 → 1.75%"])
    expect(matching.locator(".result__given li")).to_have_text(["活期 → 9.99%", "一年定存 → 1.75%"])
    single = result(page, "single")
    expect(single.locator(".result__given")).to_have_text("2.75%")
    expect(single.locator(".result__right")).to_have_text("3.25%")
    expect(single.locator(".feedback").first).to_have_text("這是活期利率。")
    expect(result(page, "multiple").locator(".result__right li")).to_have_text(["身分證", "印章"])
    expect(result(page, "short").locator(".result__given")).to_have_text("定存")
    expect(result(page, "short").locator(".result__right")).to_have_text("LPR")
    expect(result(page, "numeric").locator(".result__given")).to_have_text("15 萬元")
    expect(result(page, "numeric").locator(".result__right")).to_have_text("20 萬元")
    expect(result(page, "recall").locator(".result__given")).to_have_text("重來")
    expect(result(page, "recall").locator(".result__right")).to_have_text("貸前、貸時、貸後三查")
    for qtype in ("ordering", "matching", "numeric"):
        expect(result(page, qtype).locator(".feedback").last).to_have_text(f"{qtype}的說明")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_390["width"], f"the results are {width} px wide on a 390 px phone"
    screenshot(page, "results")

    again = page.locator(f'.next-steps a[href="/drills/{drill.pk}/?next=%2F"]')
    expect(again).to_be_visible()
    # The wrong answers come due again today: the page offers their review,
    # and home counts as many.
    due = page.locator(".next-steps .due-count")
    expect(due.locator('a[href="/drills/review/"]')).to_be_visible()
    count = "".join(ch for ch in due.inner_text() if ch.isdigit())
    assert int(count) > 0
    page.locator('.next-steps a[href="/"]').click()
    page.wait_for_url("**/")
    expect(page.locator(".due-count .stat")).to_have_text(count)
    page.locator('.due-count a[href="/drills/review/"]').click()
    page.wait_for_url(f"**/drills/{review.pk}/")
    screenshot(page, "review")
