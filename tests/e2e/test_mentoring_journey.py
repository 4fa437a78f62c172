"""傳幫帶 on a phone, from the suggestion to an active pair: the manager asks
for suggestions and accepts one, the mentee writes a goal into the agreement and
agrees, the mentor agrees, and the pair is active with the mentee's training in
the mentor's view."""

import pytest
from playwright.sync_api import expect

from mentorship.models import MenteeNeed, Pair, PairStatus
from people.roles import Role
from tests.factories import PersonFactory, TopicFactory, mentor_make

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def people(org, manager):
    topic = TopicFactory(name="存款產品", code="deposits")
    mentor = mentor_make(unit=org["pudong_team"], name="資深乙", strengths=[topic]).person
    mentee = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE], name="新人甲")
    need = MenteeNeed.objects.create(person=mentee, seeking=True)
    need.focus_topics.set([topic])
    return {"manager": manager, "mentor": mentor, "mentee": mentee, "topic": topic}


def as_user(page, log_in_as, person):
    page.context.clear_cookies()
    log_in_as(page, person.user)
    return page


def test_from_suggestion_to_an_active_pair(page, log_in_as, people, screenshot):
    page.set_viewport_size(PHONE)
    as_user(page, log_in_as, people["manager"])
    page.goto("/mentoring/suggestions/")
    page.locator("form[action$='/suggestions/run/'] button[type=submit]").click()
    suggestion = page.locator("form[action*='/accept/'] button[type=submit]")
    expect(suggestion).to_have_count(1)
    expect(page.locator("main")).to_contain_text("資深乙")
    expect(page.locator("main")).to_contain_text("存款產品")  # the reason names the topic
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "suggestions")
    suggestion.click()
    page.wait_for_load_state()
    pair = Pair.objects.get(mentee=people["mentee"])
    assert pair.status == PairStatus.PROPOSED and pair.mentor == people["mentor"]

    as_user(page, log_in_as, people["mentee"])
    page.goto("/mentoring/")
    page.locator(f"a[href='/mentoring/pairs/{pair.pk}/']").click()
    page.locator("details:has(form[action$='/agreement/']) > summary").click()
    page.locator("select[name='goals-0-topic']").select_option(str(people["topic"].pk))
    page.locator("input[name='goals-0-due_on']").fill("2027-03-31")
    page.locator("form[action$='/agreement/'] button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("form[action$='/acknowledge/'] button[type=submit]").click()
    page.wait_for_load_state()
    screenshot(page, "mentee agreed")

    as_user(page, log_in_as, people["mentor"])
    page.goto(f"/mentoring/pairs/{pair.pk}/")
    page.locator("form[action$='/acknowledge/'] button[type=submit]").click()
    page.wait_for_load_state()
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE
    expect(page.locator("form[action$='/observations/']")).to_have_count(1)
    expect(page.locator(f"a[href='/people/{people['mentee'].pk}/record/']")).to_have_count(1)
    screenshot(page, "active for the mentor")
