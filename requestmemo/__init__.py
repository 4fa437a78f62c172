"""Answers kept for the length of one request.

Some answers are read from the shared cache several times while one page is
made (the page tree's generation, for instance): each read is a round trip to
Redis. `request_memo(key, read)` reads once per request and hands the same
answer to every later caller in that request. The middleware opens the memo
when a request arrives and drops it when the response leaves, so nothing is
kept from one request to the next; outside a request (a task, a command, a
test calling a function directly) nothing is kept at all and `read` runs
every time.

Only for answers that may stay as they were when first read until the
request ends; a change the request itself makes must replace them
(`request_memo_forget`).
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_memo: ContextVar[dict | None] = ContextVar("lianbing_request_memo", default=None)


def request_memo(key: str, read: Callable[[], T]) -> T:
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def request_memo_forget(key: str) -> None:
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)


class RequestMemoMiddleware:
    """Opens an empty memo for each request and closes it after the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
