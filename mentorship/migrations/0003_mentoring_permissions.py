"""The roles' permissions on the admin's Mentoring screens: trainers and
administrators write the guidance advice; administrators keep mentor profiles
and read pairs; managers read the profiles and pairs of their own people (the
screens narrow the listing to people_managed_by); honours are read here, by
trainers and administrators."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Group names as in people.roles.GROUP_NAMES (data, never translated).
GRANTS = {
    "Lianbing trainers": [
        "add_guidanceadvice",
        "change_guidanceadvice",
        "delete_guidanceadvice",
        "view_guidanceadvice",
        "view_mentorhonour",
    ],
    "Lianbing administrators": [
        "add_guidanceadvice",
        "change_guidanceadvice",
        "delete_guidanceadvice",
        "view_guidanceadvice",
        "add_mentorprofile",
        "change_mentorprofile",
        "view_mentorprofile",
        "view_pair",
        "view_mentorhonour",
    ],
    "Lianbing managers": ["view_mentorprofile", "view_pair"],
}


def permissions(apps, codenames):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="mentorship", codename__in=codenames
    )


def grant(apps, schema_editor):
    # Django creates model permissions after migrate (post_migrate); make sure they exist now.
    app_config = apps.get_app_config("mentorship")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.add(*permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [("mentorship", "0002_pair_event_kinds"), ("people", "0002_roles")]
    operations = [migrations.RunPython(grant, revoke)]
