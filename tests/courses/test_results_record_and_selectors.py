"""Business figures on the training record (the last 12 months per measure,
for those who may see the record), and the selectors the effectiveness page
reads: figures by person and month, the change of a group between two months."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import BusinessMeasure
from courses.selectors.results import (
    figure_change,
    figure_people,
    figures_by_person_month,
    last_month,
    months_back,
)
from courses.services.results import FigureEntry, figures_save
from tests.factories import PersonFactory

pytest_plugins = ["tests.courses.results_support"]
pytestmark = pytest.mark.django_db


def save(by, person, measure, month, value):
    figures_save(by=by, entries=[FigureEntry(person.pk, measure.pk, month, Decimal(value))])


def figure_rows(html):
    return re.findall(r'<tr data-measure="(\w+)">(.*?)</tr>', html, re.S)


def test_the_record_shows_twelve_months_per_measure(client, manager, trainee, measures):
    months = months_back(last_month(), 13)
    save(manager.user, trainee, measures["deposits"], months[0], "1")  # 13 months ago: not shown
    save(manager.user, trainee, measures["deposits"], months[-1], "1234.5")
    save(manager.user, trainee, measures["deposits"], months[5], "999")
    client.force_login(manager.user)
    response = client.get(reverse("people:record", args=[trainee.pk]))
    assert response.status_code == 200
    rows = figure_rows(response.content.decode())
    assert [code for code, _ in rows] == ["deposits"], "only measures with figures"
    cells = re.findall(r"<td>(.*?)</td>", rows[0][1], re.S)
    assert len(cells) == 12
    assert cells[-1] == "1234.50" and cells[4] == "999" and "—" in cells[0]


def test_the_person_sees_their_own_figures(client, manager, trainee, measures):
    save(manager.user, trainee, measures["visits"], last_month(), "20")
    client.force_login(trainee.user)
    response = client.get(reverse("people:record", args=[trainee.pk]))
    assert response.status_code == 200
    assert [code for code, _ in figure_rows(response.content.decode())] == ["visits"]


def test_another_branchs_manager_sees_no_record_and_no_figures(
    client, manager, trainee, puxi_manager, measures
):
    save(manager.user, trainee, measures["visits"], last_month(), "20")
    client.force_login(puxi_manager.user)
    assert client.get(reverse("people:record", args=[trainee.pk])).status_code == 404


@pytest.mark.parametrize("months_with_figures", [1, 12])
def test_record_query_budget(
    client, manager, trainee, measures, months_with_figures, django_assert_max_num_queries
):
    for month in months_back(last_month(), months_with_figures):
        for measure in (measures["deposits"], measures["visits"]):
            save(manager.user, trainee, measure, month, "5")
    client.force_login(manager.user)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("people:record", args=[trainee.pk]))
    assert response.status_code == 200
    assert len(figure_rows(response.content.decode())) == 2


def test_figure_people_is_the_scope_of_every_door(
    org, manager, trainee, puxi_person, administrator
):
    assert set(figure_people(manager.user)) == {manager, trainee}
    assert puxi_person in figure_people(administrator.user)
    assert not figure_people(trainee.user).exists(), "a trainee is nobody's manager here"


def test_figures_by_person_month_and_figure_change(manager, org, measures):
    trained = [PersonFactory(unit=org["pudong_team"]) for _ in range(3)]
    before, after = date(2025, 1, 1), date(2025, 6, 1)
    deposits = measures["deposits"]
    for person, (b, a) in zip(
        trained, [("100", "130"), ("200", "210"), ("300", None)], strict=False
    ):
        save(manager.user, person, deposits, before, b)
        if a:
            save(manager.user, person, deposits, after, a)
    values = figures_by_person_month([p.pk for p in trained], [deposits.pk], [before, after])
    assert values[(trained[0].pk, deposits.pk, before)] == Decimal("100")
    assert (trained[2].pk, deposits.pk, after) not in values
    change = figure_change([p.pk for p in trained], deposits, date(2025, 1, 15), after)
    # Only the two people with a figure in both months count.
    assert change.people == 2
    assert (change.before, change.after, change.change) == (
        Decimal("150.00"),
        Decimal("170.00"),
        Decimal("20.00"),
    )
    assert change.improved is True
    lower = BusinessMeasure.objects.create(name="投訴", code="complaints", higher_is_better=False)
    for person, (b, a) in zip(trained, [("3", "5"), ("1", "1"), ("0", "0")], strict=False):
        save(manager.user, person, lower, before, b)
        save(manager.user, person, lower, after, a)
    assert figure_change([p.pk for p in trained], lower, before, after).improved is False
    empty = figure_change([], deposits, before, after)
    assert empty.people == 0 and empty.change is None


def test_months_back():
    assert months_back(date(2026, 2, 17), 3) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_no_section_without_figures(client, manager, trainee, pudong_people, measures):
    """The section appears only on the records of people with figures."""
    save(manager.user, pudong_people[0], measures["visits"], last_month(), "3")
    client.force_login(manager.user)
    with_figures = client.get(reverse("people:record", args=[pudong_people[0].pk]))
    without = client.get(reverse("people:record", args=[trainee.pk]))
    assert with_figures.status_code == without.status_code == 200
    assert 'class="data record-figures"' in with_figures.content.decode()
    assert 'class="data record-figures"' not in without.content.decode()
