"""Searching Wagtail documents and pages through the backend, on the test database
(SQLite, or PostgreSQL with DATABASE_URL)."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from modelsearch.query import And, Not, PlainText
from wagtail.documents.models import Document
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import parse_query_string

from cjksearch.backend import with_indexer

pytestmark = pytest.mark.django_db

CJK = {"default": {"BACKEND": "cjksearch.backend"}}
BASE = {"default": {"BACKEND": "wagtail.search.backends.database"}}


@pytest.fixture
def backend(settings):
    settings.WAGTAILSEARCH_BACKENDS = CJK
    return get_search_backend()


def document(title, *tags):
    doc = Document.objects.create(title=title, file=ContentFile(b"-", name="doc.txt"))
    doc.tags.add(*tags)
    return doc


def index(backend, *objects):
    for obj in objects:
        backend.add(obj)
    return objects


def found(backend, query, queryset=None, **kwargs):
    results = backend.search(query, Document if queryset is None else queryset, **kwargs)
    return [obj.title for obj in results]


@pytest.fixture
def root():
    return Site.objects.get(is_default_site=True).root_page


def page(root, title, slug):
    return root.add_child(instance=Page(title=title, slug=slug))


def test_the_base_backend_does_not_find_a_word_inside_a_longer_run(settings):
    settings.WAGTAILSEARCH_BACKENDS = BASE
    base = get_search_backend()
    index(base, document("風險管理部門"), document("客戶經理培訓"))
    assert found(base, "風險管理部門") == ["風險管理部門"]
    assert found(base, "風險") == []
    assert found(base, "客戶經理") == []


def test_a_two_character_word_is_found_inside_longer_text(backend):
    index(backend, document("風險管理部門"), document("授信審批流程"), document("其他"))
    assert found(backend, "風險") == ["風險管理部門"]
    assert found(backend, "授信") == ["授信審批流程"]
    assert found(backend, "審批流程") == ["授信審批流程"]


def test_simplified_and_traditional_find_each_other(backend):
    index(backend, document("風險管理部門"), document("风险管理办法"))
    assert sorted(found(backend, "风险")) == ["風險管理部門", "风险管理办法"]
    assert sorted(found(backend, "風險管理")) == ["風險管理部門", "风险管理办法"]
    assert found(backend, "管理部門") == ["風險管理部門"]
    assert found(backend, "管理部门") == ["風險管理部門"]


def test_longer_words_do_not_match_text_that_shares_only_some_characters(backend):
    index(
        backend,
        document("每日一口清演練"),
        document("一口氣說清楚"),
        document("客戶經理培訓"),
        document("客戶服務與經理人"),
    )
    assert found(backend, "一口清") == ["每日一口清演練"]
    assert found(backend, "客戶經理") == ["客戶經理培訓"]


def test_one_character_is_found(backend):
    index(backend, document("風險管理部門"), document("授信審批流程"))
    assert found(backend, "險") == ["風險管理部門"]
    assert found(backend, "审") == ["授信審批流程"]


def test_english_singular_and_plural_find_each_other(backend):
    index(
        backend,
        document("Risk cases of 2024"),
        document("A case study"),
        document("Credit policies"),
    )
    assert sorted(found(backend, "case")) == ["A case study", "Risk cases of 2024"]
    assert sorted(found(backend, "cases")) == ["A case study", "Risk cases of 2024"]
    assert found(backend, "policy") == ["Credit policies"]
    assert found(backend, "credit policies") == ["Credit policies"]


def test_mixed_chinese_and_english(backend):
    index(backend, document("LPR利率調整說明"), document("LPR 報價"), document("存款利率"))
    assert found(backend, "LPR 利率") == ["LPR利率調整說明"]
    assert found(backend, "lpr利率") == ["LPR利率調整說明"]
    assert sorted(found(backend, "LPR")) == ["LPR 報價", "LPR利率調整說明"]
    assert sorted(found(backend, "利率")) == ["LPR利率調整說明", "存款利率"]


def test_or_keeps_the_pieces_of_a_chinese_word_together(backend):
    index(backend, document("客戶經理培訓"), document("LPR 報價"), document("客戶服務"))
    results = found(backend, "客戶經理 LPR", operator="or")
    assert sorted(results) == ["LPR 報價", "客戶經理培訓"]


def test_phrases_and_negation(backend):
    index(backend, document("風險管理部門"), document("管理風險的方法"), document("LPR利率"))
    assert found(backend, parse_query_string('"風險管理"')[1]) == ["風險管理部門"]
    assert found(backend, parse_query_string('"LPR 利率"')[1]) == ["LPR利率"]
    assert found(backend, parse_query_string('"利率 LPR"')[1]) == []
    query = And([PlainText("管理"), Not(PlainText("部門"))])
    assert found(backend, query) == ["管理風險的方法"]


def test_a_title_match_ranks_first(backend):
    # Created first: ties are broken by the newest first, so only the score puts it first.
    index(backend, document("風險提示函"))
    index(backend, document("季度工作報告與說明", "風險"), document("客戶名單", "授信"))
    assert found(backend, "風險") == ["風險提示函", "季度工作報告與說明"]


def test_autocomplete_finds_the_start_of_a_word(backend):
    index(backend, document("風險管理部門"), document("Credit policies"), document("Polygon"))
    assert found(backend, "風險管理部門") == ["風險管理部門"]
    autocomplete = backend.autocomplete
    assert [d.title for d in autocomplete("風險管", Document)] == ["風險管理部門"]
    assert [d.title for d in autocomplete("風", Document)] == ["風險管理部門"]
    assert [d.title for d in autocomplete("polic", Document)] == ["Credit policies"]
    # "poly" looks for "pol", as "policy" is indexed as "polici": looser, never missing.
    assert "Polygon" in [d.title for d in autocomplete("poly", Document)]


def test_pages_are_found_and_the_callers_queryset_filter_holds(backend, root):
    kept = page(root, "風險案例一：授信審批", "case-1")
    left_out = page(root, "風險案例二：抵押品", "case-2")
    page(root, "客戶經理手冊", "handbook")
    index(backend, *Page.objects.filter(pk__in=[kept.pk, left_out.pk]))
    assert sorted(p.title for p in backend.search("风险", Page)) == [
        "風險案例一：授信審批",
        "風險案例二：抵押品",
    ]
    restricted = Page.objects.exclude(pk=left_out.pk)
    assert [p.title for p in backend.search("風險", restricted)] == ["風險案例一：授信審批"]
    assert [p.title for p in restricted.search("風險")] == ["風險案例一：授信審批"]
    assert [p.title for p in restricted.autocomplete("風險案")] == ["風險案例一：授信審批"]


def test_pages_are_indexed_when_saved_and_found_by_the_admin_search(
    backend, root, client, django_user_model
):
    page(root, "授信審批流程說明", "credit-approval")
    page(root, "其他頁面", "other")
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.com", "pw"))
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "审批"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "授信審批流程說明" in content
    assert "其他頁面" not in content


def test_update_index_rebuilds_with_the_folding(settings):
    settings.WAGTAILSEARCH_BACKENDS = BASE
    index(get_search_backend(), document("風險管理部門"))
    settings.WAGTAILSEARCH_BACKENDS = CJK
    backend = get_search_backend()
    assert found(backend, "風險") == []
    call_command("update_index", stdout=io.StringIO())
    assert found(backend, "風險") == ["風險管理部門"]


def test_the_indexer_swap_leaves_modelsearch_alone_and_fails_loudly_when_it_cannot_apply(
    backend,
):
    index_class = backend.index_class
    base_index = index_class.__mro__[1]
    base_indexer = base_index.add_items.__globals__["ObjectIndexer"]
    assert index_class.add_items.__code__ is base_index.add_items.__code__
    assert index_class.add_items.__globals__["ObjectIndexer"] is not base_indexer
    assert issubclass(index_class.add_items.__globals__["ObjectIndexer"], base_indexer)
    with pytest.raises(ImproperlyConfigured):
        with_indexer(base_index.delete_item, base_indexer)
