"""Trainers write the question bank and drills; administrators may too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["topic", "category", "question", "drill"]
GRANTS = {
    "Lianbing trainers": ["add", "change", "view"],
    "Lianbing administrators": ["add", "change", "delete", "view"],
    "Lianbing managers": ["view"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("quizzes")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        codenames = [f"{action}_{model}" for action in actions for model in MODELS]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="quizzes", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0001_initial"), ("people", "0002_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
