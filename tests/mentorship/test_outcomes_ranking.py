"""Mentor effectiveness: the mean of the mentees' outcomes, with the number of
pairs it rests on; and the 優秀導師 honour a trainer gives from the ranking."""

from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from mentorship.models import CheckIn, MentorHonour, Pair
from mentorship.selectors.outcomes import PairOutcome
from mentorship.selectors.ranking import mentor_ranking
from mentorship.services.honours import HonourAlreadyGiven, mentor_honour_award
from notifications.models import Notice
from people.roles import Role
from tests.factories import PersonFactory, TopicFactory

from .outcome_builders import pair_make, person_make, snaps


def outcome(pair, *, change, comparison, count=3, topics=(1,)):
    return PairOutcome(
        pair=pair,
        start=date(2026, 1, 1),
        end=date(2026, 4, 1),
        topic_ids=topics,
        topic_names=("t",) * len(topics),
        mentee_before=0.2,
        mentee_after=0.2 + change,
        comparison_ids=tuple(range(count)),
        comparison_before=0.2 if count else None,
        comparison_change=comparison if count else None,
        min_colleagues=3,
    )


def test_effectiveness_is_the_mean_of_counted_pairs_not_of_meetings(org):
    team = org["pudong_team"]
    busy, quiet = person_make(team, name="甲導師"), person_make(team, name="乙導師")
    pairs = [pair_make(busy, person_make(team), started=date(2026, 1, 1)) for _ in range(3)]
    quiet_pair = pair_make(quiet, person_make(team), started=date(2026, 1, 1))
    for day in range(1, 20):  # many meetings of one pair weigh nothing
        CheckIn.objects.create(pair=pairs[0], author=busy, met_on=date(2026, 1, day), minutes=30)
    ranking = mentor_ranking(
        [
            outcome(pairs[0], change=0.5, comparison=0.2),  # +0.3
            outcome(pairs[1], change=0.2, comparison=0.1),  # +0.1
            outcome(pairs[2], change=0.9, comparison=0.0, count=2),  # too few: left out
            outcome(quiet_pair, change=0.4, comparison=0.0),  # +0.4
        ]
    )
    assert [(s.mentor, s.pairs, s.left_out) for s in ranking] == [(quiet, 1, 0), (busy, 2, 1)]
    assert ranking[0].effectiveness == pytest.approx(0.4)
    assert ranking[1].effectiveness == pytest.approx(0.2)


def test_a_mentor_with_nothing_counted_comes_last_without_a_figure(org):
    team = org["pudong_team"]
    pair = pair_make(person_make(team), person_make(team), started=date(2026, 1, 1))
    unmeasured = pair_make(person_make(team), person_make(team), started=date(2026, 1, 1))
    ranking = mentor_ranking(
        [
            outcome(pair, change=0.1, comparison=0.0, count=0),
            outcome(unmeasured, change=0, comparison=0, topics=()),
        ]
    )
    assert [(s.mentor, s.effectiveness, s.pairs, s.left_out) for s in ranking] == [
        (pair.mentor, None, 0, 1)
    ]


@pytest.fixture
def ranked(org):
    """A mentor whose one pair counts (three comparable colleagues), started this year."""
    team = org["pudong_team"]
    topic = TopicFactory()
    today = date.today()
    start = date(today.year - 1, 6, 1)
    mentor = person_make(team, grade="senior", name="優秀的導師")
    pair = pair_make(
        mentor, person_make(team, name="進步的徒弟"), started=start, ended=today, topics=[topic]
    )
    snaps(pair.mentee, start, {topic: 0.2})
    snaps(pair.mentee, today, {topic: 0.8})
    for _ in range(3):
        colleague = person_make(team)
        snaps(colleague, start, {topic: 0.2})
        snaps(colleague, today, {topic: 0.3})
    return mentor


@pytest.fixture
def trainer(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])


def test_a_trainer_names_an_outstanding_mentor_once_a_year_and_the_mentor_is_told(
    client, ranked, trainer
):
    client.force_login(trainer.user)
    page = client.get(reverse("mentorship:ranking"))
    assert page.status_code == 200 and "優秀的導師" in page.content.decode()
    assert "進步的徒弟" not in page.content.decode()  # trainers see mentors, not mentees
    url = reverse("mentorship:honour_create")
    response = client.post(url, {"mentor": ranked.pk, "citation": "帶出三位新人"})
    assert response.status_code == 302
    honour = MentorHonour.objects.get()
    assert (honour.mentor, honour.year, honour.citation) == (
        ranked,
        date.today().year,
        "帶出三位新人",
    )
    assert honour.awarded_by == trainer.user
    notice = Notice.objects.get(recipient=ranked.user)
    assert "帶出三位新人" in notice.text
    again = client.post(url, {"mentor": ranked.pk, "citation": "再一次"})
    assert again.status_code == 400
    assert (
        MentorHonour.objects.count() == 1
        and Notice.objects.filter(recipient=ranked.user).count() == 1
    )


def test_a_citation_is_required(client, ranked, trainer):
    client.force_login(trainer.user)
    response = client.post(
        reverse("mentorship:honour_create"), {"mentor": ranked.pk, "citation": " "}
    )
    assert response.status_code == 400
    with translation.override(settings.LANGUAGE_CODE):  # the page's language
        expected = gettext("Write the citation: why this mentor stands out.")
    assert expected in response.content.decode()
    assert not MentorHonour.objects.exists()


def test_only_trainers_and_administrators_honour(client, ranked, manager, trainee):
    for person in (manager, trainee, ranked):
        client.force_login(person.user)
        assert client.get(reverse("mentorship:ranking")).status_code == 404
        response = client.post(
            reverse("mentorship:honour_create"), {"mentor": ranked.pk, "citation": "自己提名"}
        )
        assert response.status_code == 404
    assert not MentorHonour.objects.exists()
    with pytest.raises(PermissionDenied):
        mentor_honour_award(mentor=ranked, year=2026, citation="x", by_user=manager.user)


def test_the_service_refuses_a_second_honour_in_a_year(ranked, trainer):
    mentor_honour_award(mentor=ranked, year=2026, citation="一", by_user=trainer.user)
    with pytest.raises(HonourAlreadyGiven):
        mentor_honour_award(mentor=ranked, year=2026, citation="二", by_user=trainer.user)
    mentor_honour_award(mentor=ranked, year=2027, citation="三", by_user=trainer.user)
    assert MentorHonour.objects.filter(mentor=ranked).count() == 2


def test_a_mentor_outside_the_ranking_cannot_be_honoured(client, trainer, org, ranked):
    client.force_login(trainer.user)
    stranger = person_make(org["pudong_team"])
    response = client.post(
        reverse("mentorship:honour_create"), {"mentor": stranger.pk, "citation": "沒有徒弟"}
    )
    assert response.status_code == 404
    assert not MentorHonour.objects.exists()
    assert Pair.objects.count() == 1
