"""The drill on a 390 px phone: a question's own time runs out and the drill
goes on; a recall card shows its prompt, then its answer, then the ratings;
an answer with nothing chosen says what to do; a reload with every question
done offers the hand-in.

The page is read in English (Django's language cookie) so the checks hold
before the Chinese catalogue has the new messages."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.models import Attempt, AttemptItem, AttemptStatus
from tests.factories import PersonFactory, drill_make, question_make

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE_390 = {"width": 390, "height": 844}
MATCHING = {
    "pairs": [{"left": "活期", "right": "0.05%"}, {"left": "一年定期", "right": "1.10%"}],
    "distractors": ["3.00%"],
}


@pytest.fixture
def phone(page, live_server):
    """The conftest's phone page, 390 px wide, in English (Django's language cookie)."""
    from django.conf import settings

    page.set_viewport_size(PHONE_390)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    return page


@pytest.fixture
def trainee_in(org):
    return PersonFactory(unit=org["pudong_team"])


def focused_text(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.textContent : ''")


def test_a_question_s_own_time_runs_out_and_the_drill_goes_on(
    phone, log_in_as, screenshot, trainee_in
):
    drill = drill_make(
        [question_make(stem="第一題：活期利率？"), question_make(stem="第二題：定期利率？")],
        time_per_question=3,
        shuffle_choices=False,
    )
    log_in_as(phone, trainee_in.user)
    phone.goto(f"/drills/{drill.pk}/")
    expect(phone.locator(".stem")).to_contain_text("第一題")
    # The clock starts full when the question is shown.
    expect(phone.locator("[data-countdown]")).to_contain_text("0:03")
    # Screen readers hear the countdown near its end (the visible clock stays quiet).
    expect(phone.locator("[data-announce]")).to_contain_text("seconds left")
    screenshot(phone, "question-1")

    # Its time runs out: the screen says so (an alert, read out), its inputs close.
    message = phone.locator("[data-message]")
    expect(message).to_contain_text("Time is up", timeout=6_000)
    expect(message).to_have_attribute("role", "alert")
    expect(phone.locator("[data-countdown]")).to_have_text("Time is up")
    expect(phone.locator("[data-screen] input[name=choice]").first).to_be_disabled()
    screenshot(phone, "time-up")

    # The drill moves on to the next question; the attempt is not over.
    expect(phone.locator(".stem")).to_contain_text("第二題", timeout=6_000)
    expect(phone.locator("[data-countdown]")).to_contain_text("0:0")
    assert Attempt.objects.get(person=trainee_in).status == AttemptStatus.IN_PROGRESS
    phone.locator(".choice").first.click()
    phone.locator("[data-submit]").click()
    expect(phone.locator(".verdict")).to_be_visible()
    finish = phone.locator("[data-finish]")
    expect(finish).to_be_visible()
    finish.click()
    phone.wait_for_url("**/drills/attempts/**")

    attempt = Attempt.objects.get(person=trainee_in)
    assert attempt.status == AttemptStatus.FINISHED
    first, second = attempt.items.order_by("position")
    assert first.answered_at is None
    assert second.answered_at is not None
    # Each question was opened on the server, which started its clock.
    assert first.shown_at is not None
    assert second.shown_at is not None


def test_a_recall_card_shows_its_answer_before_the_ratings(
    phone, log_in_as, screenshot, trainee_in
):
    drill = drill_make(
        [
            question_make(qtype="recall", stem="三年期定存利率？", payload={"back": "年利率 2.6%"}),
            question_make(stem="下一題"),
        ]
    )
    log_in_as(phone, trainee_in.user)
    phone.goto(f"/drills/{drill.pk}/")
    expect(phone.locator(".stem")).to_contain_text("三年期定存利率")
    show = phone.get_by_role("button", name="Show the answer")
    expect(show).to_be_visible()
    expect(phone.get_by_text("年利率 2.6%")).to_have_count(0)
    expect(phone.get_by_role("button", name="Again")).to_have_count(0)
    assert "Again" not in focused_text(phone)
    screenshot(phone, "prompt")

    show.click()
    expect(phone.get_by_text("年利率 2.6%")).to_be_visible()
    ratings = phone.locator("[data-ratings] button")
    expect(ratings).to_have_count(4)
    expect(ratings.first).to_contain_text("Again")
    expect(ratings.first).to_contain_text("Forgot it")
    expect(ratings.last).to_contain_text("Easy")
    assert "Again" not in focused_text(phone)
    screenshot(phone, "answer-and-ratings")

    phone.get_by_role("button", name="Good").click()
    expect(phone.locator("[data-next]")).to_be_visible()
    item = Attempt.objects.get(person=trainee_in).items.get(position=0)
    assert item.revealed_at is not None and item.answered_at > item.revealed_at
    assert item.response == {"rating": 3}


def test_answering_with_nothing_chosen_says_what_to_do(phone, log_in_as, trainee_in):
    drill = drill_make(
        [
            question_make(stem="選一個"),
            question_make(qtype="matching", stem="配對利率", payload=MATCHING),
        ]
    )
    log_in_as(phone, trainee_in.user)
    phone.goto(f"/drills/{drill.pk}/")
    expect(phone.locator(".stem")).to_contain_text("選一個")
    phone.locator("[data-submit]").click()
    expect(phone.locator("[data-message]")).to_contain_text("Choose an answer")
    phone.locator(".choice").first.click()
    phone.locator("[data-submit]").click()
    expect(phone.locator(".verdict")).to_be_visible()
    phone.locator("[data-next]").click()

    # A matching question with one item left blank: nothing is sent.
    expect(phone.locator(".stem")).to_contain_text("配對利率")
    phone.locator("[data-screen] select").first.select_option(index=1)
    phone.locator("[data-submit]").click()
    expect(phone.locator("[data-message]")).to_contain_text("Match every item")
    attempt = Attempt.objects.get(person=trainee_in)
    assert attempt.items.get(position=1).answered_at is None


def test_a_reload_with_every_question_answered_offers_the_hand_in(phone, log_in_as, trainee_in):
    drill = drill_make([question_make(stem="唯一一題")])
    log_in_as(phone, trainee_in.user)
    phone.goto(f"/drills/{drill.pk}/")
    phone.locator(".choice").first.click()
    phone.locator("[data-submit]").click()
    expect(phone.locator(".verdict")).to_be_visible()

    phone.reload()
    expect(phone.locator("[data-message]")).to_contain_text("Every question is done")
    finish = phone.locator("[data-finish]")
    expect(finish).to_be_visible()
    expect(finish).to_be_focused()
    finish.click()
    phone.wait_for_url("**/drills/attempts/**")
    assert Attempt.objects.get(person=trainee_in).status == AttemptStatus.FINISHED


def test_a_late_answer_refused_by_the_server_closes_only_that_question(
    phone, log_in_as, trainee_in
):
    """The server's clock says the question's time (and the grace) is over
    while the page still counts (a slow network, a phone asleep): the answer is
    refused for that question only, and the page goes on with the next one."""
    drill = drill_make(
        [question_make(stem="第一題：活期利率？"), question_make(stem="第二題：定期利率？")],
        time_per_question=30,
    )
    log_in_as(phone, trainee_in.user)
    phone.goto(f"/drills/{drill.pk}/")
    expect(phone.locator(".stem")).to_contain_text("第一題")
    expect(phone.locator("[data-countdown]")).to_contain_text("0:")
    AttemptItem.objects.filter(attempt__person=trainee_in, position=0).update(
        shown_at=timezone.now() - timedelta(minutes=1)
    )
    phone.locator(".choice").first.click()
    phone.locator("[data-submit]").click()
    expect(phone.locator("[data-message]")).to_contain_text("Time is up")
    expect(phone.locator(".stem")).to_contain_text("第二題", timeout=6_000)
    assert phone.url.endswith(f"/drills/{drill.pk}/")
    attempt = Attempt.objects.get(person=trainee_in)
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert attempt.items.get(position=0).answered_at is None


def test_the_whole_drill_s_time_ends_it_and_says_why(phone, log_in_as, trainee_in):
    drill = drill_make([question_make(stem="第一題"), question_make(stem="第二題")], time_limit=2)
    log_in_as(phone, trainee_in.user)
    phone.goto(f"/drills/{drill.pk}/")
    expect(phone.locator(".stem")).to_contain_text("第一題")
    expect(phone.locator("[data-message]")).to_contain_text(
        "Time is up for the whole drill", timeout=6_000
    )
    results = phone.locator("[data-results]")
    expect(results).to_be_visible()
    expect(results).to_be_focused()
    expect(phone.locator("[data-screen] input[name=choice]").first).to_be_disabled()
    assert Attempt.objects.get(person=trainee_in).status != AttemptStatus.IN_PROGRESS
    results.click()
    phone.wait_for_url("**/drills/attempts/**")
