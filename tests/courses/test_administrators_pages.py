"""Administrators keep the page tree: they unpublish and move pages in the
admin (README, "Authoring"), which nobody in an authoring group may do."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Site

from courses.models import CoursePage, LessonPage
from people.roles import Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])


@pytest.fixture
def trainer(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])


@pytest.fixture
def second_course(catalogue):
    return catalogue.add_child(
        instance=CoursePage(title="守住風險", slug="risk", objectives="守住", audience="客戶經理")
    )


def test_an_administrator_sees_the_whole_page_tree(client, administrator, course):
    client.force_login(administrator.user)
    root = Site.objects.get(is_default_site=True).root_page
    response = client.get(reverse("wagtailadmin_explore", args=[root.pk]))
    assert response.status_code == 200
    assert "課程" in response.content.decode()
    response = client.get(reverse("wagtailadmin_explore", args=[course.pk]))
    assert response.status_code == 200
    assert "第1課" in response.content.decode()


def test_an_administrator_unpublishes_a_page(client, administrator, course):
    lesson = LessonPage.objects.get(slug="lesson-1")
    assert lesson.live
    client.force_login(administrator.user)
    url = reverse("wagtailadmin_pages:unpublish", args=[lesson.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert not lesson.live


def test_an_administrator_moves_a_page(client, administrator, course, second_course):
    lesson = LessonPage.objects.get(slug="lesson-2")
    client.force_login(administrator.user)
    url = reverse("wagtailadmin_pages:move_confirm", args=[lesson.pk, second_course.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.get_parent().pk == second_course.pk
    assert lesson.live


def test_a_trainer_still_neither_unpublishes_nor_moves(client, trainer, course, second_course):
    lesson = LessonPage.objects.get(slug="lesson-1")
    client.force_login(trainer.user)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[lesson.pk]))
    assert response.status_code in (302, 403)
    response = client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[lesson.pk, second_course.pk])
    )
    assert response.status_code in (302, 403)
    lesson.refresh_from_db()
    assert lesson.live
    assert lesson.get_parent().pk == course.pk


def test_the_demo_administrator_login_reaches_the_page_tree_and_the_readme_says_so(client):
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    readme = (Path(settings.REPO_DIR) / "README.md").read_text()
    # The README's demo logins are the ones the loader prints.
    listed = dict(re.findall(r"^\| (\w[\w ]*?) \| `(\w+)`", readme, flags=re.M))
    assert listed["administrator"] == "admin"
    assert re.search(r"administrator\s+admin\s+lianbing-demo", out.getvalue())
    words = " ".join(readme.split())
    assert "Unpublishing and moving are for administrators" in words
    assert "unpublishes and moves pages in `/admin/pages/`" in words

    assert client.login(username="admin", password="lianbing-demo")
    root = Site.objects.get(is_default_site=True).root_page
    response = client.get(reverse("wagtailadmin_explore", args=[root.pk]))
    assert response.status_code == 200
    live_child = Page.objects.child_of(root).live().first()
    assert live_child is not None
    permissions = live_child.permissions_for_user(response.wsgi_request.user)
    assert permissions.can_unpublish()
    assert permissions.can_move()
