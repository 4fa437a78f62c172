"""The programme report: its scope (page, CSV, XLSX), its charts with their
tables, overdue check-ins, and a query budget that does not grow with pairs."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentorship.models import CheckIn
from people.roles import Role
from tests.factories import PersonFactory

from .outcome_builders import pairs_make

REPORT_URLS = ("mentorship:report", "mentorship:report_csv", "mentorship:report_xlsx")


@pytest.fixture
def pudong_pairs(org):
    return pairs_make(org["pudong_team"], 2)


def test_the_manager_sees_the_pairs_of_their_people(client, manager, pudong_pairs):
    client.force_login(manager.user)
    page = client.get(reverse("mentorship:report"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "徒弟0" in html and "徒弟1" in html
    assert '<dd id="active-pairs">2</dd>' in html
    assert "+40.0" in html and "+10.0" in html and "+30.0" in html  # mentee, comparison, difference


def test_an_administrator_sees_every_pair(client, org, pudong_pairs):
    puxi = pairs_make(org["puxi_team"], 1, prefix="浦西徒弟")
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(administrator.user)
    html = client.get(reverse("mentorship:report")).content.decode()
    assert '<dd id="active-pairs">3</dd>' in html
    assert "徒弟0" in html and puxi[0].mentee.name in html


def test_a_manager_of_another_branch_sees_none_of_these_pairs(client, org, pudong_pairs):
    other = PersonFactory(unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]])
    client.force_login(other.user)
    page = client.get(reverse("mentorship:report")).content.decode()
    assert "徒弟0" not in page and "導師徒弟0" not in page
    assert '<dd id="active-pairs">0</dd>' in page
    csv = client.get(reverse("mentorship:report_csv"))
    assert csv.status_code == 200 and "徒弟0" not in csv.content.decode("utf-8-sig")
    assert len(csv.content.decode("utf-8-sig").strip().splitlines()) == 1  # the header alone
    xlsx = client.get(reverse("mentorship:report_xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 1  # the header alone


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.TRAINER, Role.RISK_EXPERT])
def test_people_without_a_report_get_404(client, org, pudong_pairs, role):
    person = PersonFactory(unit=org["pudong_team"], user__roles=[role])
    client.force_login(person.user)
    for name in REPORT_URLS:
        assert client.get(reverse(name)).status_code == 404
    assert client.get(reverse("mentorship:report_export"), {"format": "csv"}).status_code == 404


def test_a_mentee_gets_404_for_the_report_of_their_own_pair(client, pudong_pairs):
    client.force_login(pudong_pairs[0].mentee.user)
    assert client.get(reverse("mentorship:report")).status_code == 404


def test_the_visitor_is_sent_to_sign_in(client, pudong_pairs):
    response = client.get(reverse("mentorship:report_csv"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_each_chart_comes_with_its_numbers_in_a_table(client, manager, pudong_pairs):
    client.force_login(manager.user)
    html = client.get(reverse("mentorship:report")).content.decode()
    for chart, table in (("outcomes-chart", "outcomes-table"), ("ranking-chart", "ranking-table")):
        assert f'<svg class="chart" id="{chart}" role="img"' in html
        assert f'aria-describedby="{table}"' in html
        assert f'<table class="data" id="{table}"' in html
    assert html.count("<title>") >= 3  # the chart's title and one per bar


def test_overdue_check_ins(client, manager, pudong_pairs):
    today = timezone.localdate()
    quiet, met = pudong_pairs
    CheckIn.objects.create(
        pair=met, author=met.mentor, met_on=today - timedelta(days=3), minutes=30
    )
    client.force_login(manager.user)
    response = client.get(reverse("mentorship:report"))
    rows = response.context["report"].overdue
    assert [(row.pair, row.days) for row in rows] == [(quiet, 60)]
    assert '<dd id="overdue-count">1</dd>' in response.content.decode()


def test_the_csv_and_xlsx_hold_the_outcomes(client, manager, pudong_pairs):
    client.force_login(manager.user)
    csv = client.get(reverse("mentorship:report_csv"))
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 3
    assert "徒弟0" in lines[1] or "徒弟0" in lines[2]
    xlsx = client.get(reverse("mentorship:report_export"), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3
    by_mentee = {row[1]: row for row in rows[1:]}
    row = by_mentee["徒弟0"]
    assert row[6:] == (0.3, 0.7, 0.4, 3, 0.1, False, 0.3)


def test_an_unknown_format_is_404(client, manager, pudong_pairs):
    client.force_login(manager.user)
    assert client.get(reverse("mentorship:report_export"), {"format": "pdf"}).status_code == 404


def _queries(client, url):
    client.get(url)  # the frame's caches (site, menus) are filled on a first visit
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", REPORT_URLS)
def test_the_report_query_budget_is_flat(client, org, manager, name):
    pairs_make(org["pudong_team"], 2, prefix="少")
    client.force_login(manager.user)
    few = _queries(client, reverse(name))
    pairs_make(org["pudong_team"], 18, prefix="多")
    many = _queries(client, reverse(name))
    assert few == many
    # Session, user, roles, managed units; the pairs, goals, people, periods,
    # snapshots, overdue pairs; the frame's own (permissions, person, pages).
    assert many <= 16


def test_the_ranking_query_budget_is_flat(client, org):
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    pairs_make(org["pudong_team"], 2, prefix="少")
    client.force_login(trainer.user)
    few = _queries(client, reverse("mentorship:ranking"))
    pairs_make(org["pudong_team"], 18, prefix="多")
    many = _queries(client, reverse("mentorship:ranking"))
    assert few == many
