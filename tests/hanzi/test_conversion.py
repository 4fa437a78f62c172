"""Traditional text shown in Simplified: mainland words, not character by character;
once per text, then from the cache."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import SafeData, mark_safe

from hanzi import conversion
from hanzi.conversion import in_reader_script, simplify, simplify_message, to_simplified
from hanzi.glossary import terms
from tests.spies import first_arguments


@pytest.mark.parametrize(
    ("hant", "hans"),
    [
        ("資訊", "信息"),
        ("軟體", "软件"),
        ("登入", "登录"),
        ("搜尋", "搜索"),
        ("使用者", "用户"),
        ("網路", "网络"),
        ("檔案", "文件"),
        ("程式", "程序"),
        ("設定", "设置"),
        ("匯入名冊", "导入名册"),
        ("客戶經理", "客户经理"),
        ("培訓計劃", "培训计划"),
        # The glossary's Simplified terms win over OpenCC's phrase tables.
        ("登出", "退出登录"),
        ("預設主題", "默认主题"),
        ("「一口清」", "“一口清”"),
    ],
)
def test_traditional_becomes_simplified_with_mainland_words(hant, hans):
    assert simplify(hant) == hans


def test_every_glossary_term_converts_to_its_simplified_term():
    for term in terms():
        if term.hans:
            assert simplify(term.hant) == term.hans, term.en


@pytest.fixture
def counted_conversions(monkeypatch):
    """How many times the converter really ran, with empty caches."""
    calls = first_arguments(monkeypatch, conversion, "simplify")
    conversion.local_cache.clear()
    from django.core.cache import cache

    cache.clear()
    yield calls
    conversion.local_cache.clear()


def test_the_same_text_is_converted_once(counted_conversions):
    assert to_simplified("軟體資訊") == "软件信息"
    assert to_simplified("軟體資訊") == "软件信息"
    assert counted_conversions == ["軟體資訊"]


def test_another_process_reads_the_conversion_from_the_shared_cache(counted_conversions):
    to_simplified("網路設定")
    conversion.local_cache.clear()  # as if another process served the next reader
    assert to_simplified("網路設定") == "网络设置"
    assert counted_conversions == ["網路設定"]


def test_text_without_chinese_is_not_converted(counted_conversions):
    assert to_simplified("Lianbing 2026") == "Lianbing 2026"
    assert counted_conversions == []


def test_only_simplified_readers_get_the_conversion():
    with translation.override("zh-hans"):
        assert in_reader_script("使用者資訊") == "用户信息"
    with translation.override("zh-hant"):
        assert in_reader_script("使用者資訊") == "使用者資訊"
    with translation.override("en"):
        assert in_reader_script("使用者資訊") == "使用者資訊"


def test_safe_html_stays_safe_and_plain_text_is_still_escaped():
    with translation.override("zh-hans"):
        converted = in_reader_script(mark_safe("<p>軟體</p>"))
        assert isinstance(converted, SafeData)
        assert converted == "<p>软件</p>"
        html = Template("{% load hanzi %}{{ title|reader_script }}").render(
            Context({"title": "<b>軟體</b>"})
        )
    assert html == "&lt;b&gt;软件&lt;/b&gt;"


@pytest.mark.parametrize(
    ("hant", "hans"),
    [
        # Taiwan and Hong Kong: rows are 列, columns 欄; the mainland: rows 行, columns 列.
        ("第 %(row)d 列第 %(col)d 欄：%(message)s", "第 %(row)d 行第 %(col)d 列：%(message)s"),
        ("第 %(line)d 行第 %(column)d 欄", "第 %(line)d 行第 %(column)d 列"),  # a line of text
        ("檔案超過 %(max)d 列", "文件超过 %(max)d 行"),
        ("請把單位寫在「單位」欄中。", "请把单位写在“单位”列中。"),
        ("此列有問題", "此行有问题"),
        ("資料列", "数据行"),
        ("列", "行"),
        ("第一列為欄位名稱", "第一行为列名"),
        ("列出全部問題", "列出全部问题"),  # 列出 is to list, not a row
    ],
)
def test_interface_messages_count_rows_and_columns_the_mainlands_way(hant, hans):
    assert simplify_message(hant) == hans


def test_content_is_converted_without_the_interface_rules():
    assert simplify("此列車開往台北") == "此列车开往台北"
