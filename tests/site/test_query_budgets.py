"""Query budgets of the home page for a trainee (the manager's has its own in
test_frame.py): asked at two sizes, it answers 200, stays within its budget
and takes the same number of queries whatever the number of courses, lessons
done and reviews due."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Site

from courses.models import CourseIndexPage, CoursePage, LessonPage
from courses.services import enrollment_create, lesson_complete
from quizzes.models import MemoryState
from tests.budgets import queries_of
from tests.factories import TopicFactory, category_create, question_make

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 15


def test_trainee_home(client, trainee, django_assert_max_num_queries):
    root = Site.objects.get(is_default_site=True).root_page
    catalogue = root.add_child(instance=CourseIndexPage(title="課程", slug="courses"))
    category, topic = category_create("首頁"), TopicFactory()
    client.force_login(trainee.user)
    counts = []
    for size in (FEW, MANY):
        for number in range(CoursePage.objects.count(), size):
            course = catalogue.add_child(
                instance=CoursePage(
                    title=f"課程{number}",
                    slug=f"course-{number}",
                    objectives="目標",
                    audience="客戶經理",
                )
            )
            first = course.add_child(instance=LessonPage(title="第一課", slug="one"))
            course.add_child(instance=LessonPage(title="第二課", slug="two"))
            enrollment_create(person=trainee, course=course)
            lesson_complete(person=trainee, page=first)
        now = timezone.now()
        MemoryState.objects.bulk_create(
            MemoryState(
                person=trainee,
                question=question_make(category=category, topic=topic, stem=f"題{size}-{n}"),
                stability=2.0,
                due=now - timedelta(hours=1),
                last_review=now - timedelta(days=2),
            )
            for n in range(size)
        )
        # 20: the 兩案例 panel reads this month's count of cases, the certification
        # panel asks one question (no programme here).
        counts.append(queries_of(client, "/", 12, django_assert_max_num_queries))
        assert f"課程{size - 1}" in client.get("/").content.decode()
    assert counts[0] == counts[1], f"{counts[0]} queries with few rows, {counts[1]} with many"
