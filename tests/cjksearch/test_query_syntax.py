"""What a visitor types is looked for as words, never read as query syntax by
SQLite FTS5 or PostgreSQL tsquery (on the test database: SQLite, or PostgreSQL
with DATABASE_URL)."""

import pytest
from django.test import Client
from django.urls import reverse
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from wagtail.models import Page, Site

from cjksearch.query import MAX_TERMS, fold_query
from cjksearch.text import query_terms
from courses.models import CourseIndexPage, CoursePage

pytestmark = pytest.mark.django_db

RISK = "風險管理辦法"
CREDIT = "授信審批流程"
CASES = "Review the cases early"
COURSE = "授信入門"

# Operators, quotes and column filters of FTS5 and tsquery, SQL-looking text, %
# (modelsearch fills its query in with %), control characters, full-width and
# typographic punctuation, and input far longer than the site's own 100 characters.
HOSTILE = [
    *['"', '""', '"""', '"風險', '風險"', 'a"b', "'", "''", "it's", "'a':*"],
    *["*", "**", "風險*", "*風險", "^", "^風險", ":", "title:風險", "{title}: 風險"],
    *["{title body} : x", "(", ")", "()", "(授信", "授信)", "((風險)"],
    *["-", "--", "-風險", "風險 -", "e-mail", "+", "+授信", "C++", "C#"],
    *["&", "&&", "|", "||", "!", "!風險", "<", ">", "<->", "a <2> b", "x & y | !z"],
    *["\\", "\\\\", "風險\\", "\\'", "NEAR", "NEAR(風險 授信)", "NEAR(風險 授信, 2)"],
    *["風險 NEAR 授信", "AND", "OR", "NOT", "風險 AND", "AND 授信", "風險 OR 授信"],
    *["NOT 風險", "風險 NOT 授信", "and or not", "the", "%", "%s", "%(x)s", "100%", "%%"],
    *[";", "' OR 1=1 --", "/* */", "$1", "?", "@@", "#", "~", "`", "=", "[風險]"],
    *[",", ".", "...", "/", "a/b", "https://example.com/?q=1&r=2", "3.5"],
    *["\x00", "風\x00險", "a\x00b", "\x00\x00", "\t\n\r", "\x1b[0m", "\x7f", "\u0085"],
    *["\u3000", "\u3000風險\u3000", "。，、！？", "「授信」", "【風險】", "…", "“風險”"],
    *["😀", "風險😀", "\u200b", "\ufeff", "\u0301", "ﬁ", "①"],
    *["風險" * 2000, "風" * 5000, "risk " * 2000, "x" * 10000, '"' * 1000, "(" * 1000],
    *["授信 " * 500, "風險-" * 1000, "a" * 100 + '"'],
]


@pytest.fixture
def pages():
    root = Site.objects.get(is_default_site=True).root_page
    for n, title in enumerate([RISK, CREDIT, CASES]):
        root.add_child(instance=Page(title=title, slug=f"page-{n}"))
    catalogue = root.add_child(instance=CourseIndexPage(title="課程", slug="courses"))
    catalogue.add_child(
        instance=CoursePage(title=COURSE, slug="credit", objectives="認識授信", audience="全員")
    )
    return catalogue


@pytest.fixture
def trainee_client(trainee):
    client = Client()
    client.force_login(trainee.user)
    return client


def search_page(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'role="search"' in content
    return content


def catalogue_page(client, catalogue, query):
    response = client.get(catalogue.url, {"q": query})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="f-q" name="q"' in content
    return content


@pytest.mark.parametrize("query", HOSTILE, ids=lambda query: ascii(query[:20]))
def test_query_syntax_in_a_search_is_not_an_error(pages, trainee_client, query):
    found = [page.title for page in Page.objects.live().search(query)]
    assert set(found) <= {RISK, CREDIT, CASES, COURSE, "課程"}
    Page.objects.live().search(query).count()
    list(Page.objects.live().autocomplete(query))
    search_page(trainee_client, query)
    catalogue_page(trainee_client, pages, query)


@pytest.mark.parametrize("query", ["", "   ", "\x00 \x00", '" ( ) -', "\ud800", "(\udfff)"])
def test_a_query_of_nothing_but_syntax_finds_nothing(pages, query):
    assert list(Page.objects.live().search(query)) == []
    assert list(Page.objects.live().autocomplete(query)) == []


def titles(query):
    return sorted(page.title for page in Page.objects.live().search(query))


@pytest.mark.parametrize(
    ("query", "word", "title"),
    [
        ('"風險"', "風險", RISK),
        ("(授信)", "授信", CREDIT),
        ("「授信」", "授信", CREDIT),
        ("“风险”", "风险", RISK),
        ("風險*", "風險", RISK),
        ("^風險", "風險", RISK),
        ("-風險", "風險", RISK),
        ("+授信!", "授信", CREDIT),
        ("'授信'", "授信", CREDIT),
        ('"風險', "風險", RISK),
        ('風險 "', "風險", RISK),
        ("風險 -", "風險", RISK),
        ("\\風險\x00", "風險", RISK),
        ("(審批)", "審批", CREDIT),
        ('"cases"', "cases", CASES),
        ("(case)", "case", CASES),
        ('"review" "CASES"', "review cases", CASES),
    ],
)
def test_a_word_with_punctuation_around_it_is_still_found(
    pages, trainee_client, query, word, title
):
    assert title in titles(word)
    assert titles(query) == titles(word)
    assert title in search_page(trainee_client, query)


def test_a_double_quote_inside_a_word_cuts_it_as_the_index_does(pages):
    # The engines cut text at the quote: review"the is "review the", cas"es "cas es".
    assert titles('review"the') == [CASES]
    assert titles('cas"es') == []
    assert titles('"review"the"') == [CASES]


def test_double_quotes_in_phrases_and_negations_built_by_a_caller(pages):
    def search(query):
        return sorted(page.title for page in Page.objects.live().search(query))

    assert search(Phrase('review"the')) == [CASES]
    assert search(Phrase('"風險"')) == [RISK]
    assert search(And([PlainText('"授信'), Not(PlainText('"審批"'))])) == [COURSE]
    assert CASES not in search(Not(PlainText('cases"early')))
    assert RISK in search(Not(PlainText('cases"early')))
    assert search(Or([Phrase('"'), PlainText('風險"')])) == [RISK]


def test_the_catalogue_search_finds_a_quoted_word(pages, trainee_client):
    assert COURSE in catalogue_page(trainee_client, pages, '"授信"')
    assert COURSE not in catalogue_page(trainee_client, pages, '"風險"')


def test_words_without_a_letter_or_digit_are_left_out_of_the_query():
    assert query_terms('"風險" (授信) - a"b \x00', english_plurals=False) == ["风险", "授信", 'a"b']
    fold = {"english_plurals": False, "prefix": False}
    assert repr(fold_query(PlainText('" - ('), **fold)) == repr(Not(MatchAll()))
    assert repr(fold_query(Phrase("「」"), **fold)) == repr(Not(MatchAll()))
    query = And([PlainText("管理"), Not(PlainText("-")), Or([Phrase('"'), PlainText("*")])])
    assert repr(fold_query(query, **fold)) == repr(And([PlainText("管理")]))


def test_a_long_query_looks_for_its_first_terms():
    fold = {"english_plurals": False, "prefix": False}
    assert len(fold_query(PlainText("風" * 5000), **fold).query_string.split()) == MAX_TERMS
    folded = fold_query(PlainText("客戶經理 " * 100, operator="or"), **fold)
    assert sum(len(part.query_string.split()) for part in folded.subqueries) == MAX_TERMS
