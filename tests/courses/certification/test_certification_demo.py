"""The demo's programme has holders in every state, loading it again adds
nothing, and clearing it removes it."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from courses.demo import certification as demo
from courses.models import Certificate, CertificationProgramme
from courses.selectors.certificates import certificate_status
from people.models import Person

pytestmark = pytest.mark.django_db


def test_the_demo_programme_and_its_holders(client):
    call_command("load_demo_data", stdout=io.StringIO())
    programme = CertificationProgramme.objects.get(code=demo.CODE)
    certificates = list(Certificate.objects.filter(programme=programme))
    statuses = sorted(certificate_status(c) for c in certificates)
    assert statuses == ["expired", "revoked", "valid", "valid"]
    soon = timezone.localdate() + datetime.timedelta(days=14)
    assert any(certificate_status(c) == "valid" and c.expires_on <= soon for c in certificates), (
        "one certificate expires within 14 days"
    )
    assert Certificate.objects.get(revoke_reason__gt="").revoked_by.username == "trainer"
    assert programme.trainers.filter(username="trainer").exists()
    call_command("load_demo_data", stdout=io.StringIO())
    assert Certificate.objects.filter(programme=programme).count() == 4
    trainee = Person.objects.get(user__username="trainee")
    client.force_login(trainee.user)
    response = client.get("/learning/certification/")
    assert response.status_code == 200 and len(response.context["rows"]) == 1
    client.force_login(Person.objects.get(user__username="manager").user)
    response = client.get("/learning/certification/people/")
    assert response.status_code == 200 and len(response.context["page"].object_list) == 5
    for certificate in certificates:
        assert client.get(f"/verify/{certificate.code}/").status_code == 200
    demo.clear(log=lambda *a: None)
    assert not CertificationProgramme.objects.filter(code=demo.CODE).exists()
