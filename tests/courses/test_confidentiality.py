"""Leak probes: a restricted risk review never reaches anyone outside its groups."""

import pytest
from django.test import Client
from django.urls import reverse

from courses.anonymisation import names_found_in
from people.roles import Role
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT])


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def test_page_itself(reviews, trainee, expert):
    restricted = reviews["restricted"].url
    assert Client().get(restricted).status_code == 302  # anonymous: log in first
    assert as_user(trainee.user).get(restricted).status_code == 404
    assert as_user(expert.user).get(restricted).status_code == 200
    assert as_user(trainee.user).get(reviews["confidential"].url).status_code == 200
    assert as_user(UserFactory()).get(reviews["confidential"].url).status_code in (302, 403, 404)


def test_course_listing(reviews, trainee, expert):
    html = as_user(trainee.user).get(reviews["course"].url).content.decode()
    assert "授信案例甲" in html and "關聯交易" not in html
    assert "關聯交易" in as_user(expert.user).get(reviews["course"].url).content.decode()


def test_search(reviews, trainee, expert):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    found = as_user(trainee.user).get(reverse("search"), {"q": "授信案例乙"}).content.decode()
    assert "關聯交易" not in found
    anonymous = Client().get(reverse("search"), {"q": "授信案例乙"})
    assert anonymous.status_code == 302


def test_sitemap(reviews):
    xml = Client().get("/sitemap.xml").content.decode()
    assert "risk-reviews" not in xml and "case-a" not in xml and "case-b" not in xml


def test_api_has_no_page_endpoint(reviews, trainee):
    schema = as_user(trainee.user).get("/api/openapi.json").json()
    assert not any("page" in path for path in schema["paths"])


def test_preview_and_admin_are_closed_to_others(reviews, org):
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    page = reviews["restricted"]
    client = as_user(trainer.user)
    for name in (
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:preview_on_edit",
        "wagtailadmin_pages:history",
    ):
        assert client.get(reverse(name, args=[page.pk])).status_code in (302, 403, 404)


def test_enrolment_and_completion_ids(reviews, trainee):
    client = as_user(trainee.user)
    assert (
        client.post(reverse("courses:complete", args=[reviews["restricted"].pk])).status_code == 404
    )
    assert (
        client.post(reverse("courses:complete", args=[reviews["confidential"].pk])).status_code
        == 302
    )


def test_changing_the_level_changes_who_may_read(reviews, trainee):
    page = reviews["restricted"]
    page.confidentiality = "confidential"
    page.save_revision().publish()
    assert as_user(trainee.user).get(page.url).status_code == 200


def test_anonymisation_check_finds_fact_sheet_names(settings, reviews):
    settings.COURSES_PROTECTED_NAMES = ["某精密製造企業"]
    assert names_found_in(reviews["confidential"]) == ["某精密製造企業"]
    settings.COURSES_PROTECTED_NAMES = ["某精密制造企业"]  # Simplified finds Traditional
    assert names_found_in(reviews["confidential"]) == ["某精密制造企业"]


def test_anonymisation_warning_in_the_admin(settings, reviews, expert, client):
    from wagtail.test.utils.form_data import nested_form_data

    settings.COURSES_PROTECTED_NAMES = ["某精密製造企業"]
    page = reviews["confidential"]
    client.force_login(expert.user)
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "confidentiality": "confidential",
            "application_summary": page.application_summary,
            "decision": "approved",
            "rationale": "ok",
            "mitigants": "",
            "later_status": "defaulted",
            "later_notes": "",
            "customer_manager_view": "a",
            "risk_manager_view": "b",
            "review_date": "2026-10-15",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)
    assert "某精密製造企業" in response.content.decode()
