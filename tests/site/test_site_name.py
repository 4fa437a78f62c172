"""{{ site_name }}: the Wagtail site's name in the reader's script, from the cache."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Site

pytestmark = pytest.mark.django_db

TEMPLATE = "{{ site_name }}"


def _render(language: str) -> str:
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    with translation.override(language):
        return engines["django"].from_string(TEMPLATE).render({}, request)


@pytest.fixture
def named_site():
    site = Site.objects.get(is_default_site=True)
    site.site_name = "練兵網路學院"
    site.save()
    return site


def test_the_site_name_is_shown_in_the_readers_script(named_site):
    assert _render("zh-hant") == "練兵網路學院"
    assert _render("zh-hans") == "练兵网络学院"


def test_a_renamed_site_shows_its_new_name(named_site, django_assert_num_queries):
    assert _render("zh-hant") == "練兵網路學院"
    with django_assert_num_queries(0):
        assert _render("zh-hant") == "練兵網路學院"  # from the cache
    named_site.site_name = "分行訓練"
    named_site.save()
    assert _render("zh-hans") == "分行训练"


def test_a_site_without_a_name_is_called_lianbing():
    Site.objects.update(site_name="")
    Site.objects.get(is_default_site=True).save()  # forgets the cached names
    assert _render("zh-hans") == "练兵"
