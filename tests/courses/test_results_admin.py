"""Admin > Business measures: administrators only, at every door of the
viewset (listing, search, add, edit, delete, history, usage); a duplicate code
is a located error; a measure with figures is not deleted."""

from datetime import date
from urllib.parse import urlsplit

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from courses.admin_results import business_measure_viewset
from courses.models import BusinessFigure, BusinessMeasure
from people.roles import Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("business_measures:index")


@pytest.fixture
def deposits(db):
    return BusinessMeasure.objects.create(name="存款", code="deposits", unit_label="萬元")


def doors(measure):
    """Every view of the viewset, those with an id for `measure`, listings with a search."""
    urls = []
    for pattern in business_measure_viewset.get_urlpatterns():
        name = f"business_measures:{pattern.name}"
        if "pk" in pattern.pattern.regex.groupindex:
            urls.append(reverse(name, kwargs={"pk": measure.pk}))
        else:
            urls.append(reverse(name))
            if pattern.name in {"index", "index_results"}:
                urls.append(reverse(name) + "?q=存款")
    return urls


def test_the_viewset_has_the_doors_we_test(deposits):
    names = {p.name for p in business_measure_viewset.get_urlpatterns()}
    assert {"index", "add", "edit", "delete", "history"} <= names


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.TRAINER, Role.RISK_EXPERT, Role.MANAGER])
def test_no_door_opens_to_anyone_but_administrators(client, org, role, deposits):
    person = PersonFactory(unit=org["head"], user__roles=[role], manages=[org["head"]])
    client.force_login(person.user)
    for url in doors(deposits):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            target = urlsplit(response["Location"]).path
            assert target in (reverse("wagtailadmin_home"), reverse("wagtailadmin_login")), url
    response = client.post(reverse("business_measures:edit", args=[deposits.pk]), {"name": "改"})
    assert response.status_code in (302, 403)
    assert client.post(reverse("business_measures:delete", args=[deposits.pk])).status_code in (
        302,
        403,
    )
    deposits.refresh_from_db()
    assert deposits.name == "存款"


def test_administrators_open_every_door(client, org, deposits):
    admin = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(admin.user)
    for url in doors(deposits):
        assert client.get(url).status_code == 200, url
    html = client.get(INDEX + "?q=存款").content.decode()
    assert "deposits" in html


def test_adding_and_a_duplicate_code(client, org, deposits):
    admin = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(admin.user)
    form = {
        "name": "新增客戶",
        "code": "new_customers",
        "unit_label": "戶",
        "higher_is_better": "on",
        "is_active": "on",
    }
    assert client.post(reverse("business_measures:add"), form).status_code == 302
    assert BusinessMeasure.objects.get(code="new_customers").unit_label == "戶"
    response = client.post(reverse("business_measures:add"), {**form, "name": "重複"})
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert not BusinessMeasure.objects.filter(name="重複").exists()


def test_a_measure_with_figures_is_not_deleted(client, org, trainee, deposits):
    admin = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    BusinessFigure.objects.create(
        person=trainee, measure=deposits, month=date(2026, 1, 1), value=5, entered_at=timezone.now()
    )
    client.force_login(admin.user)
    url = reverse("business_measures:delete", args=[deposits.pk])
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == INDEX
    assert BusinessMeasure.objects.filter(pk=deposits.pk).exists()
    assert any("1" in str(m) for m in get_messages(response.wsgi_request))
    assert client.get(url).status_code == 302, "the confirmation is refused too"
    unused = BusinessMeasure.objects.create(name="客戶拜訪", code="visits")
    assert client.post(reverse("business_measures:delete", args=[unused.pk])).status_code == 302
    assert not BusinessMeasure.objects.filter(pk=unused.pk).exists()
