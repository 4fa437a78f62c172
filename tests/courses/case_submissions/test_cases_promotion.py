"""Making an accepted case a page keeps its author and warns at once about a
protected name, through the page and in the page editor."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from courses.models import CaseStudyPage
from courses.services.case_submissions import submission_accept, submission_promote

from .conftest import case_make, client_for

pytestmark = pytest.mark.django_db


def accepted(people, **values):
    case = case_make(people["author"], **values)
    submission_accept(by=people["trainer"].user, submission=case)
    return case


def test_a_protected_name_is_found_and_said(people, course, settings):
    settings.COURSES_PROTECTED_NAMES = ["華東精密製造"]
    case = accepted(people, how_it_went="最後與华东精密制造簽約。")
    response = client_for(people, "trainer").post(
        reverse("courses:case_promote", args=[case.pk]), {"parent": course.pk}
    )
    case.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[case.page_id])
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("華東精密製造" in text for text in said), said
    page = CaseStudyPage.objects.get(pk=case.page_id)
    assert page.contributed_by_id == people["author"].pk
    assert not page.live


def test_a_clean_case_is_said_to_be_clean(people, course, settings):
    settings.COURSES_PROTECTED_NAMES = ["華東精密製造"]
    case = accepted(people)
    _page, names = submission_promote(by=people["trainer"].user, submission=case, parent=course)
    assert names == []


def test_the_page_editor_warns_too(people, course, settings):
    settings.COURSES_PROTECTED_NAMES = ["華東精密製造"]
    case = accepted(people, client_profile="華東精密製造，年銷售十億。")
    page, names = submission_promote(by=people["trainer"].user, submission=case, parent=course)
    assert names == ["華東精密製造"]
    response = client_for(people, "trainer").get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert "華東精密製造" in response.content.decode()


def test_the_author_stays_credited_through_a_new_revision(people, course):
    case = accepted(people)
    page, _ = submission_promote(by=people["trainer"].user, submission=case, parent=course)
    page = CaseStudyPage.objects.get(pk=page.pk)
    page.lessons_learned += "\n\n內訓師補充。"
    revision = page.save_revision(user=people["trainer"].user)
    assert revision.as_object().contributed_by_id == people["author"].pk


def test_the_published_page_credits_its_author(people, course):
    case = accepted(people)
    page, _ = submission_promote(by=people["trainer"].user, submission=case, parent=course)
    page = CaseStudyPage.objects.get(pk=page.pk)
    page.save_revision(user=people["trainer"].user).publish()
    response = client_for(people, "other_trainee").get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-contributed-by="{people["author"].pk}"' in html
    assert people["author"].name in html


def test_the_case_links_its_page_for_reviewers_only(people, course):
    case = accepted(people)
    page, _ = submission_promote(by=people["trainer"].user, submission=case, parent=course)
    url = reverse("courses:case_detail", args=[case.pk])
    editor = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert editor in client_for(people, "trainer").get(url).content.decode()
    assert editor not in client_for(people, "author").get(url).content.decode()
