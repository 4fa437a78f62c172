"""The admin's own words stay Wagtail's: our question "Type" carries a context,
so it no longer replaces the heading of Wagtail's page-type column."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from people.roles import Role
from quizzes.models import Question
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def column_headers(html: str) -> list[str]:
    import re

    return [
        re.sub(r"<[^>]+>|\s+", "", header)
        for header in re.findall(r"<th[^>]*>(.*?)</th>", html, flags=re.S)
    ]


def test_the_page_explorers_type_column_reads_wagtails_own_word(client, org):
    admin = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    admin.user.is_superuser = True
    admin.user.save()
    client.force_login(admin.user)
    root = Site.objects.get(is_default_site=True).root_page
    response = client.get(
        reverse("wagtailadmin_explore", args=[root.get_parent().pk]), HTTP_ACCEPT_LANGUAGE="zh-hant"
    )
    assert response.status_code == 200
    headers = column_headers(response.content.decode())
    assert "類型" in headers, " | ".join(headers)
    assert "題型" not in headers


def test_our_question_type_labels_still_read_題型():
    with translation.override("zh-hant"):
        assert str(Question._meta.get_field("qtype").verbose_name) == "題型"
        html = render_to_string("quizzes/admin/analysis_table.html", {"analyses": []})
        assert "題型" in column_headers(html)
    with translation.override("zh-hans"):
        html = render_to_string("quizzes/admin/analysis_table.html", {"analyses": []})
        assert "题型" in column_headers(html)
