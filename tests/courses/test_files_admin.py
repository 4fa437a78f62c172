"""The admin side of files: risk experts upload into a collection that only they
and administrators manage; trainers neither list, open nor replace its files."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from people.roles import Role
from tests.courses.test_files import media_on_disk  # noqa: F401  (files on disk, as in production)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

COURSE_FILES = "Course files"
RISK_REVIEW_FILES = "Risk review files"


@pytest.fixture
def people(org):
    return {
        role: PersonFactory(unit=org["head"], user__roles=[role])
        for role in (Role.TRAINER, Role.RISK_EXPERT, Role.ADMINISTRATOR)
    }


def as_user(person):
    client = Client()
    client.force_login(person.user)
    return client


def collection(name):
    return Collection.objects.get(name=name)


def png(colour="blue"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 20), colour).save(buffer, "PNG")
    return buffer.getvalue()


def files_in(name):
    where = collection(name)
    document = get_document_model().objects.create(
        title=f"{name} 文件", file=ContentFile(b"%PDF-1.4", name="file.pdf"), collection=where
    )
    image = get_image_model().objects.create(
        title=f"{name} 圖片",
        file=ContentFile(png(), name="picture.png"),
        width=20,
        height=20,
        collection=where,
    )
    return document, image


def upload_document(client, title):
    return client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": title,
            "document-chooser-upload-file": SimpleUploadedFile("upload.pdf", b"%PDF-1.4 x"),
        },
    )


def upload_image(client, title):
    return client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": title,
            "image-chooser-upload-file": SimpleUploadedFile("upload.png", png(), "image/png"),
        },
    )


def test_the_two_collections_sit_beside_each_other_under_the_root():
    root = Collection.get_first_root_node()
    children = {c.name for c in root.get_children()}
    assert {COURSE_FILES, RISK_REVIEW_FILES} <= children


def test_risk_experts_uploads_land_in_the_risk_review_files(people):
    client = as_user(people[Role.RISK_EXPERT])
    assert upload_document(client, "授信申請書").status_code == 200
    assert upload_image(client, "抵押物照片").status_code == 200
    document = get_document_model().objects.get(title="授信申請書")
    image = get_image_model().objects.get(title="抵押物照片")
    assert document.collection.name == RISK_REVIEW_FILES
    assert image.collection.name == RISK_REVIEW_FILES


def test_trainers_uploads_land_in_the_course_files(people):
    client = as_user(people[Role.TRAINER])
    assert upload_document(client, "產品手冊").status_code == 200
    assert upload_image(client, "流程圖").status_code == 200
    assert get_document_model().objects.get(title="產品手冊").collection.name == COURSE_FILES
    assert get_image_model().objects.get(title="流程圖").collection.name == COURSE_FILES


def test_trainers_neither_list_nor_open_nor_replace_risk_review_files(people):
    course_document, course_image = files_in(COURSE_FILES)
    risk_document, risk_image = files_in(RISK_REVIEW_FILES)
    trainer = as_user(people[Role.TRAINER])

    for listing in (
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailimages:index"),
        reverse("wagtailimages_chooser:choose"),
    ):
        response = trainer.get(listing)
        assert response.status_code == 200
        if response["Content-Type"].startswith("application/json"):
            html = response.json()["html"]  # the chooser answers JSON: compare decoded text
        else:
            html = response.content.decode()
        assert "Course files 文件" in html or "Course files 圖片" in html
        assert "Risk review files" not in html

    for url in (
        reverse("wagtaildocs:edit", args=[risk_document.pk]),
        reverse("wagtailimages:edit", args=[risk_image.pk]),
    ):
        assert trainer.get(url).status_code in (302, 403)
    assert trainer.get(reverse("wagtaildocs:edit", args=[course_document.pk])).status_code == 200

    response = trainer.post(
        reverse("wagtaildocs:edit", args=[risk_document.pk]),
        {"title": "換掉", "file": SimpleUploadedFile("evil.pdf", b"%PDF-1.4 evil")},
    )
    assert response.status_code in (302, 403)
    risk_document.refresh_from_db()
    assert risk_document.title == "Risk review files 文件"
    with risk_document.file.open() as stored:
        assert stored.read() == b"%PDF-1.4"


@pytest.mark.parametrize("role", [Role.RISK_EXPERT, Role.ADMINISTRATOR])
def test_risk_experts_and_administrators_manage_risk_review_files(people, role):
    risk_document, risk_image = files_in(RISK_REVIEW_FILES)
    client = as_user(people[role])
    html = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "Risk review files 文件" in html
    assert client.get(reverse("wagtaildocs:edit", args=[risk_document.pk])).status_code == 200
    assert client.get(reverse("wagtailimages:edit", args=[risk_image.pk])).status_code == 200


def test_an_unused_risk_review_file_goes_only_to_those_who_manage_it(people, trainee):
    """A file not yet linked from any review (a draft's attachment, say) is not
    for every signed-in person."""
    risk_document, _image = files_in(RISK_REVIEW_FILES)
    course_document, _image = files_in(COURSE_FILES)
    trainee_client = as_user(trainee)
    assert trainee_client.get(course_document.url).status_code == 200
    assert trainee_client.get(risk_document.url).status_code == 404
    assert as_user(people[Role.TRAINER]).get(risk_document.url).status_code == 404
    assert as_user(people[Role.RISK_EXPERT]).get(risk_document.url).status_code == 200
    assert as_user(people[Role.ADMINISTRATOR]).get(risk_document.url).status_code == 200
