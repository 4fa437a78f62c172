"""Each level's figure on hand-made data, against a direct computation, with
the comparison group (who is in, who is not) and the too-few warning."""

from datetime import date

import pytest

from courses.models import BusinessFigure
from courses.selectors.effectiveness import comparison_people, course_effectiveness
from courses.selectors.effectiveness_data import course_data
from people.roles import Role
from tests.courses.effectiveness_builders import (
    complete,
    enrol,
    figure,
    learn,
    measure,
    observe,
    person,
    react,
    snapshot,
)
from tests.factories import PersonFactory, TopicFactory

TODAY = date(2026, 12, 6)
SEPT, OCT = date(2026, 9, 1), date(2026, 10, 1)
AUG, NOV = date(2026, 8, 1), date(2026, 11, 1)


@pytest.fixture
def world(org, course, manager):
    t1, t2 = TopicFactory(name="利率"), TopicFactory(name="理財")
    course.topics.set([t1, t2])
    course.followup_days = "30"
    course.save()
    team, other_team = org["pudong_team"], org["puxi_team"]
    w = {"course": course, "t1": t1, "t2": t2, "manager": manager}
    w["trainer"] = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    # The September cohort (in the manager's scope) and the October one (not).
    w["a"], w["b"] = person(team), person(team)
    w["c"] = person(other_team)
    for p in (w["a"], w["b"]):
        complete(course, p, date(2026, 9, 10))
    complete(course, w["c"], date(2026, 10, 5))
    # Candidates for the comparison group.
    w["d"] = person(team)  # same grade and roles: in
    w["g"] = person(team)  # enrolled, not completed: in
    enrol(course, w["g"], date(2026, 9, 1))
    w["e"] = person(team, grade="senior")  # another grade: out
    w["f"] = person(team, roles=(Role.TRAINEE, Role.MANAGER))  # other roles: out
    w["h"] = person(other_team)  # the manager's scope: out; a trainer's: in
    w["late"] = person(team, hire_date=date(2026, 9, 15))  # hired after the period began: out
    return w


@pytest.fixture
def figures(world):
    course, a, b = world["course"], world["a"], world["b"]
    t1, t2 = world["t1"], world["t2"]
    react(course, a, 5)
    react(course, b, 3)
    learn(course, a, date(2026, 9, 10), before=0.4, completion=0.8, d30=0.7)
    learn(course, b, date(2026, 9, 10), before=0.5, completion=0.9, d30=0.6)
    observe(course, a, date(2026, 9, 10), 30, True)
    observe(course, b, date(2026, 9, 10), 30, False)
    deposits = measure()
    for who, before, after in ((a, 100, 150), (b, 200, 220), (world["d"], 100, 110)):
        figure(who, deposits, AUG, before)
        figure(who, deposits, NOV, after)
    figure(world["g"], deposits, AUG, 50)
    figure(world["g"], deposits, NOV, 45)
    figure(world["e"], deposits, AUG, 0)
    figure(world["e"], deposits, NOV, 1000)
    # Comparison snapshots near the days compared: before (08-31) and the
    # 30-day checkpoint (10-30); the latest within 3 days up to each counts.
    d, g = world["d"], world["g"]
    snapshot(d, t1, date(2026, 8, 31), 0.5)
    snapshot(d, t2, date(2026, 8, 30), 0.3)
    snapshot(d, t1, date(2026, 10, 30), 0.6)
    snapshot(d, t2, date(2026, 10, 28), 0.4)
    snapshot(g, t1, date(2026, 8, 15), 0.9)  # too old to count
    snapshot(g, t1, date(2026, 8, 29), 0.2)
    snapshot(g, t1, date(2026, 10, 30), 0.4)
    for who in (world["e"], world["f"], world["h"], world["late"]):
        snapshot(who, t1, date(2026, 8, 31), 0.1)
        snapshot(who, t1, date(2026, 10, 30), 0.9)
    # Decay of the completers, completion (09-10) to the checkpoint (10-10).
    for who, values in (
        (a, {t1: (0.9, 0.6), t2: (0.8, 0.75)}),
        (b, {t1: (0.8, 0.5), t2: (0.9, 0.9)}),
    ):
        for topic, (start, end) in values.items():
            snapshot(who, topic, date(2026, 9, 10), start)
            snapshot(who, topic, date(2026, 10, 10), end)
    return world


def sept(report):
    return next(c for c in report.cohorts if c.month == SEPT)


def test_cohorts_are_months_of_completion(figures):
    report = course_effectiveness(figures["trainer"].user, figures["course"], today=TODAY)
    assert [(c.month, c.completers) for c in report.cohorts] == [(SEPT, 2), (OCT, 1)]


def test_reaction_is_the_mean_rating_and_its_answers(figures):
    cohort = sept(course_effectiveness(figures["trainer"].user, figures["course"], today=TODAY))
    assert cohort.reaction.value == pytest.approx((5 + 3) / 2)
    assert cohort.reaction.people == 2


