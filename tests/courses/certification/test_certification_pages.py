"""The pages of certification, role by role, and their query budgets at two
sizes: the trainee's page, a certificate, a manager's people, the home panel
and the training record."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import CertificationProgramme, ProgrammeEnrolment
from people.roles import Role
from tests.factories import PersonFactory

from .conftest import at, certify, complete, sit

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
ROLES = [
    "visitor", "trainee", "other_trainee", "manager", "other_manager", "trainer",
    "other_trainer", "administrator",
]  # fmt: skip


def sign_in(client, request, role):
    if role != "visitor":
        client.force_login(request.getfixturevalue(role).user)


@pytest.fixture
def held(trainee, programme):
    today = timezone.localdate()
    ProgrammeEnrolment.objects.create(programme=programme, person=trainee, enrolled_at=at(today))
    return certify(trainee, programme, issued=today, expires=today + 700 * DAY)


CERTIFICATE_READERS = {"trainee", "manager", "trainer", "administrator"}


@pytest.mark.parametrize("role", ROLES)
def test_a_certificate_page_is_for_its_holder_their_managers_its_trainers_and_administrators(
    role, held, client, request
):
    sign_in(client, request, role)
    response = client.get(reverse("courses:certificate", args=[held.code]))
    if role == "visitor":
        assert response.status_code == 302 and "/accounts/login/" in response.url
    elif role in CERTIFICATE_READERS:
        assert response.status_code == 200
        assert response.context["certificate"].pk == held.pk
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_revoking_is_for_administrators_and_trainers_of_the_programme(role, held, client, request):
    sign_in(client, request, role)
    response = client.post(
        reverse("courses:certificate_revoke", args=[held.code]), {"reason": "測試"}
    )
    held.refresh_from_db()
    if role in ("trainer", "administrator"):
        assert response.status_code == 302 and held.revoked_at is not None
    else:
        assert response.status_code in (302, 403, 404) and held.revoked_at is None
        if response.status_code == 302:
            assert "/accounts/login/" in response.url


@pytest.mark.parametrize("role", ROLES)
def test_my_certification_is_each_person_s_own(role, held, client, request):
    sign_in(client, request, role)
    response = client.get(reverse("courses:my_certification"))
    if role == "visitor":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    codes = {c.code for c in response.context["certificates"]}
    assert codes == ({held.code} if role == "trainee" else set())


@pytest.mark.parametrize("role", ROLES)
def test_the_people_page_is_for_managers_within_their_scope(role, held, client, request):
    sign_in(client, request, role)
    response = client.get(reverse("courses:certification_people"))
    if role == "visitor":
        assert response.status_code == 302
    elif role in ("manager", "other_manager", "administrator"):
        assert response.status_code == 200
        people = {row.person_id for row in response.context["page"]}
        trainee = request.getfixturevalue("trainee")
        assert (trainee.pk in people) == (role != "other_manager")
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_enrolling_is_a_post_by_someone_the_programme_is_open_to(role, programme, client, request):
    sign_in(client, request, role)
    url = reverse("courses:programme_enrol", args=[programme.pk])
    assert client.get(url).status_code in (302, 405)
    response = client.post(url)
    if role == "visitor":
        assert response.status_code == 302 and "/accounts/login/" in response.url
        assert not ProgrammeEnrolment.objects.exists()
    else:
        assert response.status_code == 302
        person = request.getfixturevalue(role)
        assert ProgrammeEnrolment.objects.filter(person=person, programme=programme).exists()


def test_a_closed_programme_takes_nobody(programme, trainee, client):
    programme.active = False
    programme.save()
    client.force_login(trainee.user)
    response = client.post(reverse("courses:programme_enrol", args=[programme.pk]))
    assert response.status_code == 404


def test_the_trainee_sees_progress_per_requirement_and_may_enrol(
    trainee, programme, required_course, exam, client
):
    other = CertificationProgramme.objects.create(name="理財規劃師", code="planner")
    other.required_courses.add(required_course)
    ProgrammeEnrolment.objects.create(
        programme=programme, person=trainee, enrolled_at=at(timezone.localdate())
    )
    complete(trainee, required_course)
    sit(trainee, exam, 0.5)
    client.force_login(trainee.user)
    response = client.get(reverse("courses:my_certification"))
    [progress] = response.context["rows"]
    assert [r.met for r in progress.requirements] == [True, False, False]
    assert [p.pk for p in response.context["open"]] == [other.pk]
    html = response.content.decode()
    assert 'data-met="yes"' in html and 'data-met="no"' in html


def test_expired_shows_as_expired_on_every_page(trainee, programme, manager, client):
    today = timezone.localdate()
    old = certify(trainee, programme, issued=today - 800 * DAY, expires=today - DAY)
    ProgrammeEnrolment.objects.create(programme=programme, person=trainee, enrolled_at=at(today))
    client.force_login(trainee.user)
    for url in (
        reverse("courses:my_certification"),
        reverse("courses:certificate", args=[old.code]),
        reverse("home"),
    ):
        assert 'data-status="expired"' in client.get(url).content.decode(), url
    client.force_login(manager.user)
    for url in (
        reverse("courses:certification_people"),
        reverse("people:record", args=[trainee.pk]),
    ):
        assert 'data-status="expired"' in client.get(url).content.decode(), url


def test_the_record_shows_the_certificates_to_those_who_see_the_person(held, manager, client):
    client.force_login(manager.user)
    html = client.get(reverse("people:record", args=[held.person_id])).content.decode()
    assert f'data-certificate="{held.code}"' in html


# --- query budgets ------------------------------------------------------------------


def many_certificates(person, programme, n):
    today = timezone.localdate()
    previous = None
    for i in range(n):
        previous = certify(
            person, programme, issued=today - (n - i) * 700 * DAY,
            expires=today - (n - i - 1) * 700 * DAY, renews=previous,
        )  # fmt: skip
    return previous


@pytest.mark.parametrize("n", [1, 12])
def test_my_certification_and_a_certificate_have_a_budget(
    n, trainee, programme, client, django_assert_max_num_queries
):
    ProgrammeEnrolment.objects.create(
        programme=programme, person=trainee, enrolled_at=at(timezone.localdate())
    )
    latest = many_certificates(trainee, programme, n)
    for i in range(n):
        CertificationProgramme.objects.create(name=f"計劃{i}", code=f"p{i}")
    client.force_login(trainee.user)
    client.get(reverse("home"))  # warm the process-wide caches (content types, site)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("courses:my_certification"))
    assert response.status_code == 200
    assert len(response.context["certificates"]) == n
    with django_assert_max_num_queries(11):
        response = client.get(reverse("courses:certificate", args=[latest.code]))
    assert response.status_code == 200 and len(response.context["history"]) == n
    with django_assert_max_num_queries(25):
        assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("n", [2, 30])
def test_the_people_page_has_a_budget(
    n, org, manager, programme, exam, required_course, client, django_assert_max_num_queries
):
    today = timezone.localdate()
    for i in range(n):
        person = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
        ProgrammeEnrolment.objects.create(programme=programme, person=person, enrolled_at=at(today))
        complete(person, required_course)
        sit(person, exam, 0.6)
        if i % 2:
            certify(person, programme, issued=today, expires=today + 700 * DAY)
    client.force_login(manager.user)
    client.get(reverse("home"))  # warm the process-wide caches (content types, site)
    with django_assert_max_num_queries(17):
        response = client.get(reverse("courses:certification_people"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == n


def test_certification_concerns_a_person_with_an_open_programme_an_enrolment_or_a_certificate(
    programme, trainee, manager
):
    """The home panel's first question, written out (certification_rows)."""
    from courses.selectors.certification_rows import certification_concerns

    assert programme.active and certification_concerns(trainee)
    CertificationProgramme.objects.update(active=False)  # closed: no one's concern
    assert not certification_concerns(trainee)
    ProgrammeEnrolment.objects.create(
        programme=programme, person=trainee, enrolled_at=timezone.now()
    )
    assert certification_concerns(trainee) and not certification_concerns(manager)
    certify(manager, programme, issued=timezone.localdate())
    assert certification_concerns(manager)
