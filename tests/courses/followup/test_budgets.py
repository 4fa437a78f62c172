"""Query budgets of the follow-up's pages, each at two sizes: the count must
not grow with the rows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage, FollowUpTask
from courses.services.followup import checkpoints_open
from people.roles import Role
from tests.budgets import queries_of
from tests.factories import PersonFactory

from .conftest import complete

pytestmark = pytest.mark.django_db


def team_completes(org, course, size):
    done_on = timezone.localdate() - timedelta(days=35)
    for _ in range(size):
        complete(
            PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE]), course, done_on
        )
    checkpoints_open()


def test_my_tasks_for_a_manager_at_two_sizes(
    client, org, manager, followup_course, django_assert_max_num_queries
):
    client.force_login(manager.user)
    url = reverse("courses:followup_tasks")
    counts = []
    for size in (1, 12):
        FollowUpTask.objects.all().delete()
        team_completes(org, followup_course, size)
        counts.append(queries_of(client, url, 20, django_assert_max_num_queries))
        assert client.get(url).content.decode().count('data-kind="behaviour"') == size
    assert counts[0] == counts[1]


def test_my_tasks_and_home_for_a_trainee_at_two_sizes(
    client, catalogue, trainee, topics, django_assert_max_num_queries
):
    client.force_login(trainee.user)
    counts = {"/learning/followup/": [], "/": []}
    for size in (3, 8):  # both past the home panel's five rows (then one count query)
        for n in range(size):
            course = catalogue.add_child(
                instance=CoursePage(
                    title=f"課程{size}-{n}", slug=f"c{size}-{n}", objectives="x", audience="y"
                )
            )
            course = CoursePage.objects.get(pk=course.pk)
            course.topics.set(topics)
            course.save()
            complete(trainee, course, timezone.localdate() - timedelta(days=31))
        checkpoints_open()
        for url in counts:
            counts[url].append(queries_of(client, url, 80, django_assert_max_num_queries))
    for url, (few, many) in counts.items():
        assert few == many, url


def test_the_survey_and_observation_pages_at_two_sizes(
    client, followup_course, trainee, manager, django_assert_max_num_queries
):
    complete(trainee, followup_course, timezone.localdate() - timedelta(days=31))
    reaction = FollowUpTask.objects.get(kind="reaction")
    behaviour = FollowUpTask.objects.get(kind="behaviour", checkpoint_days=30)
    pages = [
        (trainee.user, reverse("courses:followup_reaction", args=[reaction.pk])),
        (manager.user, reverse("courses:followup_observation", args=[behaviour.pk])),
    ]
    counts = []
    for items in (1, 10):
        followup_course.observation_checklist = "\n".join(f"項目{n}" for n in range(items))
        followup_course.save()
        row = []
        for user, url in pages:
            client.force_login(user)
            row.append(queries_of(client, url, 20, django_assert_max_num_queries))
        counts.append(row)
    assert counts[0] == counts[1]
