"""The morning meeting's 一口清 on the team head's phone: the team and the
drill are preselected, one tap marks an answer, an absent person is skipped
with nothing recorded for them, the last mark can be undone, and ending the
drill keeps exactly the marks that stand."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from people.roles import Role
from quizzes.models import Attempt, AttemptMode, AttemptStatus, MorningSession, MorningTurn
from quizzes.selectors.mastery import mastery_of
from tests.factories import PersonFactory, drill_make, question_make

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE_390 = {"width": 390, "height": 844}


def assert_fits_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_390["width"], f"{page.url} scrolls sideways: {width} px wide"


def zh(message: str, **values) -> str:
    """A message as the Traditional Chinese catalogue has it."""
    with translation.override("zh-hant"):
        text = str(translation.gettext(message))
    return text % values if values else text


def label(result: MorningTurn.Result) -> str:
    with translation.override("zh-hant"):
        return str(result.label)


def on_screen(page) -> str:
    """The name of the person the question is for."""
    person = page.locator(".morning-turn .morning-person")
    expect(person).to_be_visible()
    return person.inner_text().strip()


def so_far(page) -> list[list[str]]:
    """The "So far" table: person and result of each question asked."""
    rows = page.locator("table.data tbody tr")
    return [
        [cells.nth(0).inner_text().strip(), cells.nth(2).inner_text().strip()]
        for cells in (row.locator("td") for row in rows.all())
    ]


def mark_button(page, result: MorningTurn.Result):
    """The one-tap button of a result, which says the result."""
    button = page.locator(f".morning-turn button[name=result][value={result.value}]")
    expect(button).to_contain_text(label(result))
    return button


def tap(page, button) -> None:
    with page.expect_navigation():
        button.click()


def test_a_team_head_runs_the_morning_drill_on_a_phone(page, log_in_as, screenshot, org):
    page.set_viewport_size(PHONE_390)
    team = org["pudong_team"]
    head = PersonFactory(unit=team, user__roles=[Role.MANAGER], manages=[team], position="團隊長")
    people = {p.name: p for p in (PersonFactory(unit=team) for _ in range(3))}
    drill = drill_make([question_make(stem=f"晨會一口清第{n}題") for n in range(4)])

    # 1. The team and the only drill are chosen already: one tap starts.
    log_in_as(page, head.user)
    page.goto("/drills/morning/")
    expect(page.get_by_label(zh("Team"))).to_have_value(str(team.pk))
    expect(page.get_by_label(zh("Questions from"))).to_have_value(str(drill.pk))
    assert_fits_phone(page)
    screenshot(page, "start")
    tap(page, page.get_by_role("button", name=zh("Start the morning drill")))
    session = MorningSession.objects.get()
    assert (session.unit_id, session.led_by_id, session.drill_id) == (team.pk, head.pk, drill.pk)

    # 2. The first person answers right.
    first = on_screen(page)
    assert first in people
    expect(page.locator(".morning-turn .stem")).to_contain_text("晨會一口清")
    assert_fits_phone(page)
    screenshot(page, "first-question")
    tap(page, mark_button(page, MorningTurn.Result.CORRECT))
    expect(page.locator(".messages")).to_have_count(0)

    # 3. The next person is absent: skipped, someone else is asked.
    absent = on_screen(page)
    assert absent in people and absent != first
    tap(
        page,
        page.get_by_role("button", name=zh("%(name)s is absent: ask someone else", name=absent)),
    )
    third = on_screen(page)
    assert third not in (first, absent)
    assert so_far(page) == [[first, label(MorningTurn.Result.CORRECT)], [third, "…"]]
    assert not MorningTurn.objects.filter(person=people[absent]).exists()

    # 4. The third is marked wrong, by a mistap: the mark shows, someone is asked next.
    tap(page, mark_button(page, MorningTurn.Result.WRONG))
    expect(page.locator("table.data tbody tr").nth(1).locator("td").nth(2)).to_have_text(
        label(MorningTurn.Result.WRONG)
    )
    assert on_screen(page) != third
    assert mastery_of(people[third]), "the wrong mark moved the memory on"
    screenshot(page, "marked-wrong")

    # 5. Undo: the mark disappears and the third person is back on the screen.
    tap(page, page.get_by_role("button", name=zh("Undo the last mark")))
    assert on_screen(page) == third
    assert so_far(page) == [[first, label(MorningTurn.Result.CORRECT)], [third, "…"]]
    expect(page.get_by_role("button", name=zh("Undo the last mark"))).to_have_count(0)
    undone = MorningTurn.objects.get(session=session, person=people[third])
    assert undone.result == ""
    assert (undone.item.response, undone.item.score, undone.item.answered_at) == (None, None, None)
    assert mastery_of(people[third]) == {}
    assert_fits_phone(page)
    screenshot(page, "undone")

    # 6. End: only the first person's right answer is recorded.
    tap(page, page.get_by_role("button", name=zh("End the morning drill")))
    expect(
        page.get_by_text(zh("This morning drill has ended; each answer is in the person's record."))
    ).to_be_visible()
    expect(page.locator(".morning-turn")).to_have_count(0)
    assert so_far(page) == [[first, label(MorningTurn.Result.CORRECT)]]
    screenshot(page, "ended")

    session.refresh_from_db()
    assert session.ended_at is not None
    recorded = Attempt.objects.filter(mode=AttemptMode.ORAL)
    assert list(recorded.values_list("person__name", "status", "score")) == [
        (first, AttemptStatus.FINISHED, 1.0)
    ]
    item = recorded.get().items.get()
    assert (item.response, item.score) == ({"oral": "correct"}, 1.0)
    assert set(mastery_of(people[first])) == {item.question.topic_id}
    assert mastery_of(people[absent]) == {}
    assert mastery_of(people[third]) == {}
