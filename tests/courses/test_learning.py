import pytest
from django.urls import reverse

from courses.models import DecisionChoice, Enrollment, LessonCompletion
from courses.models.pages import CompletionRule
from courses.services import LearningRefused, decision_commit, lesson_complete
from courses.signals import course_completed
from quizzes.models import Attempt
from tests.courses.conftest import lesson
from tests.factories import drill_make, question_make

pytestmark = pytest.mark.django_db


def test_pages_need_a_login(client, course):
    assert client.get(course.url).status_code == 302
    assert client.get(course.get_children().first().url).status_code == 302


def test_enrol_resume_and_complete(client, trainee, course, django_capture_on_commit_callbacks):
    client.force_login(trainee.user)
    assert (
        "Enrol" in client.get(course.url).content.decode()
        or "報名" in client.get(course.url).content.decode()
    )
    client.post(reverse("courses:enroll", args=[course.pk]))
    assert Enrollment.objects.filter(person=trainee, course=course).exists()
    first, second = course.get_children().specific()
    page = client.get(first.url)
    assert "<strong>第1課</strong>" in page.content.decode()
    response = client.post(reverse("courses:complete", args=[first.pk]))
    assert response["Location"] == second.url  # on to the next lesson
    assert 'aria-valuenow="50"' in client.get(course.url).content.decode()
    received = []
    course_completed.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="c")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("courses:complete", args=[second.pk]))
    finally:
        course_completed.disconnect(dispatch_uid="c")
    assert Enrollment.objects.get(person=trainee, course=course).completed_at is not None
    assert received == [
        {
            "signal": course_completed,
            "sender": received[0]["sender"],
            "person_id": trainee.pk,
            "course_id": course.pk,
        }
    ]


def test_final_drill_must_be_passed(trainee, course):
    drill = drill_make([question_make()], pass_mark=100)
    course.completion_rule = CompletionRule.LESSONS_AND_DRILL
    course.final_drill = drill
    course.save_revision().publish()
    for page in course.get_children():
        lesson_complete(person=trainee, page=page)
    enrollment = Enrollment.objects.get(person=trainee, course=course)
    assert enrollment.completed_at is None
    Attempt.objects.create(
        drill=drill,
        person=trainee,
        started_at=enrollment.enrolled_at,
        status="finished",
        score=1,
        passed=True,
    )
    from quizzes.signals import attempt_finished

    attempt_finished.send(
        sender=Attempt,
        attempt_id=1,
        person_id=trainee.pk,
        drill_id=drill.pk,
        score=1.0,
        passed=True,
    )
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None


def test_decision_comes_before_the_answer(client, trainee, case):
    client.force_login(trainee.user)
    html = client.get(case.url).content.decode()
    assert "應先核實現金流" not in html and "一年後逾期" not in html and "最終放款" not in html
    point = case.decision_points.get()
    response = client.post(
        reverse("courses:decide", args=[point.pk]), {"option": "0", "reasoning": ""}
    )
    assert response.status_code == 302
    assert not DecisionChoice.objects.exists()
    client.post(
        reverse("courses:decide", args=[point.pk]), {"option": "1", "reasoning": "現金流不足以還款"}
    )
    html = client.get(case.url).content.decode()
    assert "應先核實現金流" in html and "一年後逾期" in html and "不受理" in html
    with pytest.raises(LearningRefused):
        decision_commit(person=trainee, decision_point=point, option=0, reasoning="改變主意了吧")


def test_my_learning_on_the_home_page(client, trainee, course):
    lesson_complete(person=trainee, page=course.get_children().first())
    client.force_login(trainee.user)
    html = client.get("/").content.decode()
    assert course.title in html and "50%" in html


