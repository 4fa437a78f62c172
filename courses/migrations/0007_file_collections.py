"""Two collections for documents and images: "Course files", where trainers
upload, choose and edit, and "Risk review files", which only risk experts and
administrators manage. Trainers' and risk experts' permissions move from the
root collection (whose permissions every collection below inherits) to their
own collection; administrators keep theirs on the root. Files already in the
root move to "Course files", except those a risk expert uploaded, which move
to "Risk review files"."""

from django.db import migrations

COURSE_FILES = "Course files"
RISK_REVIEW_FILES = "Risk review files"
# Group names as in people.roles.GROUP_NAMES (data, never translated).
TRAINERS = "Lianbing trainers"
RISK_EXPERTS = "Lianbing risk experts"
ACTIONS = ["add", "change", "choose"]
MODELS = [("wagtailimages", "image"), ("wagtaildocs", "document")]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's MP_Node, steplen 4


def _step(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(4, "0")


def _child(Collection, root, name):
    """The collection `name` directly under the root, created if missing (the
    historical model has no tree methods, so the path is built here)."""
    children = Collection.objects.filter(path__startswith=root.path, depth=root.depth + 1)
    found = children.filter(name=name).first()
    if found is not None:
        return found
    last = children.order_by("-path").first()
    number = int(last.path[-4:], len(ALPHABET)) + 1 if last else 1
    child = Collection.objects.create(
        name=name, path=root.path + _step(number), depth=root.depth + 1, numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=children.count())
    return child


def _permissions(Permission):
    return {
        (model, action): Permission.objects.get(
            content_type__app_label=app_label, codename=f"{action}_{model}"
        )
        for app_label, model in MODELS
        for action in ACTIONS
    }


def forwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    course_files = _child(Collection, root, COURSE_FILES)
    risk_files = _child(Collection, root, RISK_REVIEW_FILES)
    permissions = _permissions(Permission)
    for group_name, collection in ((TRAINERS, course_files), (RISK_EXPERTS, risk_files)):
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        GroupCollectionPermission.objects.filter(
            group=group, collection=root, permission__in=permissions.values()
        ).delete()
        for permission in permissions.values():
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    for app_label, model in MODELS:
        files = apps.get_model(app_label, model).objects.filter(collection=root)
        files.filter(uploaded_by_user__groups__name=RISK_EXPERTS).update(collection=risk_files)
        files.update(collection=course_files)


def backwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    ours = Collection.objects.filter(
        depth=2, path__startswith=root.path, name__in=[COURSE_FILES, RISK_REVIEW_FILES]
    )
    for app_label, model in MODELS:
        apps.get_model(app_label, model).objects.filter(collection__in=ours).update(collection=root)
    permissions = _permissions(Permission)
    for group in Group.objects.filter(name__in=[TRAINERS, RISK_EXPERTS]):
        for permission in permissions.values():
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )
    GroupCollectionPermission.objects.filter(collection__in=ours).delete()
    ours.delete()
    Collection.objects.filter(pk=root.pk).update(
        numchild=Collection.objects.filter(path__startswith=root.path, depth=2).count()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0006_lesson_video"),
        ("people", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
