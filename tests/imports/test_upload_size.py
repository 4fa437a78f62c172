"""An upload over its size limit is refused on the form, from the size the
upload handler recorded (before the view reads the file), and no import is
recorded."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.models import ImportRun
from people.roles import Role
from tests.factories import PersonFactory, TopicFactory, category_create

pytestmark = pytest.mark.django_db


def test_a_roster_over_the_limit_is_a_form_error(client, org, settings):
    settings.PEOPLE_ROSTER_MAX_BYTES = 100
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(administrator.user)
    data = b"employee_id,name,unit\n" + b"E1,A,X\n" * 40
    response = client.post(
        reverse("people_roster:upload"),
        {"file": SimpleUploadedFile("roster.csv", data)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "files up to 0.0 MB can be read" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_question_file_over_the_limit_is_a_form_error(client, org, settings):
    settings.QUIZZES_IMPORT_MAX_BYTES = 100
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    client.force_login(trainer.user)
    response = client.post(
        reverse("quizzes_import:upload"),
        {
            "file": SimpleUploadedFile("q.gift", "::q::題目{T}\n\n".encode() * 20),
            "category": category_create("匯入").pk,
            "topic": TopicFactory().pk,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "files up to 0.0 MB can be read" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_file_under_the_limit_goes_on_to_its_preview(client, org, settings):
    settings.PEOPLE_ROSTER_MAX_BYTES = 10_000
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(administrator.user)
    response = client.post(
        reverse("people_roster:upload"),
        {"file": SimpleUploadedFile("roster.csv", "employee_id,name,unit\nR1,甲,總行\n".encode())},
    )
    assert response.status_code == 302
    assert ImportRun.objects.count() == 1