def test_learning_before_completion_checkpoint_and_comparison(figures):
    cohort = sept(course_effectiveness(figures["trainer"].user, figures["course"], today=TODAY))
    rows = {row.point: row for row in cohort.learning}
    assert [row.point for row in cohort.learning] == [-1, 0, 30, "now"]
    assert rows[-1].mastery.value == pytest.approx((0.4 + 0.5) / 2)
    assert rows[0].mastery.value == pytest.approx((0.8 + 0.9) / 2)
    assert rows[30].mastery.value == pytest.approx((0.7 + 0.6) / 2)
    assert rows[30].change.value == pytest.approx(((0.7 - 0.4) + (0.6 - 0.5)) / 2)
    assert rows[30].change.people == 2
    # The comparison dates: the day before the cohort's month, its end + 30 days.
    assert rows[-1].on == date(2026, 8, 31) and rows[30].on == date(2026, 10, 30)
    # d: (0.5+0.3)/2 -> (0.6+0.4)/2; g: 0.2 -> 0.4 (t1 only). h is in a trainer's group.
    d_change, g_change, h_change = 0.5 - 0.4, 0.4 - 0.2, 0.9 - 0.1
    assert rows[30].comparison_change.value == pytest.approx((d_change + g_change + h_change) / 3)
    assert rows[30].comparison_change.people == 3


def test_behaviour_is_the_share_of_observations_that_saw_a_change(figures):
    cohort = sept(course_effectiveness(figures["trainer"].user, figures["course"], today=TODAY))
    at_30, overall = cohort.behaviour
    assert (at_30.checkpoint, at_30.changed.value, at_30.changed.people) == (30, 0.5, 2)
    assert overall.checkpoint is None and overall.changed.people == 2


def test_results_change_from_the_month_before_to_the_latest_month_after(figures):
    cohort = sept(course_effectiveness(figures["trainer"].user, figures["course"], today=TODAY))
    (row,) = cohort.results
    assert (row.before_month, row.after_month) == (AUG, NOV)
    assert row.change.value == pytest.approx(((150 - 100) + (220 - 200)) / 2)
    assert row.change.people == 2
    # d +10, g -5; e (another grade) is left out.
    assert row.comparison_change.value == pytest.approx((10 - 5) / 2)
    assert row.comparison_change.people == 2


def test_the_comparison_group_for_a_trainer_and_for_a_manager(figures):
    course, w = figures["course"], figures
    for user, expected in (
        (w["trainer"].user, {w["d"].pk, w["g"].pk, w["h"].pk}),
        (w["manager"].user, {w["d"].pk, w["g"].pk}),
    ):
        data = course_data(user, course, today=TODAY)
        group = set(comparison_people(data, data.cohorts[SEPT], date(2026, 8, 31)))
        assert group == expected
        assert not group & {w["a"].pk, w["b"].pk, w["c"].pk, w["e"].pk, w["f"].pk}


def test_a_manager_sees_only_the_cohorts_of_their_people(figures):
    report = course_effectiveness(figures["manager"].user, figures["course"], today=TODAY)
    assert [c.month for c in report.cohorts] == [SEPT]


def test_too_few_is_flagged_under_the_setting(figures, settings):
    report = course_effectiveness(figures["trainer"].user, figures["course"], today=TODAY)
    assert sept(report).reaction.too_few  # 2 answers under the default of 5
    settings.COURSES_EFFECTIVENESS_MIN_PEOPLE = 2
    report = course_effectiveness(figures["trainer"].user, figures["course"], today=TODAY)
    assert not sept(report).reaction.too_few
    october = report.cohorts[1]
    assert october.completers == 1 and october.reaction.people == 0 and october.reaction.too_few


def test_decay_ranks_the_topic_forgotten_fastest_first(figures):
    report = course_effectiveness(figures["trainer"].user, figures["course"], today=TODAY)
    first, second = report.decay
    assert first.topic_id == figures["t1"].pk
    assert first.per_day == pytest.approx(((0.9 - 0.6) / 30 + (0.8 - 0.5) / 30) / 2)
    assert second.per_day == pytest.approx(((0.8 - 0.75) / 30 + 0) / 2)
    assert first.people == 2


def test_the_comparison_group_is_capped_at_the_same_people(figures, settings):
    settings.COURSES_EFFECTIVENESS_COMPARISON_MAX = 2
    user = figures["trainer"].user
    first = course_data(user, figures["course"], today=TODAY).candidates
    assert len(first) == 2
    assert course_data(user, figures["course"], today=TODAY).candidates == first


def test_results_read_each_completers_figures_at_the_cohorts_months_only(figures):
    """Regression: the completers' figures are read at the month before their
    cohort's and at their latest month only; the cohort's "after" month is the
    latest of those, and a completer whose latest month is earlier (here a,
    with OCT and no DEC) has no change to count, while d (comparison) keeps
    every month."""
    a, b, d = figures["a"], figures["b"], figures["d"]
    deposits = BusinessFigure.objects.filter(person=a).first().measure
    BusinessFigure.objects.filter(person=a, month=NOV).delete()
    figure(a, deposits, OCT, 130)
    figure(b, deposits, date(2026, 10, 1), 210)
    figure(b, deposits, date(2026, 12, 1), 260)
    figure(d, deposits, date(2026, 12, 1), 125)
    cohort = sept(course_effectiveness(figures["trainer"].user, figures["course"], today=TODAY))
    (row,) = cohort.results
    assert (row.before_month, row.after_month) == (AUG, date(2026, 12, 1))
    assert row.change.value == pytest.approx(260 - 200)
    assert row.change.people == 1
    assert row.comparison_change.value == pytest.approx(125 - 100)
    assert row.comparison_change.people == 1
