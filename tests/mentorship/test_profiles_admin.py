"""The admin's Mentoring screens, door by door and role by role: listing,
search, add, edit, inspect, history, usage and delete. A refusal is Wagtail's
(a redirect to the sign-in page or to the dashboard) or 404 for a record out
of the user's scope."""

import pytest
from django.urls import reverse

from mentorship.models import GuidanceAdvice, MentorHonour, MentorProfile
from mentorship.services.pairs import pair_create
from people.roles import Role
from tests.factories import PersonFactory, mentor_make

pytestmark = pytest.mark.django_db

OBJECT_DOORS = ("edit", "inspect", "history", "usage", "delete")


@pytest.fixture
def people(org, manager):
    """A mentor and a mentee in the manager's sub-branch (浦東), the same across
    the river (浦西), and a user per role."""
    near = mentor_make(unit=org["pudong_team"], name="浦東導師")
    far = mentor_make(unit=org["puxi_team"], name="浦西導師")
    near_mentee = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
    far_mentee = PersonFactory(unit=org["puxi_team"], user__roles=[Role.TRAINEE])
    admin = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    return {
        "near": near,
        "far": far,
        "near_pair": pair_create(mentor=near.person, mentee=near_mentee, by_user=admin.user),
        "far_pair": pair_create(mentor=far.person, mentee=far_mentee, by_user=admin.user),
        "advice": GuidanceAdvice.objects.create(guidance_type="lacks_drive", advice="**多鼓勵**"),
        "honour": MentorHonour.objects.create(
            mentor=near.person, year=2026, citation="帶出三名新人"
        ),
        "trainee": PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE]).user,
        "trainer": PersonFactory(unit=org["head"], user__roles=[Role.TRAINER]).user,
        "manager": manager.user,
        "administrator": admin.user,
    }


def url(prefix, door, obj=None):
    name = f"{prefix}:{door}"
    return reverse(name, args=[obj.pk]) if obj is not None else reverse(name)


def opens(client, user, address) -> bool:
    client.force_login(user)
    response = client.get(address)
    if response.status_code == 200:
        return True
    assert response.status_code in (302, 403, 404), (address, response.status_code)
    if response.status_code == 302:
        assert response["Location"].split("?")[0] in ("/admin/", "/admin/login/")
    return False


def test_trainers_and_administrators_keep_the_guidance_advice(client, people):
    advice = people["advice"]
    for role, allowed in (
        ("trainee", False),
        ("manager", False),
        ("trainer", True),
        ("administrator", True),
    ):
        user = people[role]
        assert opens(client, user, url("guidance_advice", "index")) is allowed, role
        assert opens(client, user, url("guidance_advice", "add")) is allowed, role
        for door in OBJECT_DOORS:
            address = url("guidance_advice", door, advice)
            assert opens(client, user, address) is allowed, (role, door)
    client.force_login(people["trainer"])
    response = client.post(
        url("guidance_advice", "edit", advice),
        {"guidance_type": "lacks_drive", "advice": "先肯定，再提要求"},
    )
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.advice == "先肯定，再提要求"
    client.force_login(people["manager"])
    client.post(url("guidance_advice", "edit", advice), {"guidance_type": "x", "advice": "改"})
    advice.refresh_from_db()
    assert advice.advice == "先肯定，再提要求"


