"""The roster template and the upload page that offers it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from people import demo
from people.roster import roster_preview

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_admin(client):
    demo.build(log=lambda *args: None)
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def test_the_templates_example_row_previews_cleanly_against_the_demo(demo_admin):
    response = demo_admin.get(reverse("people_roster:template"))
    assert response.status_code == 200
    roster_import = roster_preview(file_name="roster-template.csv", data=response.content)
    assert roster_import.errors == []
    assert roster_import.summary["creates"] == 1


def test_the_upload_page_lists_english_and_chinese_headers(demo_admin):
    response = demo_admin.get(reverse("people_roster:upload"))
    assert response.status_code == 200
    page = response.content.decode()
    for header in ("employee_id", "員工編號", "员工编号", "hire_date", "入職日期", "入职日期"):
        assert f"<code>{header}</code>" in page
