"""The demo's business results: three measures, a year of figures for the
customer managers, the trained group improving after the course and the
comparison group not."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from courses.demo import results as results_demo
from courses.models import BusinessFigure, BusinessMeasure
from courses.selectors.results import figure_change, last_month, months_back
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_data():
    return results_demo.data()


def test_the_demo_figures_tell_the_story(demo_data):
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert "business results" in out.getvalue()
    assert set(BusinessMeasure.objects.values_list("code", "unit_label")) >= {
        ("deposits", "萬元"),
        ("new_customers", "戶"),
        ("visits", "次"),
    }
    people = dict(Person.objects.values_list("employee_id", "pk"))
    trained = [people[e] for e in demo_data["trained"]]
    comparison = [people[e] for e in demo_data["comparison"]]
    months = months_back(last_month(), 12)
    assert BusinessFigure.objects.filter(month__in=months).count() == 3 * 12 * (
        len(trained) + len(comparison)
    )
    before = months_back(last_month(), demo_data["completed_months_ago"])[0]
    for measure in BusinessMeasure.objects.filter(code__in=demo_data["uplift"]):
        gained = figure_change(trained, measure, before, last_month())
        flat = figure_change(comparison, measure, before, last_month())
        assert gained.people == len(trained) and flat.people == len(comparison)
        # The trained group gains several points more than the comparison group.
        assert gained.change > 0, measure.code
        assert gained.change / gained.before > flat.change / flat.before + Decimal("0.02"), (
            measure.code
        )
    # Loading again adds nothing.
    count = BusinessFigure.objects.count()
    call_command("load_demo_data", stdout=io.StringIO())
    assert BusinessFigure.objects.count() == count
