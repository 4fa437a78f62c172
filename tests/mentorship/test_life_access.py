"""The mentor's view of the mentee lasts while the pair is active, and ends
with it: the pair page's sections, the training record, attempts and the
observation form. The guidance advice is for the mentor and the managers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import BehaviourObservation
from mentorship.models import GuidanceAdvice, PairEvent, PairEventKind
from mentorship.services.ending import pair_complete, pair_end_early
from quizzes.models import Attempt
from tests.factories import drill_make, question_make

from .life_fixtures import *  # noqa: F403 (the fixtures active, proposed)

pytestmark = pytest.mark.django_db

OBSERVATION = {"changed": "yes", "example": "主動**追問**客戶需求", "observed_on": ""}


@pytest.fixture
def attempt(active):
    drill = drill_make([question_make()])
    return Attempt.objects.create(
        drill=drill, person=active.mentee, started_at=timezone.now(), status="finished", score=0.8
    )


def observe(client, pair):
    data = {**OBSERVATION, "observed_on": timezone.localdate().isoformat()}
    return client.post(reverse("mentorship:observation_add", args=[pair.pk]), data)


def test_while_active_the_mentor_sees_the_mentee(client, active, attempt):
    client.force_login(active.mentor.user)
    page = client.get(reverse("mentorship:pair", args=[active.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert f"How {active.mentee.name} is doing" in html
    assert reverse("quizzes:attempt_detail", args=[attempt.pk]) in html
    assert reverse("people:record", args=[active.mentee.pk]) in html
    assert client.get(reverse("people:record", args=[active.mentee.pk])).status_code == 200
    detail = reverse("quizzes:attempt_detail", args=[attempt.pk])
    assert client.get(detail).status_code == 200
    response = observe(client, active)
    assert response.status_code == 302
    observation = BehaviourObservation.objects.get()
    assert (observation.person, observation.observer) == (active.mentee, active.mentor.user)
    assert observation.changed is True
    assert PairEvent.objects.filter(pair=active, kind=PairEventKind.OBSERVED).exists()


@pytest.mark.parametrize("end", ["complete", "early"])
def test_the_view_ends_the_moment_the_pair_ends(client, active, attempt, end):
    client.force_login(active.mentor.user)
    if end == "complete":
        pair_complete(pair=active, by_user=active.mentee.user)
    else:
        pair_end_early(pair=active, by_user=active.mentee.user, reason="調崗")
    page = client.get(reverse("mentorship:pair", args=[active.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert "is doing" not in html
    assert reverse("quizzes:attempt_detail", args=[attempt.pk]) not in html
    assert reverse("mentorship:observation_add", args=[active.pk]) not in html
    assert client.get(reverse("people:record", args=[active.mentee.pk])).status_code == 404
    detail = reverse("quizzes:attempt_detail", args=[attempt.pk])
    assert client.get(detail).status_code == 404
    assert observe(client, active).status_code == 403
    assert not BehaviourObservation.objects.exists()


def test_before_the_pair_starts_the_mentor_sees_nothing_either(client, proposed):
    client.force_login(proposed.mentor.user)
    assert client.get(reverse("people:record", args=[proposed.mentee.pk])).status_code == 404
    assert observe(client, proposed).status_code == 403


def test_only_the_mentor_records_observations_here(client, active, manager):
    for user in (active.mentee.user, manager.user):
        client.force_login(user)
        assert observe(client, active).status_code == 403
    assert not BehaviourObservation.objects.exists()


def test_an_observation_without_an_example_is_located(client, active):
    client.force_login(active.mentor.user)
    response = client.post(
        reverse("mentorship:observation_add", args=[active.pk]),
        {**OBSERVATION, "example": "", "observed_on": timezone.localdate().isoformat()},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert response.context["observation_form"].errors.keys() == {"example"}


def test_guidance_advice_for_the_mentor_and_the_manager_not_the_mentee(client, active, manager):
    active.mentee.guidance_type = "lacks_confidence"
    active.mentee.save()
    GuidanceAdvice.objects.create(guidance_type="lacks_confidence", advice="多**肯定**小進步")
    GuidanceAdvice.objects.create(guidance_type="complacent", advice="設更高的目標")
    url = reverse("mentorship:pair", args=[active.pk])
    for user in (active.mentor.user, manager.user):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "多<strong>肯定</strong>小進步" in html
        assert "設更高的目標" not in html
    client.force_login(active.mentee.user)
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "肯定" not in html
    assert "Guidance type" not in html


def test_someone_who_becomes_a_mentor_sees_the_mentee_on_the_next_request(
    client, org, manager, mentee
):
    """Whether a person takes part in mentoring is kept in the cache, and a
    person who takes no part widens nobody's scope; becoming a mentor is seen
    at once."""
    from mentorship.services.pairs import pair_create
    from tests.factories import PersonFactory, mentor_make

    from .life_helpers import pair_activate

    person = PersonFactory(unit=org["pudong_team"], name="新導師")
    client.force_login(person.user)
    record = reverse("people:record", args=[mentee.pk])
    assert client.get(record).status_code == 404
    mentor_make(person)
    pair_activate(pair_create(mentor=person, mentee=mentee, by_user=manager.user), manager.user)
    assert client.get(record).status_code == 200
