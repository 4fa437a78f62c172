"""requestmemo: an answer is read once per request, and never kept across requests."""

from django.http import HttpResponse
from django.test import RequestFactory

from requestmemo import RequestMemoMiddleware, request_memo, request_memo_forget


def counting():
    calls = []

    def read():
        calls.append(1)
        return len(calls)

    return calls, read


def test_outside_a_request_nothing_is_kept():
    calls, read = counting()
    assert request_memo("k", read) == 1
    assert request_memo("k", read) == 2


def test_inside_a_request_it_is_read_once_and_forgotten_after():
    calls, read = counting()
    seen = []

    def view(request):
        seen.append(request_memo("k", read))
        seen.append(request_memo("k", read))
        request_memo_forget("k")
        seen.append(request_memo("k", read))
        return HttpResponse("ok")

    middleware = RequestMemoMiddleware(view)
    middleware(RequestFactory().get("/"))
    assert seen == [1, 1, 2]
    middleware(RequestFactory().get("/"))
    assert seen[3:] == [3, 3, 4]  # a new request reads again
    assert request_memo("k", read) == 5  # and after it, nothing is kept
