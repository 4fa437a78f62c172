"""Query budgets: the effectiveness page and its export take the same number
of queries for 1 cohort as for 12, and the list for 1 course as for 5."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from people.roles import Role
from tests.courses.effectiveness_builders import (
    complete,
    figure,
    learn,
    measure,
    observe,
    person,
    react,
    snapshot,
)
from tests.factories import PersonFactory, TopicFactory

PAGE_BUDGET = 30


def cohorts_make(course, unit, topics, months: int, per_cohort: int = 2):
    """Completers in `months` different months, each with every level's rows,
    and as many comparison people."""
    today = timezone.localdate()
    deposits = measure()
    for n in range(months):
        done_on = (today.replace(day=1) - timedelta(days=1 + 31 * n)).replace(day=10)
        month = done_on.replace(day=1)
        before = (month - timedelta(days=1)).replace(day=1)
        for _ in range(per_cohort):
            for completer in (True, False):
                who = person(unit)
                figure(who, deposits, before, 100)
                figure(who, deposits, month, 120)
                for topic in topics:
                    snapshot(who, topic, month - timedelta(days=1), 0.4)
                    snapshot(who, topic, done_on, 0.8)
                    snapshot(who, topic, done_on + timedelta(days=30), 0.7)
                if not completer:
                    continue
                complete(course, who, done_on)
                react(course, who, 4)
                learn(course, who, done_on, before=0.4, completion=0.8, d30=0.7)
                observe(course, who, done_on, 30, True)


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def setup(org, course):
    topics = [TopicFactory(), TopicFactory()]
    course.topics.set(topics)
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    return course, topics, trainer


@pytest.mark.parametrize("months", [1, 12])
def test_the_course_page_within_budget(client, setup, org, months, django_assert_max_num_queries):
    course, topics, trainer = setup
    cohorts_make(course, org["pudong_team"], topics, months)
    client.force_login(trainer.user)
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(f"/learning/effectiveness/{course.pk}/")
    assert response.status_code == 200
    assert len(response.context["report"].cohorts) == months


def test_one_cohort_costs_what_twelve_cost(client, setup, org, manager):
    course, topics, trainer = setup
    cohorts_make(course, org["pudong_team"], topics, 1)
    url = f"/learning/effectiveness/{course.pk}/"
    counts = {}
    for name, user in (("trainer", trainer.user), ("manager", manager.user)):
        client.force_login(user)
        client.get(url)  # Django's and Wagtail's caches (content types, sites) warm up
        counts[name] = [count(client, url), count(client, url + "export.csv")]
    cohorts_make(course, org["pudong_team"], topics, 11)
    for name, user in (("trainer", trainer.user), ("manager", manager.user)):
        client.force_login(user)
        client.get(url)  # the new cohorts' people and units start a new generation of readers
        assert [count(client, url), count(client, url + "export.csv")] == counts[name]


def test_the_list_within_budget(client, setup, org, catalogue, django_assert_max_num_queries):
    course, topics, trainer = setup
    cohorts_make(course, org["pudong_team"], topics, 1)
    client.force_login(trainer.user)
    before = count(client, "/learning/effectiveness/")
    for n in range(4):
        other = catalogue.add_child(
            instance=type(course)(title=f"課{n}", slug=f"c{n}", objectives="x", audience="y")
        )
        cohorts_make(other, org["pudong_team"], topics, 1, per_cohort=1)
    with django_assert_max_num_queries(before):
        response = client.get("/learning/effectiveness/")
    assert response.status_code == 200 and len(response.context["courses"]) == 5
