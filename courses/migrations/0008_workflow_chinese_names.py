"""The authoring areas' workflows and approval steps get the Traditional Chinese
names courses.authoring now gives them; reversing restores the English names.
Only rows with exactly the earlier names change."""

from django.db import migrations

WORKFLOWS = {"Course review": "課程審核", "Risk review approval": "風險案例解析審核"}
TASKS = {"Senior trainer approval": "資深講師核准", "Risk expert approval": "風險專家核准"}


def _rename(apps, names):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for model, pairs in ((Workflow, names[0]), (Task, names[1])):
        for old, new in pairs.items():
            # A name already taken (the new area set up before this ran) is left as it is.
            if not model.objects.filter(name=new).exists():
                model.objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    _rename(apps, (WORKFLOWS, TASKS))


def backwards(apps, schema_editor):
    _rename(
        apps,
        (
            {new: old for old, new in WORKFLOWS.items()},
            {new: old for old, new in TASKS.items()},
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0007_file_collections"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
