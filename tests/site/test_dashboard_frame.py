"""The frame's hook for the dashboard: any app's section is composed on the
page in order, with its download links, and only the section asked for is
built for a download; a section's functions run only when needed."""

import copy
import csv
import io

import pytest
from django.urls import reverse
from wagtail import hooks

from frame import DashboardSection, DashboardTable

from .dashboard_fixtures import *  # noqa: F403 (the fixture world)

pytestmark = pytest.mark.django_db


def make_sections(calls):
    def sections(user, scope):
        def context():
            calls.append("context")
            return {"names": [p.name for p in scope.page_people]}

        def tables():
            calls.append("tables")
            rows = [[name] for name in scope.people.values_list("name", flat=True)]
            return [DashboardTable("names", "Names", ["Name"], rows)]

        return [
            DashboardSection(
                key="zz-test",
                title="A test section",
                template="dashboard/test_section.html",
                context=context,
                tables=tables,
                exports=(("names", "Names"),),
                order=1,
            )
        ]

    return sections


@pytest.fixture
def section_template(settings, tmp_path):
    (tmp_path / "dashboard").mkdir()
    (tmp_path / "dashboard" / "test_section.html").write_text(
        '<p id="test-section">{{ data.names|join:"," }}</p>'
    )
    templates = copy.deepcopy(settings.TEMPLATES)  # assigned whole, so the engines reload
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates


def test_a_section_is_composed_first_with_its_downloads(client, world, section_template):
    calls = []
    client.force_login(world["team_head"].user)
    unit = world["pudong_team"].pk
    with hooks.register_temporarily("lianbing_dashboard_sections", make_sections(calls)):
        html = client.get(reverse("dashboard:home"), {"unit": unit}).content.decode()
        assert calls == ["context"], "the page builds no table for download"
        assert html.index('id="section-zz-test"') < html.index('id="section-assignments"')
        assert world["trainee"].name in html[html.index('id="test-section"') :]
        assert f'href="/dashboard/zz-test/names.csv?unit={unit}"' in html
        assert f'href="/dashboard/zz-test/names.xlsx?unit={unit}"' in html
        calls.clear()
        response = client.get(reverse("dashboard:export_csv", args=["zz-test", "names"]))
        assert calls == ["tables"], "a download builds no page context"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Name"]
    assert {world["trainee"].name, world["colleague"].name} <= {row[0] for row in rows[1:]}
    assert world["puxi_person"].name not in {row[0] for row in rows[1:]}
    assert response["Content-Disposition"].startswith('attachment; filename="dashboard-zz-test-')
