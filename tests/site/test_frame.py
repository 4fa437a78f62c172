import pytest
from django.urls import reverse

from people.roles import Role
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_home_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_trainee_home_shows_profile_in_traditional_chinese(client, trainee):
    client.force_login(trainee.user)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hant">' in html
    assert trainee.employee_id in html
    assert "總行 / 華東分行 / 浦東支行 / 浦東一隊" in html
    assert reverse("people:team") not in html, "a trainee has no team link"
    assert reverse("wagtailadmin_home") not in html


def test_manager_home_has_team_panel_and_navigation(client, manager, trainee):
    client.force_login(manager.user)
    html = client.get("/").content.decode()
    assert reverse("people:team") in html
    assert reverse("wagtailadmin_home") in html


def test_administrator_home_has_organisation_and_background_panels(client, org):
    admin = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    client.force_login(admin.user)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("people_roster:upload") in html


def test_trainer_home_has_authoring_panel(client, org):
    trainer = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINER])
    client.force_login(trainer.user)
    html = client.get("/").content.decode()
    assert reverse("wagtailadmin_home") in html


def test_home_query_budget_is_flat(client, manager, org, django_assert_max_num_queries):
    client.force_login(manager.user)
    client.get("/")
    # 12: the session and the user (the rest of the reader from the cache),
    # then the panels: with no course to resume, "My learning" looks up the
    # catalogue to link to; the training plan panel reads the person's open
    # assignments and the follow-up panel their open tasks (one query each);
    # the certification panel asks whether any programme is open or theirs.
    with django_assert_max_num_queries(12) as small:
        assert client.get("/").status_code == 200
    for _ in range(30):
        PersonFactory(unit=org["pudong_team"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get("/").status_code == 200


def test_user_without_profile_gets_a_home_page(client, org):
    client.force_login(UserFactory())
    assert client.get("/").status_code == 200


def test_login_logout_and_password_change(client, trainee):
    response = client.post(
        reverse("login"), {"username": trainee.user.username, "password": "pass-word-123"}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200

    response = client.post(
        reverse("password_change"),
        {
            "old_password": "pass-word-123",
            "new_password1": "a-much-longer-one-2026",
            "new_password2": "a-much-longer-one-2026",
        },
    )
    assert response.status_code == 302
    trainee.user.refresh_from_db()
    assert trainee.user.check_password("a-much-longer-one-2026")

    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


def test_wrong_password_shows_an_error(client, trainee):
    response = client.post(reverse("login"), {"username": trainee.user.username, "password": "no"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_language_switch(client, trainee):
    client.force_login(trainee.user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert '<html lang="zh-hans">' in client.get("/").content.decode()


def test_translations_are_compiled(client, trainee):
    client.force_login(trainee.user)
    html = client.get("/").content.decode()
    assert "我的個人資料" in html  # "My profile" in Traditional Chinese
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "我的个人资料" in client.get("/").content.decode()


def test_404_page(client, trainee):
    client.force_login(trainee.user)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "404" in response.content.decode()


def test_500_page_renders_without_a_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "500" in html and "系統發生錯誤" in html


def test_team_page_only_for_managers(client, trainee, manager):
    client.force_login(trainee.user)
    assert client.get(reverse("people:team")).status_code == 403
    client.force_login(manager.user)
    response = client.get(reverse("people:team"))
    assert response.status_code == 200
    assert trainee.name in response.content.decode()


def test_team_page_query_budget(client, manager, org, django_assert_max_num_queries):
    people = [PersonFactory(unit=org["pudong_team"]) for _ in range(25)]
    client.force_login(manager.user)
    client.get(reverse("people:team"))  # the reader, the site's name and the notices, cached
    with django_assert_max_num_queries(10):
        response = client.get(reverse("people:team"))
    assert response.status_code == 200 and people[-1].name in response.content.decode()


@pytest.mark.parametrize(
    ("language", "suffix"), [("zh-hant", "："), ("zh-hans", "："), ("en", ":")]
)
def test_form_labels_end_with_the_colon_of_the_language(language, suffix):
    from django import forms
    from django.utils import translation

    class Form(forms.Form):
        name = forms.CharField(label="名稱")

    with translation.override(language):
        assert Form()["name"].label_tag().endswith(f"名稱{suffix}</label>")
