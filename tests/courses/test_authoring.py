"""Authoring in the admin with page permissions per role and approval workflows."""

import pytest
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.models import LessonPage
from people.roles import Role
from tests.courses.conftest import senior_trainer
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])


@pytest.fixture
def senior(org):
    return senior_trainer(org["head"])


def lesson_form(title, action=None):
    data = nested_form_data(
        {
            "title": title,
            "slug": "new-lesson",
            "estimated_minutes": 10,
            "body": streamfield([("markdown", "**重點**：先聽客戶說")]),
        }
    )
    if action:
        data[action] = "1"
    return data


def test_a_trainer_writes_a_lesson_and_a_senior_trainer_approves_it(
    client, trainer, senior, course
):
    client.force_login(trainer.user)
    add = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk])
    response = client.post(add, lesson_form("第三課", action="action-submit"))
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson = LessonPage.objects.get(title="第三課")
    assert not lesson.live, "a trainer's page waits for approval"
    assert lesson.current_workflow_state is not None

    # A trainer cannot publish on their own.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        lesson_form("第三課", action="action-publish"),
    )
    lesson.refresh_from_db()
    assert not lesson.live

    client.force_login(senior.user)
    state = lesson.current_workflow_state
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", task_state.pk]
    )
    response = client.post(approve, {"comment": "可以"})
    assert response.status_code in (200, 302)
    lesson.refresh_from_db()
    assert lesson.live


def test_revisions_and_preview_work_for_trainers(client, trainer, course):
    client.force_login(trainer.user)
    lesson = course.get_children().first()
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    assert client.post(preview, lesson_form("第1課 改")).status_code == 200
    assert client.get(preview).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:history", args=[lesson.pk])).status_code == 200


def test_trainees_and_risk_experts_cannot_write_courses(client, trainee, org, course):
    add = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk])
    client.force_login(trainee.user)
    assert client.get(add).status_code in (302, 403)
    expert = PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT])
    client.force_login(expert.user)
    assert client.get(add).status_code in (302, 403)


def test_the_site_root_is_where_areas_live():
    assert Site.objects.get(is_default_site=True).root_page


def test_a_host_without_the_finish_action_is_told(settings):
    from courses.checks import check_workflows_publish_approved_pages

    assert check_workflows_publish_approved_pages(None) == []
    settings.WAGTAIL_FINISH_WORKFLOW_ACTION = "wagtail.workflows.publish_workflow_state"
    assert [e.id for e in check_workflows_publish_approved_pages(None)] == ["courses.E001"]


def test_the_workflows_and_their_steps_have_chinese_names(client, trainer, course):
    from wagtail.models import Task, Workflow

    assert set(Workflow.objects.values_list("name", flat=True)) >= {"課程審核"}
    assert "資深講師核准" in set(Task.objects.values_list("name", flat=True))
    client.force_login(trainer.user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    assert response.status_code == 200
    assert "課程審核" in response.content.decode()
    assert "Course review" not in response.content.decode()


def test_a_migration_renames_existing_workflows_and_back():
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import Task, Workflow

    migration = import_module("courses.migrations.0008_workflow_chinese_names")
    Workflow.objects.all().delete()
    Workflow.objects.create(name="Course review")
    Workflow.objects.create(name="Risk review approval")
    Workflow.objects.create(name="Someone else's workflow")
    Task.objects.create(name="Senior trainer approval")
    Task.objects.create(name="Risk expert approval")

    def names():
        return (
            set(Workflow.objects.values_list("name", flat=True)),
            set(
                Task.objects.filter(
                    name__in=[*migration.TASKS, *migration.TASKS.values()]
                ).values_list("name", flat=True)
            ),
        )

    migration.forwards(apps, None)
    assert names() == (
        {"課程審核", "風險案例解析審核", "Someone else's workflow"},
        {"資深講師核准", "風險專家核准"},
    )
    migration.backwards(apps, None)
    assert names() == (
        {"Course review", "Risk review approval", "Someone else's workflow"},
        {"Senior trainer approval", "Risk expert approval"},
    )
