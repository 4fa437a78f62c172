"""The mentoring pages on a phone, checked by axe-core like the other pages
(tests/e2e/test_accessibility.py): the hub of a mentor with a pair, the
profile form with its errors, a nomination to answer, and a manager's people,
nomination and mentee-needs pages."""

import pytest
from playwright.sync_api import expect

from mentorship.services.pairs import pair_create
from mentorship.services.profiles import mentor_nominate
from people.roles import Role
from tests.e2e.test_accessibility import axe, open_as  # noqa: F401  (fixtures)
from tests.factories import PersonFactory, TopicFactory, mentor_make
from tests.mentorship.profile_helpers import measured

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_mentoring_pages_on_a_phone(open_as, axe, org, manager):  # noqa: F811
    topics = [TopicFactory(name=name, code=code) for code, name in (("r", "利率"), ("l", "貸款"))]
    mentor = mentor_make(unit=org["pudong_team"], strengths=topics, name="資深乙").person
    measured(mentor, topics[0], strong=True)
    measured(mentor, topics[1], strong=False)
    mentee = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE], name="新人甲")
    pair_create(mentor=mentor, mentee=mentee, by_user=manager.user)
    nominee = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE], name="提名丙")
    mentor_nominate(person=nominee, by_user=manager.user)

    page = open_as(mentor.user)
    axe.visit(page, "/mentoring/", "a mentor's hub")
    axe.visit(page, "/mentoring/profile/", "the mentor profile form")
    page.locator("input[name=capacity]").fill("0")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    axe.check(page, "the mentor profile form with an error")

    page = open_as(nominee.user)
    axe.visit(page, "/mentoring/", "a nominee's hub")
    axe.visit(page, "/mentoring/nomination/", "a nomination to answer")

    page = open_as(manager.user)
    axe.visit(page, "/mentoring/", "a manager's hub")
    axe.visit(page, "/mentoring/people/", "a manager's people")
    axe.visit(page, f"/mentoring/people/{mentee.pk}/needs/", "a mentee's needs")
    axe.visit(page, f"/mentoring/people/{mentee.pk}/nominate/", "a nomination")
    axe.assert_clean()
