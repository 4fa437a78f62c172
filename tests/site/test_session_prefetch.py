"""requestmemo.sessions and requestmemo.prefetch: a signed-in request reads
its session and the keys the apps ask for next in one cache round trip,
and nothing read that way outlives the request or reaches another user."""

from contextlib import contextmanager

import pytest
from django.core.cache import cache, caches
from django.test import Client, override_settings

from notifications.selectors import UNREAD_KEY
from notifications.services import notice_send
from people.viewer_cache import viewer_cache_keys
from requestmemo import sessions
from requestmemo.prefetch import request_keys_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("prefetching_sessions")]


@pytest.fixture
def prefetching_sessions():
    with override_settings(SESSION_ENGINE="requestmemo.sessions"):
        sessions._user_of_session.clear()
        yield
        sessions._user_of_session.clear()


@contextmanager
def cache_reads():
    """Every get and get_many of the default cache (the sessions' too), by its keys."""
    backend = type(caches["default"])
    seen: list[list[str]] = []
    get, get_many = backend.get, backend.get_many

    inside = []  # a backend's get_many may call its own get: one round trip all the same

    def counted(method, keys):
        def call(self, key_or_keys, *args, **kwargs):
            if not inside:
                seen.append(keys(key_or_keys))
            inside.append(1)
            try:
                return method(self, key_or_keys, *args, **kwargs)
            finally:
                inside.pop()

        return call

    counted_get = counted(get, lambda key: [key])
    counted_get_many = counted(get_many, list)

    backend.get, backend.get_many = counted_get, counted_get_many
    try:
        yield seen
    finally:
        backend.get, backend.get_many = get, get_many


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_apps_name_their_keys_for_a_user():
    keys = request_keys_for(42)
    assert set(viewer_cache_keys(42)) <= set(keys)
    assert UNREAD_KEY.format(42) in keys
    assert UNREAD_KEY.format(43) not in keys


def test_a_signed_in_request_reads_the_session_and_the_reader_in_one_round_trip(trainee):
    client = signed_in(trainee.user)
    assert client.get("/api/quizzes/drills").status_code == 200  # this process meets the session
    with cache_reads() as seen:
        assert client.get("/api/quizzes/drills").status_code == 200
    session_reads = [keys for keys in seen if any("sessions" in key for key in keys)]
    assert len(session_reads) == 1
    assert set(viewer_cache_keys(trainee.user_id)) <= set(session_reads[0])
    # The reader's entry came with the session: it is not read again.
    entry = viewer_cache_keys(trainee.user_id)[1]
    assert [keys for keys in seen if entry in keys] == session_reads


def test_a_page_reads_what_came_with_the_session_and_nothing_else_of_it(trainee):
    client = signed_in(trainee.user)
    assert client.get("/drills/").status_code == 200
    with cache_reads() as seen:
        assert client.get("/drills/").status_code == 200
    fetched = set(request_keys_for(trainee.user_id))
    again = [key for keys in seen[1:] for key in keys if key in fetched]
    assert seen[0][1:] and set(seen[0][1:]) == fetched and again == []


def test_a_change_is_seen_on_the_next_request(trainee):
    client = signed_in(trainee.user)
    assert client.get("/drills/").status_code == 200
    assert client.get("/drills/").status_code == 200  # the count came with the session
    assert "notice-link--unread" not in client.get("/drills/").content.decode()
    notice_send(recipient=trainee.user, message="請完成課程", link="/", title="提醒")
    response = client.get("/drills/")
    assert response.status_code == 200 and "notice-link--unread" in response.content.decode()
    assert cache.get(UNREAD_KEY.format(trainee.user_id)) == 1


def test_another_users_keys_are_never_kept_for_a_session(trainee, manager):
    client = signed_in(trainee.user)
    assert client.get("/api/quizzes/drills").status_code == 200
    session_key = client.cookies["sessionid"].value
    # Were the process to remember the wrong user for this session, what came
    # back for that user would be dropped: the session names who reads.
    sessions._user_of_session[session_key] = str(manager.user_id)
    response = client.get("/api/quizzes/drills")
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == trainee.user_id
    assert sessions._user_of_session[session_key] == str(trainee.user_id)


def test_a_signed_out_session_is_not_served_from_what_the_process_remembers(trainee):
    client = signed_in(trainee.user)
    stolen = Client()
    stolen.cookies = client.cookies.__class__(client.cookies)
    assert stolen.get("/api/quizzes/drills").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert stolen.get("/api/quizzes/drills").status_code == 401


def test_sessions_in_another_cache_come_alone(trainee, settings):
    settings.CACHES = {**settings.CACHES, "sessions": settings.CACHES["default"]}
    settings.SESSION_CACHE_ALIAS = "sessions"
    client = signed_in(trainee.user)
    assert client.get("/api/quizzes/drills").status_code == 200
    with cache_reads() as seen:
        assert client.get("/api/quizzes/drills").status_code == 200
    session_reads = [keys for keys in seen if any("sessions" in key for key in keys)]
    assert session_reads and all(len(keys) == 1 for keys in session_reads)


def test_taking_part_in_mentoring_comes_with_the_session_and_a_change_is_seen(trainee, manager):
    """The navigation's "takes part in mentoring" is kept per user so that it
    comes with the session; a nomination shows Mentoring on the next page."""
    from django.urls import reverse

    from mentorship.selectors.profiles import membership_cache_key
    from mentorship.services.profiles import mentor_nominate

    assert membership_cache_key(trainee.user_id) in request_keys_for(trainee.user_id)
    client = signed_in(trainee.user)
    hub = f'href="{reverse("mentorship:home")}"'
    assert hub not in client.get("/drills/").content.decode()
    with cache_reads() as seen:
        assert client.get("/drills/").status_code == 200
    key = membership_cache_key(trainee.user_id)
    assert [keys for keys in seen if key in keys] == [seen[0]]  # with the session only
    mentor_nominate(person=trainee, by_user=manager.user)
    assert hub in client.get("/drills/").content.decode()