def test_course_page_queries_do_not_grow_with_lessons(
    client, trainee, course, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(trainee.user)
    client.get(course.url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(course.url).status_code == 200
    # The session, the user, the page, the site; the course itself reads
    # progress, prerequisites and lessons.
    # Counted now: the query log is a bounded deque, so its slice is lost
    # once the lessons below have added thousands of queries to it.
    budget = len(few.captured_queries)
    assert budget <= 8
    for n in range(3, 50):
        lesson(course, n)
    client.get(course.url)  # new pages start a new generation of the cached routes
    with django_assert_max_num_queries(budget):
        assert client.get(course.url).status_code == 200


def test_lesson_page_queries_do_not_grow_with_lessons(
    client, trainee, course, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(trainee.user)
    first = course.get_children().first()
    client.get(first.url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(first.url).status_code == 200
    budget = len(few.captured_queries)  # now: the query log is a bounded deque
    for n in range(3, 50):
        lesson(course, n)
    client.get(first.url)  # new pages start a new generation of the cached routes
    with django_assert_max_num_queries(budget):
        assert client.get(first.url).status_code == 200


def test_catalogue_filters(client, trainee, catalogue, course):
    client.force_login(trainee.user)
    assert course.title in client.get(catalogue.url).content.decode()
    assert course.title not in client.get(catalogue.url + "?format=classroom").content.decode()
    assert course.title in client.get(catalogue.url + "?audience=客戶").content.decode()
    assert LessonCompletion.objects.count() == 0


def test_a_manager_enrols_their_people_and_nobody_else(client, manager, trainee, course, org):
    from tests.factories import PersonFactory

    outsider = PersonFactory(unit=org["puxi_team"])
    client.force_login(manager.user)
    assert trainee.name in client.get(course.url).content.decode()
    response = client.post(
        reverse("courses:enroll_team", args=[course.pk]), {"people": [trainee.pk]}
    )
    assert response.status_code == 302
    assert Enrollment.objects.get(person=trainee, course=course).enrolled_by == manager.user
    assert (
        client.post(
            reverse("courses:enroll_team", args=[course.pk]), {"people": [outsider.pk]}
        ).status_code
        == 404
    )
    assert not Enrollment.objects.filter(person=outsider).exists()


def test_catalogue_with_200_courses_stays_within_budget(
    client, trainee, catalogue, django_assert_max_num_queries
):
    """The same queries with one course as with 200 (paginated), and no more than 21:
    Wagtail's routing and view restrictions, the frame, the catalogue itself."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.models import CoursePage

    def add(n):
        catalogue.add_child(
            instance=CoursePage(
                title=f"課程{n:03d}", slug=f"c-{n}", objectives="目標", audience="客戶經理"
            )
        )

    add(0)
    client.force_login(trainee.user)
    client.get(catalogue.url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(catalogue.url).status_code == 200
    budget = len(one.captured_queries)  # now: the query log is a bounded deque
    assert budget <= 8
    for n in range(1, 200):
        add(n)
    client.get(catalogue.url)  # new pages start a new generation of the cached routes
    with django_assert_max_num_queries(budget):
        response = client.get(catalogue.url)
    assert response.status_code == 200
    assert "課程000" in response.content.decode() and "課程199" not in response.content.decode()


def test_trainers_see_how_learners_chose(client, trainee, case, org):
    from django.contrib.auth.models import Group

    from courses.authoring import SENIOR_TRAINERS
    from people.roles import Role
    from tests.factories import PersonFactory

    point = case.decision_points.get()
    decision_commit(person=trainee, decision_point=point, option=1, reasoning="現金流不足以還款")
    url = reverse("courses_admin:decisions", args=[case.pk])
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    trainer.user.groups.add(Group.objects.get(name=SENIOR_TRAINERS))
    client.force_login(trainer.user)
    html = client.get(url).content.decode()
    assert "不受理" in html and "現金流不足以還款" in html and trainee.name not in html
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[case.pk])).content.decode()
    assert url in edit, "the case's admin page links to the summary"
    client.force_login(trainee.user)
    assert client.get(url).status_code in (302, 403)


def test_resume_goes_to_the_page_last_opened_or_the_next_one_to_do(client, trainee, course):
    """Opening a page remembers it; once it is done, resuming goes on to the next."""
    from courses.selectors import course_progress_for
    from courses.services import enrollment_create

    third = lesson(course, 3)
    first, second = course.get_children().specific()[:2]
    enrollment_create(person=trainee, course=course)
    client.force_login(trainee.user)
    page = client.get(second.url).content.decode()
    assert Enrollment.objects.get(person=trainee).last_page_id is None, "a GET writes nothing"
    beacon = reverse("courses:visit", args=[second.pk])
    assert f'action="{beacon}"' in page and "courses/resume.js" in page
    assert client.post(beacon).status_code == 204
    assert Enrollment.objects.get(person=trainee).last_page_id == second.pk
    assert "data-resume-beacon" not in client.get(second.url).content.decode()
    assert course_progress_for(course, trainee.user)["resume"].pk == second.pk
    assert f'href="{second.url}"' in client.get(course.url).content.decode()

    lesson_complete(person=trainee, page=second)
    assert course_progress_for(course, trainee.user)["resume"].pk == third.pk
    lesson_complete(person=trainee, page=third)
    # Nothing after the last page opened: back to the first page not yet done.
    assert course_progress_for(course, trainee.user)["resume"].pk == first.pk


def test_opening_a_page_without_an_enrolment_writes_nothing(client, trainee, course):
    client.force_login(trainee.user)
    first = course.get_children().first()
    assert "data-resume-beacon" not in client.get(first.url).content.decode()
    assert client.post(reverse("courses:visit", args=[first.pk])).status_code == 204
    assert not Enrollment.objects.exists()


def test_the_resume_beacon_takes_only_a_post_on_a_page_the_learner_may_read(
    client, trainee, course, reviews
):
    from courses.services import enrollment_create

    first = course.get_children().first()
    enrollment_create(person=trainee, course=course)
    visit = reverse("courses:visit", args=[first.pk])
    assert client.post(visit).status_code == 302  # to the login
    client.force_login(trainee.user)
    assert client.get(visit).status_code == 405
    assert client.post(reverse("courses:visit", args=[course.pk])).status_code == 404
    restricted = reverse("courses:visit", args=[reviews["restricted"].pk])
    assert client.post(restricted).status_code == 404
    assert Enrollment.objects.get(person=trainee).last_page_id is None


@pytest.fixture
def basics(catalogue):
    from courses.models import CoursePage

    return catalogue.add_child(
        instance=CoursePage(
            title="客戶經理入門", slug="basics", objectives="基本功", audience="新入職客戶經理"
        )
    )


def test_the_course_page_tells_prerequisites_and_the_completion_rule(
    client, trainee, course, basics
):
    drill = drill_make([question_make()], title="存款產品一口清")
    course.prerequisites.add(basics)
    course.completion_rule = CompletionRule.LESSONS_AND_DRILL
    course.final_drill = drill
    course.save_revision().publish()
    client.force_login(trainee.user)
    html = client.get(course.url).content.decode()
    assert f'href="{basics.url}"' in html and "客戶經理入門" in html
    assert "完成全部課時並通過結業練兵" in html
    assert reverse("quizzes:drill_take", args=[drill.pk]) in html
    assert "存款產品一口清" in html


def test_self_enrolment_waits_for_the_prerequisites(client, trainee, manager, course, basics):
    from courses.services import enrollment_create

    course.prerequisites.add(basics)
    course.save_revision().publish()
    client.force_login(trainee.user)
    response = client.post(reverse("courses:enroll", args=[course.pk]), follow=True)
    assert not Enrollment.objects.filter(person=trainee, course=course).exists()
    assert "客戶經理入門" in response.content.decode()  # the message names what is missing
    with pytest.raises(LearningRefused):
        lesson_complete(person=trainee, page=course.get_children().first())
    assert not LessonCompletion.objects.exists()

    # A manager's enrolment is the manager's decision.
    client.force_login(manager.user)
    client.post(reverse("courses:enroll_team", args=[course.pk]), {"people": [trainee.pk]})
    assert Enrollment.objects.filter(person=trainee, course=course).exists()

    # Once the prerequisite is completed, self-enrolment works.
    other = enrollment_create(person=manager, course=basics)
    Enrollment.objects.filter(pk=other.pk).update(completed_at=other.enrolled_at)
    client.force_login(manager.user)
    client.post(reverse("courses:enroll", args=[course.pk]))
    assert Enrollment.objects.filter(person=manager, course=course).exists()


def test_a_case_is_done_only_after_its_decisions(client, trainee, case):
    with pytest.raises(LearningRefused):
        lesson_complete(person=trainee, page=case)
    point = case.decision_points.get()
    decision_commit(person=trainee, decision_point=point, option=0, reasoning="先看現金流再說")
    lesson_complete(person=trainee, page=case)
    assert LessonCompletion.objects.filter(person=trainee, page_id=case.pk).exists()


def test_the_case_outcome_stays_hidden_until_every_decision_is_made(client, trainee, case):
    client.force_login(trainee.user)
    html = client.get(case.url).content.decode()
    assert "失敗案例" not in html and "Failure case" not in html
    point = case.decision_points.get()
    decision_commit(person=trainee, decision_point=point, option=0, reasoning="先看現金流再說")
    html = client.get(case.url).content.decode()
    assert "失敗案例" in html or "Failure case" in html


def test_a_refused_decision_keeps_what_was_written_beside_the_question(client, trainee, case):
    client.force_login(trainee.user)
    point = case.decision_points.get()
    response = client.post(
        reverse("courses:decide", args=[point.pk]), {"option": "1", "reasoning": "太短"}
    )
    assert response["Location"] == case.url  # the autofocus of the refused field leads there
    html = client.get(case.url).content.decode()
    section = html[html.index(f'id="decision-{point.pk}"') :]
    assert 'role="alert"' in section and "太短" in section
    assert 'aria-invalid="true"' in section
    assert 'value="1" required checked' in section  # the option chosen stays chosen
    assert 'minlength="5"' in section
    # Shown once: a reload starts clean.
    assert 'aria-invalid="true"' not in client.get(case.url).content.decode()


def test_the_case_offers_mark_as_done_only_once_decided(client, trainee, case):
    client.force_login(trainee.user)
    done = reverse("courses:complete", args=[case.pk])
    assert done not in client.get(case.url).content.decode()
    point = case.decision_points.get()
    decision_commit(person=trainee, decision_point=point, option=0, reasoning="先看現金流再說")
    assert done in client.get(case.url).content.decode()


def test_finishing_the_last_page_says_the_course_is_complete(client, trainee, course):
    client.force_login(trainee.user)
    first, second = course.get_children()
    client.post(reverse("courses:complete", args=[first.pk]))
    response = client.post(reverse("courses:complete", args=[second.pk]), follow=True)
    assert "課程已完成" in response.content.decode()


def test_a_course_not_started_offers_to_start(client, trainee, course):
    from courses.services import enrollment_create

    enrollment_create(person=trainee, course=course)
    client.force_login(trainee.user)
    html = client.get(course.url).content.decode()
    assert "開始學習" in html and "從上次學到的地方繼續" not in html


def test_odd_ids_are_answered_not_crashed_on(client, trainee, manager, course, catalogue):
    client.force_login(trainee.user)
    assert client.post(reverse("courses:complete", args=[course.pk])).status_code == 404
    assert client.post(reverse("courses:complete", args=[catalogue.pk])).status_code == 404
    assert client.post(reverse("courses:complete", args=[1])).status_code == 404
    client.force_login(manager.user)
    response = client.post(reverse("courses:enroll_team", args=[course.pk]), {"people": ["²"]})
    assert response.status_code == 302 and not Enrollment.objects.exists()


def test_reasoning_as_long_as_the_form_allows_is_taken_with_its_line_breaks(client, trainee, case):
    point = case.decision_points.get()
    typed = ("很" * 399 + "\r\n") * 10  # 4,000 characters as the browser counts them
    client.force_login(trainee.user)
    client.post(reverse("courses:decide", args=[point.pk]), {"option": "0", "reasoning": typed})
    choice = DecisionChoice.objects.get(person=trainee)
    assert choice.reasoning == typed.replace("\r\n", "\n").strip()


def test_a_refused_reasoning_comes_back_whole(client, trainee, case):
    import html
    import re

    point = case.decision_points.get()
    typed = "很" * 4100  # too long: refused, and nothing of it lost
    client.force_login(trainee.user)
    client.post(reverse("courses:decide", args=[point.pk]), {"option": "0", "reasoning": typed})
    page = client.get(case.url).content.decode()
    kept = re.search(r'<textarea[^>]*name="reasoning"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert html.unescape(kept) == typed


def test_an_empty_my_learning_links_to_the_catalogue(client, trainee, catalogue):
    client.force_login(trainee.user)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "您還沒有報名任何課程。" in html
    assert f'<a href="{catalogue.url}">瀏覽課程目錄</a>' in html


def test_an_empty_my_learning_without_a_catalogue_offers_no_link(client, trainee):
    client.force_login(trainee.user)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "You are on no course yet." in html
    assert "Browse the course catalogue" not in html


def test_the_catalogue_offered_on_home_follows_who_may_read_it_and_changes(client, trainee, org):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction, Site

    from courses.models import CourseIndexPage
    from people.roles import GROUP_NAMES, Role
    from tests.factories import PersonFactory

    root = Site.objects.get(is_default_site=True).root_page
    experts_only = root.add_child(instance=CourseIndexPage(title="專家目錄", slug="experts"))
    restriction = PageViewRestriction.objects.create(
        page=experts_only, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=GROUP_NAMES[Role.RISK_EXPERT])])
    expert = PersonFactory(unit=org["pudong_team"], user__roles=[Role.RISK_EXPERT])
    client.force_login(expert.user)
    assert f'<a href="{experts_only.url}">' in client.get("/").content.decode()
    client.force_login(trainee.user)
    html = client.get("/").content.decode()
    assert "專家目錄" not in html and experts_only.url not in html
    # A catalogue the trainee may read, published later: offered on the next request.
    open_catalogue = root.add_child(instance=CourseIndexPage(title="課程", slug="open"))
    response = client.get("/")
    assert response.status_code == 200
    assert f'<a href="{open_catalogue.url}">瀏覽課程目錄</a>' in response.content.decode()


def test_my_learning_lists_live_courses_newest_first_up_to_the_limit(trainee, course, catalogue):
    """Written out (progress_rows): an unpublished course is left out before
    the limit, the newest enrolment comes first, and pages done count."""
    from datetime import timedelta

    from django.utils import timezone

    from courses.models import CoursePage
    from courses.selectors.progress import my_learning

    now = timezone.now()
    others = [
        catalogue.add_child(
            instance=CoursePage(title=f"課程{n}", slug=f"k{n}", objectives="x", audience="y")
        )
        for n in range(3)
    ]
    for age, page in enumerate([*others, course]):
        Enrollment.objects.create(
            person=trainee, course_id=page.pk, enrolled_at=now - timedelta(days=age)
        )
    others[0].unpublish()  # the newest enrolment, on a course taken down
    lesson_complete(person=trainee, page=course.get_children().first())

    listed = my_learning(trainee, limit=2)
    assert [entry["course"].pk for entry in listed] == [others[1].pk, others[2].pk]
    every = my_learning(trainee, limit=None)
    assert [entry["course"].pk for entry in every] == [others[1].pk, others[2].pk, course.pk]
    assert (every[-1]["done"], every[-1]["percent"]) == (1, 50)
