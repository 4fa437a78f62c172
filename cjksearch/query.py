"""Rewriting a modelsearch query into the words of the folded index (see `text`)."""

from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText, SearchQuery

from .text import query_terms

# At most this many words are looked for. modelsearch compiles the words of a query
# into nested expressions, five or six Python calls deeper per word on PostgreSQL, so a
# few hundred words (a long paste, the bigrams of a long CJK run) exceed Python's
# recursion limit. 64 leaves room for the caller's own stack, and is as many bigrams
# as a run of 65 Chinese characters has.
MAX_TERMS = 64


def fold_query(query: SearchQuery, *, english_plurals: bool, prefix: bool) -> SearchQuery:
    """`query` looking for the folded words: 風險 becomes 风险, 客戶經理 the three
    bigrams 客户 户经 经理, all required even when the query's operator is "or"
    (its other words stay alternatives). `prefix`: the query compiler treats the last
    word of plain text as a prefix (autocomplete). Fuzzy and MatchAll are kept.
    Text with no word to look for (only punctuation, say) is left out of the query;
    a query left with nothing matches nothing: `Not(MatchAll())`."""

    def fold(query):
        if isinstance(query, PlainText):
            return _plain_text(query, english_plurals=english_plurals, prefix=prefix)
        if isinstance(query, Phrase):
            terms = query_terms(query.query_string, english_plurals=english_plurals)
            return Phrase(" ".join(terms[:MAX_TERMS])) if terms else None
        if isinstance(query, (And, Or)):
            subqueries = [folded for folded in map(fold, query.subqueries) if folded is not None]
            return type(query)(subqueries) if subqueries else None
        if isinstance(query, Not):
            subquery = fold(query.subquery)
            return None if subquery is None else Not(subquery)
        if isinstance(query, Boost):
            subquery = fold(query.subquery)
            return None if subquery is None else Boost(subquery, query.boost)
        return query

    folded = fold(query)
    return Not(MatchAll()) if folded is None else folded


def _plain_text(query: PlainText, *, english_plurals: bool, prefix: bool) -> SearchQuery | None:
    words = query.query_string.split()
    groups = [
        query_terms(word, english_plurals=english_plurals, prefix=prefix and i == len(words) - 1)
        for i, word in enumerate(words)
    ]
    groups = _at_most(MAX_TERMS, [group for group in groups if group])
    if not groups:
        return None
    if query.operator == "and" or all(len(group) == 1 for group in groups):
        terms = " ".join(" ".join(group) for group in groups)
        return PlainText(terms, operator=query.operator, boost=query.boost)
    # "or" with a word that became several pieces: each word is one alternative.
    return Or([PlainText(" ".join(group), operator="and", boost=query.boost) for group in groups])


def _at_most(count: int, groups: list[list[str]]) -> list[list[str]]:
    """The first `count` terms of `groups`, in their groups."""
    kept = []
    for group in groups:
        if count <= 0:
            break
        kept.append(group[:count])
        count -= len(kept[-1])
    return kept
