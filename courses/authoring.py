"""Who writes and who approves: page permissions and workflows for the two
authoring areas. Trainers write under the course catalogue and a senior
trainer approves; risk experts write under a risk review course and a risk
expert approves. Set up when such a page is created (idempotent).

Nobody in an area holds Wagtail's publish permission: every page goes live
through its workflow, approved by a peer (courses.models.PeerApprovalTask), and
the approval itself publishes (courses.workflow_actions, Wagtail's
WAGTAIL_FINISH_WORKFLOW_ACTION). Unpublishing and moving stay with administrators."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import GroupPagePermission, Task, Workflow, WorkflowPage, WorkflowTask

from people.roles import GROUP_NAMES, Role

from .models import CourseIndexPage, PeerApprovalTask, RiskReviewCoursePage

SENIOR_TRAINERS = "Lianbing senior trainers"

# Workflow and task names are stored data that Wagtail's admin shows as they are
# ("提交至 課程審核"), so they are written in Traditional Chinese, the interface's
# default language. Migration 0008 renamed the earlier English names.
AREAS = {
    # page model name: (writers, their page permissions, approvers, workflow name, task name)
    "courseindexpage": (
        {GROUP_NAMES[Role.TRAINER]: ["add", "change"], SENIOR_TRAINERS: ["add", "change"]},
        SENIOR_TRAINERS,
        "課程審核",
        "資深講師核准",
    ),
    "riskreviewcoursepage": (
        {GROUP_NAMES[Role.RISK_EXPERT]: ["add", "change"]},
        GROUP_NAMES[Role.RISK_EXPERT],
        "風險案例解析審核",
        "風險專家核准",
    ),
}


@transaction.atomic
def authoring_setup(*, page) -> Workflow:
    """Grant the area's page permissions and attach its approval workflow."""
    writers, approvers, workflow_name, task_name = AREAS[page.specific_class._meta.model_name]
    for group_name, permissions in writers.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        GroupPagePermission.objects.filter(group=group, page=page).exclude(
            permission__codename__in=[f"{action}_page" for action in permissions]
        ).delete()
        for action in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=f"{action}_page"
                ),
            )
    task = PeerApprovalTask.objects.filter(name=task_name).first()
    if task is None:
        task = PeerApprovalTask.objects.create(name=task_name)
    task.groups.set([Group.objects.get_or_create(name=approvers)[0]])
    workflow, _ = Workflow.objects.get_or_create(name=workflow_name)
    # An earlier approval step of the same name (a plain group approval) gives way.
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    Task.objects.filter(name=task_name).exclude(pk=task.pk).update(active=False)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def authoring_unused_remove() -> int:
    """Remove the areas' workflows and approval steps that no page uses any
    more and that never ran (their history is kept otherwise). Returns how many."""
    removed = 0
    for _writers, _approvers, workflow_name, task_name in AREAS.values():
        unused = Workflow.objects.filter(name=workflow_name, workflow_pages__isnull=True)
        for workflow in unused.filter(workflow_states__isnull=True):
            workflow.delete()
            removed += 1
        orphan_tasks = PeerApprovalTask.objects.filter(
            name=task_name, workflow_tasks__isnull=True, task_states__isnull=True
        )
        removed += len(orphan_tasks)
        orphan_tasks.delete()
    return removed


def setup_new_area(sender, instance, created, **kwargs):
    """A new catalogue or risk review course gets its authors' permissions and workflow."""
    if created:
        authoring_setup(page=instance)


def connect_receivers() -> None:
    """Called by the app's ready(), once the page models exist."""
    for model in (CourseIndexPage, RiskReviewCoursePage):
        post_save.connect(
            setup_new_area, sender=model, dispatch_uid=f"courses.authoring.setup.{model.__name__}"
        )
