"""Regression: modelsearch was listed in INSTALLED_APPS beside wagtail.search,
whose app config already is a ModelSearchAppConfig, so indexing any page
failed with "Multiple instances of the modelsearch app"."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

pytestmark = pytest.mark.django_db


def test_pages_are_indexed_and_found():
    root = Site.objects.get(is_default_site=True).root_page
    root.add_child(instance=Page(title="Lianbing risk review", slug="risk-review"))
    call_command("update_index", stdout=io.StringIO())
    assert Page.objects.live().search("risk").count() >= 1
