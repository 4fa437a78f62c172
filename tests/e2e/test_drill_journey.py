"""A trainee takes a drill on a phone: one question per screen, a progress
bar and a countdown, immediate feedback, a reload that resumes, the results."""

import pytest
from playwright.sync_api import expect

from quizzes.models import Attempt, AttemptStatus
from tests.factories import PersonFactory, drill_make, question_make

from .test_trainee_journey import assert_fits_phone

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_trainee_takes_a_drill_on_a_phone(page, log_in_as, screenshot, org):
    trainee = PersonFactory(unit=org["pudong_team"])
    drill = drill_make(
        [
            question_make(stem="一年期定存利率是多少？"),
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
        ],
        time_limit=300,
    )
    log_in_as(page, trainee.user)
    # Each answer goes with the attempt's answer token (quizzes.answer_tokens).
    answers, opened, handed_in = [], [], []

    def sent(request):
        if request.method == "POST" and request.url.endswith("/answers"):
            answers.append(request.headers.get("x-answer-token"))
        if request.method == "POST" and request.url.endswith("/finish"):
            handed_in.append(request.headers.get("x-answer-token"))
        if request.method == "POST" and request.url.endswith("/open"):
            opened.append(request.url)

    page.on("request", sent)
    page.goto(f"/drills/{drill.pk}/")
    expect(page.locator(".stem")).to_contain_text("一年期定存利率")
    expect(page.locator("[data-countdown]")).to_contain_text(":")
    expect(page.locator("[data-finish]")).to_be_hidden()
    assert_fits_phone(page)
    screenshot(page, "question-1")

    page.locator(".choice").first.click()
    page.locator("[data-submit]").click()
    expect(page.locator(".verdict")).to_be_visible()
    screenshot(page, "feedback-1")
    page.locator("[data-next]").click()

    # A reload resumes where the trainee was, with the first answer kept.
    page.reload()
    expect(page.locator(".stem")).to_contain_text("七天通知存款")
    page.locator(".choice-button").first.click()
    expect(page.locator(".verdict")).to_be_visible()
    page.locator("[data-next]").click()

    page.locator("#answer-input").fill("20")
    page.locator("[data-submit]").click()
    expect(page.locator(".verdict--right")).to_be_visible()
    screenshot(page, "feedback-3")
    page.locator("[data-finish]").click()
    page.wait_for_url("**/drills/attempts/**")
    screenshot(page, "results")
    assert_fits_phone(page)

    attempt = Attempt.objects.get(person=trainee)
    assert attempt.status == AttemptStatus.FINISHED
    assert attempt.items.filter(answered_at__isnull=False).count() == 3
    assert len(answers) == 3 and all(answers), answers
    assert handed_in == answers[:1], handed_in  # the hand-in goes with the token too
    # No question has its own clock: each is shown from what the start sent,
    # without a request of its own.
    assert opened == []
