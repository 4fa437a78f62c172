"""The demo's cases at every stage, one a draft page crediting its author;
loading again adds nothing; clearing removes them with their page and files."""

import io

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model

from courses.demo import case_submissions as demo
from courses.models import CaseStudyPage, CaseSubmission, SubmissionStatus
from people.models import Person

pytestmark = pytest.mark.django_db


def test_the_demo_cases(client):
    call_command("load_demo_data", stdout=io.StringIO())
    statuses = set(CaseSubmission.objects.values_list("status", flat=True))
    assert statuses == {status.value for status in SubmissionStatus}
    promoted = CaseSubmission.objects.get(page__isnull=False)
    page = CaseStudyPage.objects.get(pk=promoted.page_id)
    assert not page.live and page.contributed_by_id == promoted.author_id
    assert page.get_parent().slug == "winning-enterprise-customers"
    assert promoted.attachments.get().document.url in page.how_it_went
    before = (CaseSubmission.objects.count(), CaseStudyPage.objects.count())
    call_command("load_demo_data", stdout=io.StringIO())
    assert (CaseSubmission.objects.count(), CaseStudyPage.objects.count()) == before
    trainee = Person.objects.get(user__username="trainee")
    client.force_login(trainee.user)
    assert client.get("/learning/cases/").status_code == 200
    client.force_login(Person.objects.get(user__username="trainer").user)
    assert client.get("/learning/cases/review/").status_code == 200
    demo.clear(log=lambda *a: None)
    assert not CaseSubmission.objects.exists()
    assert not CaseStudyPage.objects.filter(pk=promoted.page_id).exists()
    assert not get_document_model().objects.filter(collection__name="Case submission files")
