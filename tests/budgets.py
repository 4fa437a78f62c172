"""Query budgets: a page is asked twice, the second time counted, so session,
permission and site caches are warm alike at every size."""

from urllib.parse import urlencode


def queries_of(client, url, budget, django_assert_max_num_queries, *, status=200, data=None):
    """The number of queries of a GET of `url` (at most `budget`), after a
    first GET that warms the caches; asserts the status code of both."""
    if data:
        url = f"{url}?{urlencode(data)}"
    assert client.get(url).status_code == status
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(url).status_code == status
    return len(captured.captured_queries)


def session_queries() -> int:
    """What a signed-in request spends reading its session: nothing when
    sessions are read from Redis (cached_db, or requestmemo.sessions built on
    it), one query from the database."""
    from django.conf import settings

    return 0 if settings.SESSION_ENGINE in CACHED_SESSION_ENGINES else 1


CACHED_SESSION_ENGINES = ("django.contrib.sessions.backends.cached_db", "requestmemo.sessions")
