"""The folding itself: what is indexed and what is looked for."""

import pytest
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

from cjksearch.query import fold_query
from cjksearch.text import CJK_RUN, english_word, index_text, query_terms, simplified


def test_index_text_has_bigrams_in_place_and_single_characters_at_the_end():
    assert index_text("風險管理部門", english_plurals=False).split() == [
        *["风险", "险管", "管理", "理部", "部门"],
        *["风", "险", "管", "理", "部", "门"],
    ]


def test_a_lone_character_is_indexed_once_in_place():
    assert index_text("A 險 B", english_plurals=False).split() == ["A", "险", "B"]


def test_cjk_runs_are_cut_from_latin_letters_and_full_width_forms_are_folded():
    assert index_text("ＬＰＲ利率上調", english_plurals=False).split()[:4] == [
        "LPR",
        "利率",
        "率上",
        "上调",
    ]


def test_simplified_folds_one_character_at_a_time():
    # Phrase-level OpenCC keeps 乾隆 but folds 乾 alone to 干: per character both fold alike.
    assert simplified("乾隆") == "干隆"
    assert simplified("风险 風險") == "风险 风险"


@pytest.mark.parametrize(
    "text",
    ["授信審批流程與風險管理", "客戶經理每日一口清，LPR利率調整", "乾隆年間的著名案例"],
)
def test_every_piece_of_chinese_text_is_found_in_its_index_text(text):
    indexed = set(index_text(text, english_plurals=True).split())
    for run in CJK_RUN.findall(text):
        for start in range(len(run)):
            for end in range(start + 1, len(run) + 1):
                assert set(query_terms(run[start:end], english_plurals=True)) <= indexed


def test_query_terms_are_the_bigrams_without_single_characters():
    assert query_terms("客戶經理", english_plurals=False) == ["客户", "户经", "经理"]
    assert query_terms("險", english_plurals=False) == ["险"]
    assert query_terms("LPR利率", english_plurals=False) == ["LPR", "利率"]


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("case", "cases"),
        ("policy", "policies"),
        ("box", "boxes"),
        ("branch", "branches"),
        ("class", "classes"),
        ("status", "statuses"),
        ("loan", "loans"),
        ("day", "days"),
        ("KPI", "KPIs"),
        ("ID", "IDs"),
    ],
)
def test_english_word_is_shared_by_singular_and_plural(singular, plural):
    assert english_word(singular) == english_word(plural)


@pytest.mark.parametrize("word", ["bus", "gas", "process", "analysis", "use"])
def test_english_word_keeps_words_that_only_look_plural(word):
    assert english_word(word) == word


def test_a_typed_prefix_stays_a_prefix_of_what_it_would_find():
    assert english_word("poly", prefix=True) == "pol"  # finds polygon and policy (polici)
    assert english_word("cases", prefix=True) == "cas"
    assert query_terms("risk polic", english_plurals=True, prefix=True) == ["risk", "polic"]


def test_fold_query_keeps_the_query_tree():
    query = And([Phrase("風險管理"), Not(PlainText("cases")), Boost(PlainText("授信"), 2)])
    folded = fold_query(query, english_plurals=True, prefix=False)
    assert repr(folded) == repr(
        And([Phrase("风险 险管 管理"), Not(PlainText("cas")), Boost(PlainText("授信"), 2)])
    )
    fuzzy = Fuzzy("風險")
    assert fold_query(fuzzy, english_plurals=True, prefix=False) is fuzzy


def test_fold_query_or_keeps_the_pieces_of_one_word_together():
    folded = fold_query(
        PlainText("客戶經理 LPR", operator="or"), english_plurals=False, prefix=False
    )
    assert repr(folded) == repr(Or([PlainText("客户 户经 经理"), PlainText("LPR")]))
    folded = fold_query(PlainText("風險 LPR", operator="or"), english_plurals=False, prefix=False)
    assert repr(folded) == repr(PlainText("风险 LPR", operator="or"))
