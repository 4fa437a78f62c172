"""Administrators keep the page tree: page permissions on Wagtail's root, so
they unpublish and move any page (README, "Authoring"). Writers and approvers
hold no publish permission (courses.authoring); administrators do not write in
an authoring area, they keep order in it."""

from django.db import migrations

# Group name as in people.roles.GROUP_NAMES (data, never translated).
ADMINISTRATORS = "Lianbing administrators"
# Moving a live page needs add and publish where it goes and change where it is;
# unpublishing needs publish; a page someone else locked is unlocked with unlock.
ACTIONS = ["add", "change", "publish", "lock", "unlock"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group = Group.objects.filter(name=ADMINISTRATORS).first()
    root = Page.objects.filter(depth=1).first()
    if group is None or root is None:
        return
    for action in ACTIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{action}_page"
            ),
        )


def revoke(apps, schema_editor):
    apps.get_model("wagtailcore", "GroupPagePermission").objects.filter(
        group__name=ADMINISTRATORS, page__depth=1
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0008_workflow_chinese_names"),
        ("people", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
