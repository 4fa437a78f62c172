"""Apps reach the host's page and pages through the frame (frame's docstring), so
they install into another Wagtail site: a site maps the frame's names to its own."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse, set_script_prefix
from django.utils import translation

from frame import named_url, navigation_for, page_url
from tests.spies import first_arguments

pytestmark = pytest.mark.django_db


def test_host_pages_default_to_the_host_sites_url_names():
    assert page_url("home") == reverse("home")
    assert page_url("search") == reverse("search")
    assert page_url("login") == resolve_url(settings.LOGIN_URL)


def test_an_unknown_host_page_is_refused_by_name():
    with pytest.raises(ValueError, match="'dashboard'"):
        page_url("dashboard")


def test_a_site_maps_the_host_pages_to_its_own(settings, manager):
    settings.LIANBING_FRAME_PAGES = {"home": "people:team", "search": "/find/"}
    with translation.override("en"):
        urls = {str(item.label): item.url for item in navigation_for(manager.user)}
    assert urls["Home"] == reverse("people:team")
    assert urls["Search"] == "/find/"


def test_frame_url_tag_and_the_catalogues_sign_in_link(settings, client, org):
    settings.LIANBING_FRAME_PAGES = {"login": "/sso/"}
    assert Template('{% load frame %}{% frame_url "login" %}').render(Context()) == "/sso/"
    html = render_to_string(
        "courses/course_index_page.html",
        {"page": _CatalogueStub(), "filters": {}},
    )
    assert 'href="/sso/?next=' in html


def test_app_pages_sit_in_the_sites_base_template():
    html = Template(
        '{% extends "frame/page.html" %}{% block content %}<p id="inside">x</p>{% endblock %}'
    ).render(Context({"site_name": "練兵"}))
    assert 'class="skip-link"' in html, "frame/page.html extends the host's base.html"
    assert '<p id="inside">x</p>' in html


class _CatalogueStub:
    title = "Courses"
    intro = ""


def test_named_url_is_reversed_once_per_process(monkeypatch):
    import frame

    frame._reversed.cache_clear()
    calls = first_arguments(monkeypatch, frame, "reverse")
    assert [named_url("people:team") for _ in range(3)] == [reverse("people:team")] * 3
    assert len(calls) == 1


def test_named_url_follows_the_script_prefix_and_the_url_configuration(settings):
    plain = named_url("people:team")
    set_script_prefix("/lianbing/")
    try:
        assert named_url("people:team") == "/lianbing" + plain
        assert page_url("home") == "/lianbing/"
    finally:
        set_script_prefix("/")
    assert named_url("people:team") == plain
    settings.ROOT_URLCONF = "tests.site.frame_other_urls"
    assert named_url("people:team") == "/other/team/"
    assert page_url("home") == "/other/"
