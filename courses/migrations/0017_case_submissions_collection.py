"""The collection of the files of submitted cases (兩案例), "Case submission
files", directly under the root. No group gets a permission on it: trainers
and risk experts keep theirs on their own collections, so the files never
show in their choosers; administrators keep theirs on the root. Who may fetch
a file is courses.files' decision (the case's readers)."""

from django.db import migrations

CASE_FILES = "Case submission files"  # as courses.services.case_submissions.CASE_FILES
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's MP_Node, steplen 4


def _step(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(4, "0")


def forwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    children = Collection.objects.filter(path__startswith=root.path, depth=root.depth + 1)
    if children.filter(name=CASE_FILES).exists():
        return
    last = children.order_by("-path").first()
    number = int(last.path[-4:], len(ALPHABET)) + 1 if last else 1
    Collection.objects.create(
        name=CASE_FILES, path=root.path + _step(number), depth=root.depth + 1, numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=children.count())


def backwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.filter(depth=1).first()
    ours = Collection.objects.filter(name=CASE_FILES, depth=2)
    Document = apps.get_model("wagtaildocs", "Document")
    if root is not None:
        Document.objects.filter(collection__in=ours).update(collection=root)
    ours.delete()
    if root is not None:
        Collection.objects.filter(pk=root.pk).update(
            numchild=Collection.objects.filter(depth=2).count()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0016_enrollment_retake"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
