"""The pair's page: its forms through the views (errors on their fields,
refusals), and query budgets that do not grow with goals and check-ins."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorship.models import CheckIn, EndFeedback, Goal, PairStatus
from mentorship.services.ending import pair_complete
from people.roles import Role
from tests.budgets import queries_of
from tests.factories import PersonFactory, TopicFactory

from .life_fixtures import *  # noqa: F403 (the fixtures active, proposed)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def url(name, pair):
    return reverse(f"mentorship:{name}", args=[pair.pk])


def agreement_data(*goals, notes="每兩週見一次"):
    data = {
        "notes": notes,
        "goals-TOTAL_FORMS": str(len(goals)),
        "goals-INITIAL_FORMS": "0",
        "goals-MIN_NUM_FORMS": "0",
        "goals-MAX_NUM_FORMS": "30",
    }
    for n, (topic, due) in enumerate(goals):
        data |= {
            f"goals-{n}-topic": str(topic.pk),
            f"goals-{n}-due_on": due,
            f"goals-{n}-notes": "",
        }
    return data


def test_agree_acknowledge_and_start_through_the_page(client, proposed):
    topic = TopicFactory(name="理財產品")
    due = (TODAY() + datetime.timedelta(days=30)).isoformat()
    client.force_login(proposed.mentee.user)
    response = client.post(url("agreement_edit", proposed), agreement_data((topic, due)))
    assert response.status_code == 302
    assert list(Goal.objects.values_list("topic", flat=True)) == [topic.pk]
    page = client.get(url("pair", proposed), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "理財產品" in page and "I agree to this agreement" in page
    assert client.post(url("acknowledge", proposed)).status_code == 302
    client.force_login(proposed.mentor.user)
    assert client.post(url("acknowledge", proposed)).status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == PairStatus.ACTIVE


def test_agreement_errors_sit_on_their_fields(client, proposed):
    topic = TopicFactory()
    client.force_login(proposed.mentor.user)
    response = client.post(
        url("agreement_edit", proposed),
        agreement_data((topic, "2026-13-40"), (topic, "2030-01-01")),
    )
    assert response.status_code == 200
    formset = response.context["goal_formset"]
    assert formset.forms[0].errors.keys() == {"due_on"}
    assert formset.forms[1].errors.keys() == {"topic"}
    assert not Goal.objects.exists()


def test_acknowledging_without_a_goal_says_so(client, proposed):
    client.force_login(proposed.mentor.user)
    response = client.post(url("acknowledge", proposed), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Agree at least one goal" in response.content.decode()


def test_a_check_in_in_the_future_is_refused_on_its_date(client, active):
    client.force_login(active.mentee.user)
    tomorrow = (TODAY() + datetime.timedelta(days=1)).isoformat()
    response = client.post(url("checkin_add", active), {"met_on": tomorrow, "minutes": "30"})
    assert response.status_code == 200
    assert response.context["checkin_form"].errors.keys() == {"met_on"}
    ok = client.post(url("checkin_add", active), {"met_on": TODAY().isoformat(), "minutes": "30"})
    assert ok.status_code == 302
    assert CheckIn.objects.count() == 1


def test_refusals(client, active, manager, org):
    colleague = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    client.force_login(colleague.user)
    for name in ("checkin_add", "complete", "end_early", "agreement_edit", "acknowledge"):
        assert client.post(url(name, active), {"reason": "x"}).status_code == 404
    client.force_login(manager.user)
    data = {"met_on": TODAY().isoformat(), "minutes": "30"}
    assert client.post(url("checkin_add", active), data).status_code == 403
    assert client.post(url("acknowledge", active)).status_code == 403
    assert client.get(url("complete", active)).status_code == 405


def test_end_early_needs_a_reason_then_feedback_once(client, active):
    client.force_login(active.mentor.user)
    response = client.post(url("end_early", active), {"reason": ""})
    assert response.context["end_form"].errors.keys() == {"reason"}
    assert client.post(url("end_early", active), {"reason": "調崗"}).status_code == 302
    page = client.get(url("pair", active), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Send my feedback" in page and "Mark as completed" not in page
    assert client.post(url("feedback", active), {"rating": "4"}).status_code == 302
    page = client.get(url("pair", active), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Send my feedback" not in page and "4 of 5" in page
    again = client.post(url("feedback", active), {"rating": "5"}, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 200
    assert "already given your feedback" in again.content.decode()
    assert EndFeedback.objects.get().rating == 4


def fill(pair, size):
    """`size` goals and `size` check-ins on an active pair, a feedback-free history."""
    agreement = pair.agreement
    Goal.objects.filter(agreement=agreement).delete()
    CheckIn.objects.filter(pair=pair).delete()
    for n in range(size):
        Goal.objects.create(
            agreement=agreement, topic=TopicFactory(), due_on=TODAY(), notes=f"目標 **{n}**"
        )
        CheckIn.objects.create(
            pair=pair, author=pair.mentee, met_on=TODAY(), minutes=30, notes=f"第{n}次"
        )


@pytest.mark.parametrize("who", ["mentor", "mentee", "manager"])
def test_query_budget_of_the_page(client, active, manager, who, django_assert_max_num_queries):
    client.force_login(manager.user if who == "manager" else getattr(active, who).user)
    counts = []
    for size in (2, 20):
        fill(active, size)
        counts.append(queries_of(client, url("pair", active), 30, django_assert_max_num_queries))
    assert counts[0] == counts[1]


def test_query_budget_of_an_ended_pair(client, active, django_assert_max_num_queries):
    client.force_login(active.mentee.user)
    fill(active, 2)
    pair_complete(pair=active, by_user=active.mentor.user)
    counts = []
    for size in (2, 20):
        fill(active, size)
        counts.append(queries_of(client, url("pair", active), 30, django_assert_max_num_queries))
    assert counts[0] == counts[1]
