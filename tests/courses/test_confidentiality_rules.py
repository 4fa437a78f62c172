"""Confidentiality at its edges (courses.confidentiality): who among a list of
people may read a page, what a login restriction means, superusers, restrictions
kept in step with a review's level, and what is read once per request.

Written against the mutants `make mutation` found alive in courses/confidentiality.py."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import PageViewRestriction

from courses.confidentiality import pages_visible_to, readers_among, view_restriction_sync
from courses.levels import roles_for_level, user_may_read_review
from courses.page_tree_cache import restrictions_now
from people.models import Person
from people.roles import Role
from tests.courses.conftest import lesson
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def members_only(course):
    """A lesson open to anyone signed in, its restriction made before the reviews'."""
    page = lesson(course, 9)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def people(org):
    make = lambda role: PersonFactory(unit=org["pudong_team"], user__roles=[role])  # noqa: E731
    superuser = PersonFactory(unit=org["head"])
    superuser.user.is_superuser = True
    superuser.user.save()
    return {
        "trainee": make(Role.TRAINEE),
        "expert": make(Role.RISK_EXPERT),
        "manager": make(Role.MANAGER),
        "trainer": make(Role.TRAINER),
        "superuser": superuser,
        "no_groups": PersonFactory(unit=org["pudong_team"]),
    }


def _ids(people, *names):
    return {people[name].pk for name in names}


def test_readers_of_a_restricted_review(members_only, reviews, people):
    readers = readers_among(reviews["restricted"], people.values())
    assert readers == _ids(people, "expert", "manager", "superuser")


def test_readers_of_a_confidential_review(members_only, reviews, people):
    readers = readers_among(reviews["confidential"], people.values())
    assert readers == _ids(people, "trainee", "expert", "manager", "trainer", "superuser")


def test_readers_of_pages_without_group_restrictions(members_only, course, reviews, people):
    everyone_signed_in = _ids(
        people, "trainee", "expert", "manager", "trainer", "superuser", "no_groups"
    )
    assert readers_among(course.get_children().first(), people.values()) == everyone_signed_in
    assert readers_among(members_only, people.values()) == everyone_signed_in
    assert readers_among(reviews["restricted"], []) == set()
    # A person without a login of their own (not saved, as a caller may pass) reads nothing.
    no_login = Person(pk=999_999, name="無帳號", unit=people["trainee"].unit)
    assert readers_among(reviews["restricted"], [no_login]) == set()
    assert readers_among(course.get_children().first(), [no_login]) == set()


def test_readers_among_takes_two_queries_however_many_people(
    reviews, people, org, django_assert_num_queries
):
    # The tree's restrictions once per generation (restrictions, their groups,
    # whether there are aliases), then the people's memberships and which of
    # them are superusers.
    page = reviews["restricted"]
    with django_assert_num_queries(5):
        few = readers_among(page, list(people.values()))
    with django_assert_num_queries(2):
        assert readers_among(page, list(people.values())) == few
    more = [PersonFactory(unit=org["pudong_team"], user__roles=[Role.MANAGER]) for _ in range(8)]
    restrictions_now()
    with django_assert_num_queries(2):
        many = readers_among(page, list(people.values()) + more)
    assert many == few | {p.pk for p in more}


def test_who_may_read_a_review_by_its_level(reviews, people):
    restricted, confidential = reviews["restricted"], reviews["confidential"]
    assert user_may_read_review(AnonymousUser(), confidential) is False
    assert user_may_read_review(people["superuser"].user, restricted) is True
    assert user_may_read_review(people["trainee"].user, restricted) is False
    assert user_may_read_review(people["trainee"].user, confidential) is True
    assert user_may_read_review(people["expert"].user, restricted) is True
    assert user_may_read_review(people["no_groups"].user, confidential) is False


def test_a_level_sync_leaves_one_group_restriction(reviews):
    page = reviews["confidential"]
    other = reviews["restricted"]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    restriction = view_restriction_sync(page=page, level="restricted")
    assert list(PageViewRestriction.objects.filter(page=page)) == [restriction]
    assert PageViewRestriction.objects.filter(page=other).count() == 1
    names = set(restriction.groups.values_list("name", flat=True))
    again = view_restriction_sync(page=page, level="confidential")
    assert again.pk == restriction.pk
    assert set(again.groups.values_list("name", flat=True)) > names


def test_a_login_restriction_before_a_group_one_does_not_end_the_check(
    members_only, reviews, people
):
    visible = set(pages_visible_to(people["trainee"].user).values_list("pk", flat=True))
    assert members_only.pk in visible
    assert reviews["confidential"].pk in visible
    assert reviews["restricted"].pk not in visible
    anonymous = set(pages_visible_to(AnonymousUser()).values_list("pk", flat=True))
    assert members_only.pk not in anonymous and reviews["confidential"].pk not in anonymous


def test_hidden_subtrees_are_read_once_per_generation(
    members_only, reviews, people, django_assert_num_queries
):
    user = people["trainee"].user
    # The reader's groups, the tree's restrictions (with their pages), their
    # groups, whether there are aliases, the pages.
    with django_assert_num_queries(5):
        first = set(pages_visible_to(user).values_list("pk", flat=True))
    with django_assert_num_queries(1):  # the pages themselves
        assert set(pages_visible_to(user).values_list("pk", flat=True)) == first
    assert reviews["restricted"].pk not in first


def test_a_person_with_no_groups_passes_no_group_restriction(reviews):
    user = UserFactory()
    visible = set(pages_visible_to(user).values_list("pk", flat=True))
    assert reviews["confidential"].pk not in visible


def test_an_unknown_level_is_as_closed_as_restricted(reviews, people):
    assert roles_for_level("secret") == roles_for_level("restricted")
    odd = reviews["confidential"]
    odd.confidentiality = "secret"
    assert user_may_read_review(people["trainee"].user, odd) is False
    assert user_may_read_review(people["expert"].user, odd) is True


def test_a_sync_turns_a_login_restriction_into_the_level_groups(reviews):
    page = reviews["confidential"]
    PageViewRestriction.objects.filter(page=page).delete()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    restriction = view_restriction_sync(page=page, level="restricted")
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert list(PageViewRestriction.objects.filter(page=page)) == [restriction]


def _group_names(page):
    restriction = PageViewRestriction.objects.get(page=page)
    return set(restriction.groups.values_list("name", flat=True))


def test_saving_the_level_syncs_the_restriction_and_a_draft_save_does_not(reviews):
    page = reviews["confidential"]
    confidential = _group_names(page)
    page.confidentiality = "restricted"
    page.save(update_fields=["title"])  # bookkeeping of a draft: the live level stays
    assert _group_names(page) == confidential
    page.save(update_fields=["confidentiality"])
    restricted = _group_names(page)
    assert restricted < confidential
    page.confidentiality = "confidential"
    page.save()
    assert _group_names(page) == confidential


def test_a_group_restriction_below_a_login_restriction_still_counts(members_only, people):
    from django.contrib.auth.models import Group

    from courses.models import LessonPage
    from people.roles import GROUP_NAMES

    below = members_only.add_child(instance=LessonPage(title="講師專用", slug="trainers-only"))
    restriction = PageViewRestriction.objects.create(
        page=below, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=GROUP_NAMES[Role.TRAINER])])
    assert readers_among(below, people.values()) == _ids(people, "trainer", "superuser")
