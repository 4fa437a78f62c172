"""Admin > Certification programmes: trainers define programmes and see, edit,
delete and export only their own at every door of the viewset (listing,
search, export, edit, delete, history, usage); administrators all of them;
no other role. The creator becomes a trainer of the programme."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import CertificationProgramme
from courses.wagtail_hooks.certification import programme_viewset
from people.roles import Role
from tests.factories import PersonFactory

from .conftest import certify

pytestmark = pytest.mark.django_db
NS = "certification_programmes"


def doors(programme):
    urls = []
    for pattern in programme_viewset.get_urlpatterns():
        name = f"{NS}:{pattern.name}"
        if "pk" in pattern.pattern.regex.groupindex:
            urls.append(reverse(name, kwargs={"pk": programme.pk}))
        else:
            urls.append(reverse(name))
            if pattern.name in {"index", "index_results"}:
                urls.append(reverse(name) + "?q=反洗錢")
                urls.append(reverse(name) + "?export=csv")
    return urls


def id_doors(programme):
    return [u for u in doors(programme) if f"/{programme.pk}/" in u]


def test_the_viewset_has_the_doors_we_test(programme):
    names = {p.name for p in programme_viewset.get_urlpatterns()}
    assert {"index", "add", "edit", "delete", "history", "usage"} <= names


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.RISK_EXPERT, Role.MANAGER])
def test_no_door_opens_to_other_roles(client, org, role, programme):
    person = PersonFactory(unit=org["head"], user__roles=[role], manages=[org["head"]])
    client.force_login(person.user)
    for url in doors(programme):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            target = urlsplit(response["Location"]).path
            assert target in (reverse("wagtailadmin_home"), reverse("wagtailadmin_login")), url


@pytest.mark.parametrize("who", ["trainer", "administrator"])
def test_every_door_opens_to_the_programme_s_trainer_and_administrators(
    who, programme, client, request
):
    client.force_login(request.getfixturevalue(who).user)
    for url in doors(programme):
        assert client.get(url).status_code == 200, url
    listing = client.get(reverse(f"{NS}:index")).content.decode()
    assert "反洗錢資格認證" in listing
    export = client.get(reverse(f"{NS}:index") + "?export=csv")
    assert "反洗錢資格認證" in b"".join(export.streaming_content).decode()


def test_another_trainer_finds_no_door_to_the_programme(programme, other_trainer, client):
    client.force_login(other_trainer.user)
    for url in id_doors(programme):
        assert client.get(url).status_code == 404, url
    assert "反洗錢資格認證" not in client.get(reverse(f"{NS}:index")).content.decode()
    export = client.get(reverse(f"{NS}:index") + "?export=csv")
    assert export.status_code == 200
    assert "反洗錢資格認證" not in b"".join(export.streaming_content).decode()
    response = client.post(reverse(f"{NS}:edit", args=[programme.pk]), {"name": "改名"})
    assert response.status_code == 404
    assert client.post(reverse(f"{NS}:delete", args=[programme.pk])).status_code == 404
    programme.refresh_from_db()
    assert programme.name == "反洗錢資格認證"


def form_data(**changes):
    data = {
        "name": "信貸資格認證", "code": "credit", "description": "", "active": "on",
        "pass_mark": "80", "ce_hours_required": "0", "validity_months": "24",
        "renewal_ce_hours": "6", "renewal_window_days": "90", "template": "classic",
        "signatory_name": "", "signatory_title": "",
    }  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_creator_becomes_a_trainer_of_the_programme(other_trainer, required_course, client):
    client.force_login(other_trainer.user)
    response = client.post(reverse(f"{NS}:add"), form_data(required_courses=[required_course.pk]))
    assert response.status_code == 302, response.context["form"].errors
    programme = CertificationProgramme.objects.get(code="credit")
    assert list(programme.trainers.all()) == [other_trainer.user]
    assert client.get(reverse(f"{NS}:edit", args=[programme.pk])).status_code == 200


def test_a_programme_without_requirements_or_renewal_is_a_located_error(administrator, client):
    client.force_login(administrator.user)
    response = client.post(reverse(f"{NS}:add"), form_data(renewal_ce_hours="0"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "required_courses" in errors and "renewal_exam" in errors
    assert not CertificationProgramme.objects.filter(code="credit").exists()


def test_who_may_enrol_is_chosen_among_the_roles(administrator, required_course, client):
    client.force_login(administrator.user)
    data = form_data(required_courses=[required_course.pk], eligible_roles=["trainee", "manager"])
    assert client.post(reverse(f"{NS}:add"), data).status_code == 302
    assert CertificationProgramme.objects.get(code="credit").eligible_roles == [
        "trainee",
        "manager",
    ]


def test_a_programme_with_certificates_is_not_deleted(programme, trainee, administrator, client):
    certify(trainee, programme, issued=timezone.localdate())
    client.force_login(administrator.user)
    response = client.post(reverse(f"{NS}:delete", args=[programme.pk]))
    assert response.status_code == 302
    assert CertificationProgramme.objects.filter(pk=programme.pk).exists()


def test_only_trainers_are_offered_as_trainers(administrator, trainer, trainee, client):
    client.force_login(administrator.user)
    field = client.get(reverse(f"{NS}:add")).context["form"].fields["trainers"]
    assert set(field.queryset) == {trainer.user}


@pytest.mark.parametrize("n", [1, 15])
def test_the_programme_listing_has_a_budget(
    n, trainer, administrator, client, django_assert_max_num_queries
):
    for i in range(n):
        programme = CertificationProgramme.objects.create(name=f"認證{i}", code=f"c{i}")
        programme.trainers.add(trainer.user)
    for person in (trainer, administrator):
        client.force_login(person.user)
        with django_assert_max_num_queries(30):
            response = client.get(reverse(f"{NS}:index"))
        assert response.status_code == 200
        assert len(response.context["object_list"]) == n
