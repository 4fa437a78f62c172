"""The team mastery page: a legend, arrows for changes, the dates chosen kept
in the form, a located error for a bad date, and a note saying which figures
are live and which come from the nightly snapshot. Today's figure in a
comparison is the live one, so the two views agree on the same day."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.selectors.mastery import mastery_of
from quizzes.services.mastery import mastery_snapshot_take
from tests.factories import TopicFactory, drill_make, question_make

from .test_mastery import take

pytestmark = pytest.mark.django_db


@pytest.fixture
def drilled(trainee):
    """The trainee did badly ten days ago (a snapshot was taken that night)
    and well this morning (tonight's snapshot not taken yet)."""
    rates = TopicFactory(name="利率")
    drill = drill_make(
        [question_make(topic=rates, stem="利率一"), question_make(topic=rates, stem="利率二")]
    )
    earlier = timezone.now() - timedelta(days=10)
    take(drill, trainee, right_positions=set(), now=earlier)
    mastery_snapshot_take(day=timezone.localdate(earlier))
    take(drill, trainee, right_positions={0, 1})
    return rates, timezone.localdate(earlier)


def page(client, **data):
    response = client.get(reverse("quizzes:team_mastery"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def percent(value):
    return f"{round(value * 100)}%"


def cell(html):
    return re.search(r"<th scope=\"row\">.*?</th>\s*<td>(.*?)</td>", html, re.S).group(1)


def test_today_in_a_comparison_is_the_live_figure(client, manager, trainee, drilled):
    rates, earlier = drilled
    client.force_login(manager.user)
    live = page(client)
    now = percent(mastery_of(trainee)[rates.pk].mastery)
    assert cell(live).startswith(now)
    compared = page(client, before=earlier.isoformat(), after=timezone.localdate().isoformat())
    assert cell(compared).startswith(now), "today's figure must agree with the live view"


def test_changes_show_an_arrow_and_the_page_a_legend(client, manager, trainee, drilled):
    rates, earlier = drilled
    client.force_login(manager.user)
    html = page(client, before=earlier.isoformat(), after=timezone.localdate().isoformat())
    assert re.search(
        r'<span class="change change--up"><span aria-hidden="true">▲</span><span class="visually-hidden">rose</span></span>',
        cell(html),
    )
    legend = re.search(r'<dl class="legend">(.*?)</dl>', html, re.S).group(1)
    for words in ("▲", "▼", "rose", "fell", "no drill results"):
        assert words in legend


def test_the_note_says_which_figures_are_live_and_which_the_nightly_snapshot(
    client, manager, trainee, drilled
):
    rates, earlier = drilled
    client.force_login(manager.user)
    live = page(client)
    assert "live" in re.search(r'<p class="note" id="figures-note">(.*?)</p>', live, re.S).group(1)
    compared = page(client, before=earlier.isoformat(), after=timezone.localdate().isoformat())
    note = re.search(r'<p class="note" id="figures-note">(.*?)</p>', compared, re.S).group(1)
    assert "nightly snapshot" in note and "live" in note


def test_the_dates_chosen_stay_in_the_form(client, manager, trainee, drilled):
    rates, earlier = drilled
    client.force_login(manager.user)
    today = timezone.localdate().isoformat()
    html = page(client, before=earlier.isoformat(), after=today)
    assert f'name="before" value="{earlier.isoformat()}"' in html
    assert f'name="after" value="{today}"' in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"before": "2026-02-30", "after": "2026-03-01"}, "before", "Enter a valid date."),
        ({"before": "2026-01-01", "after": "soon"}, "after", "Enter a valid date."),
        ({"before": "2026-01-01"}, "after", "Choose both dates"),
        ({"before": "2026-03-01", "after": "2026-01-01"}, "after", "must not come before"),
    ],
)
def test_a_bad_date_is_an_error_beside_its_field_and_kept(
    client, manager, trainee, drilled, data, field, message
):
    client.force_login(manager.user)
    html = page(client, **data)
    errors = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    assert errors and message in errors.group(1)
    for name, value in data.items():
        assert f'name="{name}" value="{value}"' in html
    assert f'aria-describedby="id_{field}_error"' in html or 'aria-invalid="true"' in html


def test_each_person_leads_to_their_training_record(client, manager, trainee, drilled):
    client.force_login(manager.user)
    html = page(client)
    assert f'href="{reverse("people:record", args=[trainee.pk])}">{trainee.name}</a>' in html


def test_query_budget_comparing_to_today_with_few_and_many_people(
    client, manager, org, django_assert_max_num_queries
):
    from people.roles import Role
    from tests.budgets import queries_of
    from tests.factories import PersonFactory

    topic = TopicFactory(name="利率")
    drill = drill_make([question_make(topic=topic, stem="利率一")])
    earlier = timezone.now() - timedelta(days=3)
    data = {
        "before": timezone.localdate(earlier).isoformat(),
        "after": timezone.localdate().isoformat(),
    }
    client.force_login(manager.user)
    members, counts = [], []
    for size in (5, 40):
        while len(members) < size:
            member = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
            take(drill, member, right_positions=set(), now=earlier)
            take(drill, member, right_positions={0})
            members.append(member)
        mastery_snapshot_take(day=timezone.localdate(earlier))
        url = reverse("quizzes:team_mastery")
        counts.append(queries_of(client, url, 15, django_assert_max_num_queries, data=data))
    assert counts[0] == counts[1], f"{counts[0]} queries with few people, {counts[1]} with many"


def test_a_day_after_today_is_an_error(client, manager, trainee, drilled):
    rates, earlier = drilled
    client.force_login(manager.user)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    html = page(client, before=earlier.isoformat(), after=tomorrow)
    errors = re.search(r'<ul class="errorlist" id="id_after_error">(.*?)</ul>', html, re.S)
    assert errors and "Choose a day no later than today." in errors.group(1)
    assert f'name="after" value="{tomorrow}"' in html
