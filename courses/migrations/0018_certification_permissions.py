"""Trainers and administrators define certification programmes in the admin
(Admin > Certification programmes); trainers see only their own (scopedadmin)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Group names as in people.roles.GROUP_NAMES (data, never translated).
GROUPS = ["Lianbing trainers", "Lianbing administrators"]
CODENAMES = [
    "add_certificationprogramme",
    "change_certificationprogramme",
    "delete_certificationprogramme",
    "view_certificationprogramme",
]


def permissions(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="courses", codename__in=CODENAMES
    )


def grant(apps, schema_editor):
    # Django creates model permissions after migrate (post_migrate); make sure they exist now.
    app_config = apps.get_app_config("courses")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("courses", "0017_case_submissions_collection"), ("people", "0002_roles")]
    operations = [migrations.RunPython(grant, revoke)]
