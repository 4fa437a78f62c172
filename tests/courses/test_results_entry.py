"""The page where managers enter or correct a month's business figures
(/learning/results/): scope, located errors that keep what was typed, one
transaction, corrections and removals, and its query budget."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import BusinessFigure, FigureSource
from courses.selectors.results import last_month
from courses.services.results import FigureEntry, figures_save
from people.roles import Role
from tests.factories import PersonFactory

pytest_plugins = ["tests.courses.results_support"]
pytestmark = pytest.mark.django_db

URL = reverse("courses:results")


def cell(person, measure):
    return f"f-{person.pk}-{measure.pk}"


def month_url(month=None, **params):
    month = month or last_month()
    query = "&".join(f"{k}={v}" for k, v in {"month": month.strftime("%Y-%m"), **params}.items())
    return f"{URL}?{query}"


def rows_of(html):
    return {int(pk) for pk in re.findall(r'<tr data-person="(\d+)"', html)}


def test_the_grid_holds_the_managers_people_and_the_measures_in_use(
    client, manager, pudong_people, puxi_person, measures
):
    client.force_login(manager.user)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert rows_of(html) == {manager.pk, *(p.pk for p in pudong_people)}
    assert puxi_person.pk not in rows_of(html)
    assert f'data-measure="{measures["deposits"].pk}"' in html
    assert f'data-measure="{measures["old"].pk}"' not in html, "a measure out of use"
    assert response.context["month"] == last_month(), "last month by default"
    # Every cell has a label.
    field = cell(pudong_people[0], measures["deposits"])
    assert f'<label class="visually-hidden" for="id_{field}">' in html


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.TRAINER, Role.RISK_EXPERT])
def test_who_manages_nobody_is_refused(client, org, role, measures):
    person = PersonFactory(unit=org["pudong_team"], user__roles=[role])
    client.force_login(person.user)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {cell(person, measures["deposits"]): "1"}).status_code == 404
    assert not BusinessFigure.objects.exists()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_saving_the_page_in_one_go(client, manager, pudong_people, measures):
    client.force_login(manager.user)
    alice, bob = pudong_people
    response = client.post(
        month_url(),
        {
            cell(alice, measures["deposits"]): "1234.5",
            cell(alice, measures["visits"]): "20",
            cell(bob, measures["visits"]): "1,5".replace(",", ""),
        },
    )
    assert response.status_code == 302 and response["Location"] == month_url()
    saved = {
        (f.person_id, f.measure_id): (f.value, f.source, f.entered_by_id, f.month)
        for f in BusinessFigure.objects.all()
    }
    assert saved == {
        (alice.pk, measures["deposits"].pk): (
            Decimal("1234.50"),
            FigureSource.HAND,
            manager.user.pk,
            last_month(),
        ),
        (alice.pk, measures["visits"].pk): (
            Decimal("20"),
            FigureSource.HAND,
            manager.user.pk,
            last_month(),
        ),
        (bob.pk, measures["visits"].pk): (
            Decimal("15"),
            FigureSource.HAND,
            manager.user.pk,
            last_month(),
        ),
    }


def test_errors_are_located_keep_what_was_typed_and_save_nothing(
    client, manager, pudong_people, measures
):
    alice, bob = pudong_people
    figures_save(
        by=manager.user,
        entries=[FigureEntry(bob.pk, measures["visits"].pk, last_month(), Decimal("9"))],
    )
    client.force_login(manager.user)
    response = client.post(
        month_url(),
        {
            cell(alice, measures["deposits"]): "12O0",  # a letter O
            cell(alice, measures["visits"]): "20",
            cell(bob, measures["deposits"]): "1.234",
            cell(bob, measures["visits"]): "11",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    located = set(re.findall(r'<li data-person="(\d+)" data-measure="(\d+)">', html))
    assert located == {
        (str(alice.pk), str(measures["deposits"].pk)),
        (str(bob.pk), str(measures["deposits"].pk)),
    }
    assert 'value="12O0"' in html and 'value="20"' in html and 'value="11"' in html
    assert 'aria-invalid="true"' in html
    # Nothing saved, and the figure already there is still there, unchanged.
    assert [(f.person_id, f.value) for f in BusinessFigure.objects.all()] == [
        (bob.pk, Decimal("9.00"))
    ]


def test_correcting_and_clearing_a_figure(client, manager, pudong_people, measures):
    alice, bob = pudong_people
    month = last_month()
    figures_save(
        by=manager.user,
        entries=[
            FigureEntry(alice.pk, measures["deposits"].pk, month, Decimal("100")),
            FigureEntry(bob.pk, measures["deposits"].pk, month, Decimal("200")),
            FigureEntry(bob.pk, measures["visits"].pk, month, Decimal("7")),
        ],
    )
    client.force_login(manager.user)
    html = client.get(month_url()).content.decode()
    assert 'value="100.00"' in html, "the grid shows what is saved"
    response = client.post(
        month_url(),
        {
            cell(alice, measures["deposits"]): "110",
            cell(bob, measures["deposits"]): "",
            cell(bob, measures["visits"]): "7",
        },
    )
    assert response.status_code == 302
    assert {(f.person_id, f.measure_id): f.value for f in BusinessFigure.objects.all()} == {
        (alice.pk, measures["deposits"].pk): Decimal("110"),
        (bob.pk, measures["visits"].pk): Decimal("7"),
    }


def test_a_manager_cannot_write_another_branchs_people(
    client, manager, pudong_people, puxi_person, measures
):
    """A cell for someone outside the page is no field: it is ignored."""
    client.force_login(manager.user)
    response = client.post(
        month_url(),
        {
            cell(puxi_person, measures["deposits"]): "999",
            cell(pudong_people[0], measures["deposits"]): "1",
        },
    )
    assert response.status_code == 302
    assert not BusinessFigure.objects.filter(person=puxi_person).exists()
    # Nor through a search for them, nor another page.
    html = client.get(month_url(q=puxi_person.employee_id)).content.decode()
    assert rows_of(html) == set()
    assert puxi_person.name not in html


def test_the_service_refuses_people_out_of_scope(manager, puxi_person, measures):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        figures_save(
            by=manager.user,
            entries=[
                FigureEntry(puxi_person.pk, measures["deposits"].pk, last_month(), Decimal(1))
            ],
        )
    with pytest.raises(PermissionDenied):  # a measure out of use
        figures_save(
            by=manager.user,
            entries=[FigureEntry(manager.pk, measures["old"].pk, last_month(), Decimal(1))],
        )
    assert not BusinessFigure.objects.exists()


def test_an_administrator_reaches_everyone(client, administrator, puxi_person, measures):
    client.force_login(administrator.user)
    response = client.post(
        month_url(q=puxi_person.employee_id), {cell(puxi_person, measures["visits"]): "3"}
    )
    assert response.status_code == 302
    assert BusinessFigure.objects.get().person == puxi_person


def test_a_bad_or_future_month_shows_no_grid(client, manager, measures):
    client.force_login(manager.user)
    for month in ("2026-13", "abc", "2999-01"):
        response = client.get(f"{URL}?month={month}")
        assert response.status_code == 200
        assert response.context["form"] is None and response.context["month_form"].errors
    assert client.post(f"{URL}?month=2999-01", {}).status_code == 400
    assert not BusinessFigure.objects.exists()


def test_people_are_paged(client, manager, org, measures):
    for _ in range(30):
        PersonFactory(unit=org["pudong_team"])
    client.force_login(manager.user)
    first = rows_of(client.get(month_url()).content.decode())
    second = rows_of(client.get(month_url(page=2)).content.decode())
    assert len(first) == 25 and len(second) == 6 and not first & second


@pytest.mark.parametrize("count", [2, 40])
def test_query_budget_of_the_page_few_and_many(
    client, manager, org, measures, count, django_assert_max_num_queries
):
    people = [PersonFactory(unit=org["pudong_team"]) for _ in range(count)]
    figures_save(
        by=manager.user,
        entries=[
            FigureEntry(p.pk, m.pk, last_month(), Decimal(7))
            for p in people
            for m in (measures["deposits"], measures["visits"])
        ],
    )
    client.force_login(manager.user)
    client.get(month_url())  # the reader's cache warms up
    with django_assert_max_num_queries(15):
        response = client.get(month_url())
    assert response.status_code == 200
    assert len(rows_of(response.content.decode())) == min(count + 1, 25)
    with django_assert_max_num_queries(24):
        response = client.post(
            month_url(), {cell(p, measures["deposits"]): "8" for p in people[:25]}
        )
    assert response.status_code == 302
