"""The follow-up's pages: the survey and the observation answered once, who may
open each, my follow-up tasks, the mentor's view on the pair page, the home
panel and the training record."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import BehaviourObservation, FollowUpTask, ReactionResponse
from courses.services.followup import checkpoints_open
from people.roles import Role
from tests.factories import PersonFactory

from .conftest import complete

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def task_of(kind, days=0):
    return FollowUpTask.objects.get(kind=kind, checkpoint_days=days)


def messages_of(response):
    return [m.level_tag for m in response.context["messages"]] if response.context else []


def test_the_survey_is_answered_once(client, followup_course, trainee):
    complete(trainee, followup_course, days_ago(2))
    task = task_of("reaction")
    url = reverse("courses:followup_reaction", args=[task.pk])
    client.force_login(trainee.user)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"rating": "9"})
    assert bad.status_code == 400
    assert bad.context["form"].errors["rating"]
    response = client.post(url, {"rating": "4", "comment": " 很實用 "})
    assert response.status_code == 302 and response.url == reverse("courses:followup_tasks")
    answer = ReactionResponse.objects.get()
    assert (answer.rating, answer.comment, answer.person_id) == (4, "很實用", trainee.pk)
    task.refresh_from_db()
    assert task.done_at is not None
    again = client.post(url, {"rating": "1"}, follow=True)
    assert messages_of(again)[-1] == "error"
    assert ReactionResponse.objects.get().rating == 4
    assert 'id="reaction-done"' in client.get(url).content.decode()


def test_only_the_trainee_answers_their_survey(client, followup_course, trainee, manager):
    complete(trainee, followup_course, days_ago(2))
    url = reverse("courses:followup_reaction", args=[task_of("reaction").pk])
    client.force_login(manager.user)
    assert client.get(url).status_code == 404
    assert client.post(url, {"rating": "5"}).status_code == 404
    assert not ReactionResponse.objects.exists()


def observe(client, task, **data):
    url = reverse("courses:followup_observation", args=[task.pk])
    body = {"item_0": "yes", "item_1": "no", "changed": "yes", "example": "先問**需求**", **data}
    return client.post(url, body)


def test_the_manager_observes_a_checkpoint_once(client, followup_course, trainee, manager):
    complete(trainee, followup_course, days_ago(31))
    task = task_of("behaviour", 30)
    client.force_login(manager.user)
    url = reverse("courses:followup_observation", args=[task.pk])
    assert client.get(url).status_code == 200
    missing = observe(client, task, item_1="")
    assert missing.status_code == 400 and missing.context["form"].errors["item_1"]
    assert observe(client, task).status_code == 302
    observation = BehaviourObservation.objects.get()
    assert observation.task_id == task.pk and observation.course_id == followup_course.pk
    assert observation.checklist == [
        {"item": "先問需求再推產品", "changed": True},
        {"item": "每次拜訪留下紀錄", "changed": False},
    ]
    task.refresh_from_db()
    assert task.done_at is not None
    second = observe(client, task, changed="no")
    assert second.status_code == 302
    assert messages_of(client.get(second.url))[-1] == "error"
    assert BehaviourObservation.objects.count() == 1
    assert 'id="observation-done"' in client.get(url).content.decode()


def test_a_checkpoint_to_come_and_the_trainee_themself_are_refused(
    client, followup_course, trainee, manager
):
    complete(trainee, followup_course, days_ago(31))
    client.force_login(manager.user)
    later = reverse("courses:followup_observation", args=[task_of("behaviour", 90).pk])
    assert client.get(later).status_code == 404
    client.force_login(trainee.user)
    assert observe(client, task_of("behaviour", 30)).status_code == 404
    assert not BehaviourObservation.objects.exists()


def test_the_mentor_observes_while_the_pair_is_active(client, followup_course, trainee, mentor_of):
    from mentorship.services.ending import pair_complete

    complete(trainee, followup_course, days_ago(31))
    mentor, pair = mentor_of(trainee)
    task = task_of("behaviour", 30)
    client.force_login(mentor.user)
    tasks_page = client.get(reverse("courses:followup_tasks")).content.decode()
    assert f'data-task="{task.pk}"' in tasks_page
    pair_url = reverse("mentorship:pair", args=[pair.pk])
    pair_page = client.get(pair_url).content.decode()
    assert f'data-task="{task.pk}"' in pair_page
    assert f'data-task="{task_of("retention", 30).pk}"' in pair_page
    pair_complete(pair=pair, by_user=mentor.user)
    after = client.get(pair_url)
    assert after.status_code == 404 or f'data-task="{task.pk}"' not in after.content.decode()
    assert client.get(reverse("courses:followup_observation", args=[task.pk])).status_code == 404
    assert observe(client, task).status_code == 404
    assert (
        f'data-task="{task.pk}"'
        not in client.get(reverse("courses:followup_tasks")).content.decode()
    )


def test_my_tasks_lists_what_each_may_do(client, followup_course, trainee, manager, org):
    complete(trainee, followup_course, days_ago(40))
    checkpoints_open()
    client.force_login(trainee.user)
    html = client.get(reverse("courses:followup_tasks")).content.decode()
    for task in (task_of("reaction"), task_of("retention", 30)):
        assert f'data-task="{task.pk}"' in html
    assert f'data-task="{task_of("behaviour", 30).pk}"' not in html
    assert f'data-task="{task_of("retention", 90).pk}"' not in html  # not come yet
    assert 'data-overdue="1"' in html  # the survey was due 26 days ago
    drill_url = reverse("quizzes:drill_take", args=[task_of("retention", 30).assignment.drill_id])
    assert drill_url in html
    client.force_login(manager.user)
    html = client.get(reverse("courses:followup_tasks")).content.decode()
    assert f'data-task="{task_of("behaviour", 30).pk}"' in html
    assert f'data-task="{task_of("reaction").pk}"' not in html
    stranger = PersonFactory(unit=org["puxi"], user__roles=[Role.MANAGER], manages=[org["puxi"]])
    client.force_login(stranger.user)
    assert 'id="followup-none"' in client.get(reverse("courses:followup_tasks")).content.decode()


def test_home_panel_and_training_record(client, followup_course, trainee, manager):
    complete(trainee, followup_course, days_ago(3))
    client.force_login(trainee.user)
    home = client.get("/").content.decode()
    assert f'data-task="{task_of("reaction").pk}"' in home
    client.force_login(manager.user)
    record = client.get(reverse("people:record", args=[trainee.pk])).content.decode()
    assert f'data-course="{followup_course.pk}"' in record
    assert 'data-point="-1"' in record and 'data-point="0"' in record


def edit_in_the_editor(client, course, *, followup_days, observation_checklist):
    """Post the course's page editor with these follow-up fields."""
    from wagtail.test.utils.form_data import nested_form_data

    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "objectives": "目標",
            "audience": "客戶經理",
            "estimated_minutes": "60",
            "ce_hours": "0",
            "course_format": course.course_format,
            "completion_rule": course.completion_rule,
            "followup_days": followup_days,
            "observation_checklist": observation_checklist,
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[course.pk]), data)


def test_the_editor_locates_a_bad_checkpoint(client, followup_course, admin_user):
    client.force_login(admin_user)
    response = edit_in_the_editor(
        client, followup_course, followup_days="30, 九十", observation_checklist="先問需求"
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["followup_days"]
    assert "九十" in errors["followup_days"][0]


def test_the_editor_lets_a_trainer_clear_the_checkpoints(client, followup_course, admin_user):
    """An empty value means no follow-up, as the field's help says (regression:
    the field was required)."""
    client.force_login(admin_user)
    response = edit_in_the_editor(
        client, followup_course, followup_days="", observation_checklist=""
    )
    assert response.status_code == 302
    page = type(followup_course).objects.get(pk=followup_course.pk).get_latest_revision_as_object()
    assert page.followup_days == ""
    assert page.checkpoint_days == []
