"""Notices: text in the recipient's language, e-mail in the background with
retries, reading and marking read, the list page and the header's count."""

from datetime import UTC

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.users.models import UserProfile

from notifications import tasks
from notifications.models import Notice
from notifications.selectors import notices_for, unread_count_for
from notifications.services import EmailNotSent, notice_send
from people.roles import Role
from tests.budgets import queries_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# A message Django's own catalogs translate, so the test needs no compiled catalog of ours.
MESSAGE = _("Log in")
FAILING = "tests.notifications.backends.FailingEmailBackend"


@pytest.fixture
def user():
    return UserFactory(username="notice-reader")


def send(recipient, message=MESSAGE, link="/drills/", **params):
    return notice_send(recipient=recipient, message=message, link=link, **params)


# --- language -------------------------------------------------------------------


def test_text_in_the_default_language(user):
    assert send(user).text == "登入"


def test_text_in_the_recipients_preferred_language(user, settings):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    assert send(user).text == "Log in"


def test_text_in_the_recipients_language_not_the_senders(user):
    from django.utils import translation

    with translation.override("en"):
        assert send(user).text == "登入"


def test_parameters_are_filled_in(user):
    notice = send(user, message=_("%(name)s is now your mentor"), name="王芳")
    assert notice.text == "王芳 is now your mentor"


@pytest.mark.parametrize("link", ["https://evil.example/", "//evil.example/", "drills/", "/a b"])
def test_link_must_be_a_local_path(user, link):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        send(user, link=link)
    assert not Notice.objects.exists()


# --- e-mail -----------------------------------------------------------------------