def test_mentor_profiles_administrators_keep_managers_read_their_own(client, people):
    near, far = people["near"], people["far"]
    for role in ("trainee", "trainer"):
        assert not opens(client, people[role], url("mentor_profiles", "index")), role
        assert not opens(client, people[role], url("mentor_profiles", "inspect", near)), role

    client.force_login(people["manager"])
    listing = client.get(url("mentor_profiles", "index")).content.decode()
    assert "浦東導師" in listing and "浦西導師" not in listing
    searched = client.get(url("mentor_profiles", "index"), {"q": "導師"}).content.decode()
    assert "浦東導師" in searched and "浦西導師" not in searched
    assert opens(client, people["manager"], url("mentor_profiles", "inspect", near))
    for door in OBJECT_DOORS:  # out of scope: 404 whatever the door
        response = client.get(url("mentor_profiles", door, far))
        assert response.status_code in (302, 404), door
        if response.status_code == 302:
            assert response["Location"] == "/admin/"
    for door in ("edit", "delete"):  # reading is all a manager does here
        assert not opens(client, people["manager"], url("mentor_profiles", door, near)), door
    client.post(url("mentor_profiles", "edit", near), {"capacity": "5", "status": "active"})
    assert MentorProfile.objects.get(pk=near.pk).capacity == 2

    admin = people["administrator"]
    client.force_login(admin)
    listing = client.get(url("mentor_profiles", "index"), {"q": "浦西"}).content.decode()
    assert "浦西導師" in listing and "浦東導師" not in listing
    for door in ("edit", "inspect", "history", "usage"):
        assert opens(client, admin, url("mentor_profiles", door, far)), door
    assert not opens(client, admin, url("mentor_profiles", "delete", far))


def test_pairs_are_read_in_scope_and_changed_only_on_their_own_pages(client, people):
    near, far = people["near_pair"], people["far_pair"]
    for role in ("trainee", "trainer"):
        assert not opens(client, people[role], url("mentor_pairs", "index")), role
    client.force_login(people["manager"])
    listing = client.get(url("mentor_pairs", "index")).content.decode()
    assert "浦東導師" in listing and "浦西導師" not in listing
    searched = client.get(url("mentor_pairs", "index"), {"q": "浦西"}).content.decode()
    assert "浦西導師" not in searched
    assert opens(client, people["manager"], url("mentor_pairs", "inspect", near))
    assert client.get(url("mentor_pairs", "inspect", far)).status_code == 404
    for door in ("history", "usage"):  # Wagtail keeps these for those who may change
        assert not opens(client, people["manager"], url("mentor_pairs", door, near)), door
        assert not opens(client, people["administrator"], url("mentor_pairs", door, far)), door
    admin = people["administrator"]
    for address in (url("mentor_pairs", "index"), url("mentor_pairs", "inspect", far)):
        assert opens(client, admin, address)
    for door in ("add",):
        assert not opens(client, admin, url("mentor_pairs", door))
    for door in ("edit", "delete"):
        assert not opens(client, admin, url("mentor_pairs", door, far)), door


def test_honours_are_read_only_for_trainers_and_administrators(client, people):
    honour = people["honour"]
    for role, allowed in (
        ("trainee", False),
        ("manager", False),
        ("trainer", True),
        ("administrator", True),
    ):
        user = people[role]
        assert opens(client, user, url("mentor_honours", "index")) is allowed, role
        assert opens(client, user, url("mentor_honours", "inspect", honour)) is allowed, role
        for door in ("history", "usage"):  # Wagtail keeps these for those who may change
            assert not opens(client, user, url("mentor_honours", door, honour)), (role, door)
        for door in ("edit", "delete"):
            assert not opens(client, user, url("mentor_honours", door, honour)), (role, door)
        assert not opens(client, user, url("mentor_honours", "add")), role


def test_the_mentoring_menu_shows_only_what_the_role_may_open(client, people):
    client.force_login(people["trainer"])
    page = client.get("/admin/").content.decode()
    assert "/admin/guidance_advice/" in page and "/admin/mentor_honours/" in page
    assert "/admin/mentor_profiles/" not in page
    client.force_login(people["manager"])
    page = client.get("/admin/").content.decode()
    assert "/admin/mentor_profiles/" in page and "/admin/guidance_advice/" not in page
    client.force_login(people["administrator"])
    page = client.get("/admin/").content.decode()
    assert "/admin/mentor_profiles/" in page and "/admin/mentor_pairs/" in page
