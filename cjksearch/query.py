"""Rewriting a modelsearch query into the words of the folded index (see `text`)."""

from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText, SearchQuery

from .text import query_terms


def fold_query(query: SearchQuery, *, english_plurals: bool, prefix: bool) -> SearchQuery:
    """`query` looking for the folded words: 風險 becomes 风险, 客戶經理 the three
    bigrams 客户 户经 经理, all required even when the query's operator is "or"
    (its other words stay alternatives). `prefix`: the query compiler treats the last
    word of plain text as a prefix (autocomplete). Fuzzy and MatchAll are kept."""

    def fold(query):
        if isinstance(query, PlainText):
            return _plain_text(query, english_plurals=english_plurals, prefix=prefix)
        if isinstance(query, Phrase):
            terms = query_terms(query.query_string, english_plurals=english_plurals)
            return Phrase(" ".join(terms))
        if isinstance(query, (And, Or)):
            return type(query)([fold(subquery) for subquery in query.subqueries])
        if isinstance(query, Not):
            return Not(fold(query.subquery))
        if isinstance(query, Boost):
            return Boost(fold(query.subquery), query.boost)
        return query

    return fold(query)


def _plain_text(query: PlainText, *, english_plurals: bool, prefix: bool) -> SearchQuery:
    words = query.query_string.split()
    groups = [
        query_terms(word, english_plurals=english_plurals, prefix=prefix and i == len(words) - 1)
        for i, word in enumerate(words)
    ]
    groups = [group for group in groups if group] or [[query.query_string]]
    if query.operator == "and" or all(len(group) == 1 for group in groups):
        terms = " ".join(" ".join(group) for group in groups)
        return PlainText(terms, operator=query.operator, boost=query.boost)
    # "or" with a word that became several pieces: each word is one alternative.
    return Or([PlainText(" ".join(group), operator="and", boost=query.boost) for group in groups])
