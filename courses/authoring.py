"""Who writes and who approves: page permissions and workflows for the two
authoring areas. Trainers write under the course catalogue and a senior
trainer approves; risk experts write under a risk review course and a risk
expert approves. Set up when such a page is created (idempotent)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from people.roles import GROUP_NAMES, Role

SENIOR_TRAINERS = "Lianbing senior trainers"

AREAS = {
    # page model name: (writers, their page permissions, approvers, workflow name, task name)
    "courseindexpage": (
        {
            GROUP_NAMES[Role.TRAINER]: ["add", "change"],
            SENIOR_TRAINERS: ["add", "change", "publish"],
        },
        SENIOR_TRAINERS,
        "Course review",
        "Senior trainer approval",
    ),
    "riskreviewcoursepage": (
        {GROUP_NAMES[Role.RISK_EXPERT]: ["add", "change"]},
        GROUP_NAMES[Role.RISK_EXPERT],
        "Risk review approval",
        "Risk expert approval",
    ),
}


@transaction.atomic
def authoring_setup(*, page) -> Workflow:
    """Grant the area's page permissions and attach its approval workflow."""
    writers, approvers, workflow_name, task_name = AREAS[page.specific_class._meta.model_name]
    for group_name, permissions in writers.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for action in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=f"{action}_page"
                ),
            )
    task = GroupApprovalTask.objects.filter(name=task_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
    task.groups.set([Group.objects.get_or_create(name=approvers)[0]])
    workflow, _ = Workflow.objects.get_or_create(name=workflow_name)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


@receiver(post_save, dispatch_uid="courses.authoring.setup")
def setup_new_area(sender, instance, created, **kwargs):
    from .models import CourseIndexPage
    from .models.risk import RiskReviewCoursePage

    if created and type(instance) in (CourseIndexPage, RiskReviewCoursePage):
        authoring_setup(page=instance)
