"""The senior trainers' group: trainers who approve courses and cases."""

from django.db import migrations


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Lianbing senior trainers")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Lianbing senior trainers").delete()


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_risk_reviews"), ("people", "0002_roles")]
    operations = [migrations.RunPython(create, remove)]