def test_email_sent_after_the_commit(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notice = send(user)
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["notice-reader@example.com"]
    assert "登入" in message.body and message.body.rstrip().endswith("/drills/")
    notice.refresh_from_db()
    assert notice.emailed_at is not None and notice.email_attempts == 1


def test_no_email_without_an_address(django_capture_on_commit_callbacks):
    user = UserFactory(username="no-mail", email="")
    with django_capture_on_commit_callbacks(execute=True):
        notice = send(user)
    assert mail.outbox == []
    notice.refresh_from_db()
    assert notice.emailed_at is None and notice.email_attempts == 0


@override_settings(EMAIL_BACKEND=FAILING, NOTIFICATIONS_EMAIL_MAX_ATTEMPTS=3)
def test_a_failing_mail_server_never_breaks_the_action(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notice = send(user)
    notice.refresh_from_db()
    assert notice.emailed_at is None
    assert notice.email_attempts == 1
    assert "mail server is down" in notice.email_error


@override_settings(EMAIL_BACKEND=FAILING, NOTIFICATIONS_EMAIL_MAX_ATTEMPTS=3)
def test_a_failed_email_is_retried_up_to_the_limit(user):
    notice = send(user)
    for attempt in (1, 2):
        with pytest.raises(EmailNotSent):  # the broker delivers the task again
            tasks.notice_email(notice.pk)
        notice.refresh_from_db()
        assert notice.email_attempts == attempt
    assert tasks.notice_email(notice.pk) == "failed"  # the last one: give up quietly
    assert tasks.notice_email(notice.pk) == "gave up"
    notice.refresh_from_db()
    assert notice.email_attempts == 3 and notice.emailed_at is None
    assert "mail server is down" in notice.email_error


def test_a_retry_after_success_sends_nothing_again(user):
    notice = send(user)
    assert tasks.notice_email(notice.pk) == "sent"
    assert tasks.notice_email(notice.pk) == "sent already"
    assert len(mail.outbox) == 1


# --- selectors --------------------------------------------------------------------


def test_unread_count_in_one_query(user, django_assert_num_queries):
    send(user)
    send(user)
    read = send(user)
    Notice.objects.filter(pk=read.pk).update(read_at=read.created_at)
    send(UserFactory(username="someone-else"))
    with django_assert_num_queries(1):
        assert unread_count_for(user) == 2


def test_notices_newest_first_a_page_at_a_time(user):
    notices = [send(user) for _n in range(55)]
    page = notices_for(user)
    assert len(page) == 50 and page.paginator.count == 55
    assert page[0] == notices[-1]
    assert list(notices_for(user, page=2)) == list(reversed(notices[:5]))


# --- pages ------------------------------------------------------------------------

ROLES = [Role.TRAINEE, Role.TRAINER, Role.RISK_EXPERT, Role.MANAGER, Role.ADMINISTRATOR]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_recipient_marks_read(client, user, role):
    notice = send(user)
    other = UserFactory(username=f"other-{role.value}", roles=[role])
    client.force_login(other)
    assert client.post(reverse("notifications:read", args=[notice.pk])).status_code == 404
    assert client.post(reverse("notifications:read_all")).status_code == 302
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_visitor_is_sent_to_sign_in(client, user):
    notice = send(user)
    for url in (
        reverse("notifications:list"),
        reverse("notifications:read", args=[notice.pk]),
        reverse("notifications:read_all"),
    ):
        response = client.post(url) if "read" in url else client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    notice.refresh_from_db()
    assert notice.read_at is None


def test_the_recipient_marks_read_and_follows_the_link(client, user):
    notice = send(user, link="/drills/")
    client.force_login(user)
    response = client.post(reverse("notifications:read", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == "/drills/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_reading_is_a_post(client, user):
    notice = send(user)
    client.force_login(user)
    assert client.get(reverse("notifications:read", args=[notice.pk])).status_code == 405
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read(client, user):
    for _n in range(3):
        send(user)
    other = send(UserFactory(username="someone-else"))
    client.force_login(user)
    assert client.post(reverse("notifications:read_all")).status_code == 302
    assert unread_count_for(user) == 0
    other.refresh_from_db()
    assert other.read_at is None


def test_the_list_shows_text_time_in_the_users_zone_and_unread(client, user):
    from datetime import datetime

    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = "Europe/London"
    profile.save()
    notice = send(user, message=_("%(name)s is now your mentor"), name="王芳")
    Notice.objects.filter(pk=notice.pk).update(created_at=datetime(2026, 7, 1, 9, 30, tzinfo=UTC))
    client.force_login(user)
    response = client.get(reverse("notifications:list"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "王芳 is now your mentor" in html
    assert "2026-07-01 10:30" in html  # London summer time, not Shanghai
    assert "notice--unread" in html
    assert reverse("notifications:read", args=[notice.pk]) in html


def test_header_shows_the_unread_count(client, user):
    for _n in range(3):
        send(user)
    client.force_login(user)
    html = client.get(reverse("notifications:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'aria-label="3 unread notices"' in html
    assert "Notices (3)" in html


def test_header_has_no_count_for_a_visitor(client):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "unread notice" not in html


@pytest.mark.parametrize("count", [3, 120])
def test_list_query_budget(client, user, count, django_assert_max_num_queries):
    Notice.objects.bulk_create(
        Notice(recipient=user, text=f"通知 {n}", link="/drills/") for n in range(count)
    )
    client.force_login(user)
    url = reverse("notifications:list")
    # Session, user, Wagtail profile (time zone), site name, navigation, the count
    # in the header, the page of notices and its total: the same at every size.
    assert queries_of(client, url, 13, django_assert_max_num_queries) <= 13
    queries_of(client, url, 13, django_assert_max_num_queries, data={"page": 2})


def test_header_count_is_cached_and_follows_sending_and_reading(client, user):
    from notifications.selectors import unread_count_cached

    send(user)
    client.force_login(user)
    url = reverse("notifications:list")
    assert "Notices (1)" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert unread_count_cached(user) == 1
    notice = send(user)
    assert "Notices (2)" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.post(reverse("notifications:read", args=[notice.pk]))
    assert "Notices (1)" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.post(reverse("notifications:read_all"))
    assert "Notices (0)" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_header_count_costs_no_query_once_cached(user, rf, django_assert_num_queries):
    from notifications.context_processors import unread_notices

    send(user)
    request = rf.get("/")
    request.user = user
    assert unread_notices(request)["unread_notices"] == 1
    with django_assert_num_queries(0):
        assert unread_notices(request)["unread_notices"] == 1
