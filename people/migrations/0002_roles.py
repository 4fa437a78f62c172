"""Create the five role groups with the admin permissions each needs.

Trainers and risk experts enter the Wagtail admin to write; their page
permissions come with the courses app. Managers read their people;
administrators keep the organisation, the roster and the user accounts.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Lianbing trainees": [],
    "Lianbing trainers": ["wagtailadmin.access_admin"],
    "Lianbing risk experts": ["wagtailadmin.access_admin"],
    "Lianbing managers": [
        "wagtailadmin.access_admin",
        "people.view_person",
        "people.view_orgunit",
    ],
    "Lianbing administrators": [
        "wagtailadmin.access_admin",
        "people.add_person",
        "people.change_person",
        "people.delete_person",
        "people.view_person",
        "people.add_orgunit",
        "people.change_orgunit",
        "people.delete_orgunit",
        "people.view_orgunit",
        "people.view_rosterimport",
        "people.import_roster",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "auth.view_group",
    ],
}

# Images and documents are used by everyone who writes content.
COLLECTION_PERMISSIONS = {
    "Lianbing trainers": ["add", "change", "choose"],
    "Lianbing risk experts": ["add", "change", "choose"],
    "Lianbing administrators": ["add", "change", "delete", "choose"],
}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(dotted):
        app_label, codename = dotted.split(".")
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    for name, perms in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[permission(p) for p in perms])

    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for name, actions in COLLECTION_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        for action in actions:
            for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root,
                    permission=permission(f"{app_label}.{action}_{model}"),
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
