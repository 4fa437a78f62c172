"""Wagtail's dashboard panel "Awaiting your review" shows approvers what waits
for them: senior trainers the courses' pages, risk experts the risk reviews,
never what they submitted themselves."""

import pytest
from django.urls import reverse

from people.roles import Role
from tests.courses.conftest import senior_trainer
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADING = "Awaiting your review"


def submitted(page, user):
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    return page


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_a_senior_trainer_sees_a_lesson_waiting_for_approval(client, org, course):
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    lesson = course.get_children().first().specific
    lesson.title = "第1課（修訂）"
    submitted(lesson, trainer.user)

    html = dashboard(client, senior_trainer(org["head"]).user)
    assert HEADING in html
    assert "第1課（修訂）" in html
    # The trainer who submitted it has nothing to approve.
    assert HEADING not in dashboard(client, trainer.user)


def test_a_risk_expert_sees_another_experts_review_waiting(client, org, reviews):
    author = PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT])
    reviewer = PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT])
    review = reviews["confidential"]
    review.title = "授信案例甲（修訂）"
    submitted(review, author.user)

    html = dashboard(client, reviewer.user)
    assert HEADING in html
    assert "授信案例甲（修訂）" in html
    assert HEADING not in dashboard(client, author.user)
