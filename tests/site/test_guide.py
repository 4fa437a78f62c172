"""Lianbing's own guide, served by the site itself (the intranet reaches no
outside help): Markdown pages kept in the repository, for signed-in people,
and every help link of the admin points to it."""

import re

import pytest
from django.urls import reverse

from people.roles import Role
from tests.budgets import queries_of
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

ROLES = [Role.TRAINEE, Role.TRAINER, Role.RISK_EXPERT, Role.MANAGER, Role.ADMINISTRATOR]


@pytest.fixture
def trainer(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (reverse("guide:index"), reverse("guide:page", args=["author-a-course"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_index_and_a_page(client, org, role):
    person = PersonFactory(unit=org["head"], user__roles=[role])
    client.force_login(person.user)
    response = client.get(reverse("guide:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for slug, title in [
        ("author-a-course", "編寫課程（內訓師）"),
        ("review-and-approve", "審核與核准（資深內訓師、風險專家）"),
        ("import-questions", "匯入題目（內訓師）"),
        ("morning-drill", "晨會一口清（管理者）"),
        ("administer", "管理組織、帳號與頁面（管理員）"),
        ("risk-reviews", "撰寫風險案例解析（風險專家）"),
    ]:
        assert f'<a href="{reverse("guide:page", args=[slug])}">{title}</a>' in html
    response = client.get(reverse("guide:page", args=["morning-drill"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>晨會一口清（管理者）</h1>" in html
    assert "<strong>答對</strong>" in html  # Markdown rendered
    assert re.search(r'<a href="/drills/morning/"[^>]*>/drills/morning/</a>', html)


def test_an_unknown_page_is_404(client, trainer):
    client.force_login(trainer.user)
    assert client.get(reverse("guide:page", args=["nothing-here"])).status_code == 404
    assert client.get("/guide/..%2Fsettings/").status_code == 404


def test_the_guide_links_nowhere_outside(client, trainer):
    client.force_login(trainer.user)
    for slug in ("author-a-course", "administer", "import-questions"):
        html = client.get(reverse("guide:page", args=[slug])).content.decode()
        main = html[html.index("<main") :]
        assert not re.search(r'href="(https?:)?//', main), slug


@pytest.fixture
def guide_of(tmp_path, monkeypatch):
    """A guide of `count` pages in a folder of its own."""
    import hostsite.guide as guide

    def make(count):
        for n in range(count):
            (tmp_path / f"{n:03d}-page-{n}.md").write_text(f"# 第{n}頁\n\n摘要{n}\n\n**內文**\n")
        monkeypatch.setattr(guide, "PAGES_DIR", tmp_path)
        guide.guide_pages.cache_clear()

    yield make
    guide.guide_pages.cache_clear()


@pytest.mark.parametrize("count", [1, 40])
def test_guide_query_budget(client, trainer, count, guide_of, django_assert_max_num_queries):
    guide_of(count)
    client.force_login(trainer.user)
    queries_of(client, reverse("guide:index"), 10, django_assert_max_num_queries)
    html = client.get(reverse("guide:index")).content.decode()
    assert f"第{count - 1}頁" in html
    queries_of(client, reverse("guide:page", args=["page-0"]), 10, django_assert_max_num_queries)


def admin_home(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_the_admins_help_menu_and_account_summary_point_to_our_guide(client, trainer):
    html = admin_home(client, trainer.user)
    assert "guide.wagtail.org" not in html
    guide = reverse("guide:index")
    # The help menu is drawn from JSON by the admin's script; the account summary is HTML.
    assert f'"url": "{guide}"' in html
    assert f'href="{guide}"' in html
    assert "Lianbing guide" in html


def test_the_editors_content_checks_explainer_links_to_our_guide(client, trainer, org):
    from wagtail.models import Site

    from courses.models import CourseIndexPage

    root = Site.objects.get(is_default_site=True).root_page
    catalogue = root.add_child(instance=CourseIndexPage(title="課程", slug="courses"))
    client.force_login(trainer.user)
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["courses", "coursepage", catalogue.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "guide.wagtail.org" not in html
    assert "How we calculate our metrics" in html


def test_admin_titles_end_in_the_sites_name(client, trainer):
    html = admin_home(client, trainer.user)
    title = re.search(r"<title>(.*?)</title>", html, flags=re.S).group(1)
    assert title.strip().endswith("- 練兵"), title
