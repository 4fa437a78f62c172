"""Writes of notices: sending one, marking them read, e-mailing one.

An app sends a notice with::

    from django.utils.translation import gettext_lazy as _
    from notifications.services import notice_send

    notice_send(
        recipient=mentee.user,
        message=_("%(mentor)s is now your mentor"),
        link=pair_url,
        mentor=mentor.name,
    )

The message is rendered in the recipient's language (their Wagtail preference,
else the site's default language) and kept so. The notice is saved in the
caller's transaction; once that commits, its e-mail is sent in the background
(django-q2) where the recipient has an address. A failing mail server never
makes notice_send raise: the task records the error and is retried, at most
NOTIFICATIONS_EMAIL_MAX_ATTEMPTS times (notifications.conf).
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task
from wagtail.users.models import UserProfile

from requestmemo.prefetch import request_cache_forget

from . import conf
from .models import Notice, validate_local_path
from .selectors import UNREAD_KEY

logger = logging.getLogger(__name__)

EMAIL_TASK = "notifications.tasks.notice_email"


class EmailNotSent(Exception):
    """The e-mail of a notice failed and will be tried again."""


def language_of(user) -> str:
    """The language `user` reads in: their Wagtail preference, else LANGUAGE_CODE.
    Read without creating Wagtail's profile row (UserProfile.get_for_user would)."""
    preferred = (
        UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    )
    return preferred or settings.LANGUAGE_CODE


def notice_send(*, recipient, message, link: str = "", **params) -> Notice:
    """Send `recipient` a notice: `message` (a lazy translatable string, with
    %(name)s placeholders filled from `params`) in their language, and `link`
    (a path on this site). Its e-mail follows in the background."""
    validate_local_path(link)
    with translation.override(language_of(recipient)):
        text = str(message) % params if params else str(message)
    notice = Notice.objects.create(recipient=recipient, text=text, link=link)
    _forget_unread_count(recipient.pk)
    if recipient.email:
        transaction.on_commit(lambda: _enqueue_email(notice.pk))
    return notice


def _forget_unread_count(user_id: int) -> None:
    """The header's cached count is stale: now, and again once the transaction
    commits (a page read in between may have cached the old count)."""
    key = UNREAD_KEY.format(user_id)
    cache.delete(key)
    request_cache_forget(key)
    transaction.on_commit(lambda: cache.delete(key))


def _enqueue_email(notice_id: int) -> None:
    try:
        async_task(EMAIL_TASK, notice_id, task_name=f"notice-email-{notice_id}")
    except Exception:  # the broker is down: the notice is saved, its e-mail waits
        logger.exception("notifications: could not queue the e-mail of notice %s", notice_id)


def notice_email_deliver(*, notice_id: int) -> str:
    """Send notice `notice_id` by e-mail, once. On failure the error and the
    attempt are recorded; while attempts remain it raises EmailNotSent, so the
    broker delivers the task again; after the last one it gives up quietly."""
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notice_id)
            .first()
        )
        if notice is None:
            return "gone"
        if notice.emailed_at is not None:
            return "sent already"
        address = notice.recipient.email
        if not address:
            return "no address"
        if notice.email_attempts >= conf.email_max_attempts():
            return "gave up"
        notice.email_attempts += 1
        notice.save(update_fields=["email_attempts"])
    try:
        with translation.override(language_of(notice.recipient)):
            subject = str(
                _("Lianbing notice: %(text)s")
                % {"text": (notice.text.splitlines() or [""])[0][:60]}
            )
            body = notice.text
            if notice.link:
                body += "\n\n" + conf.base_url() + notice.link
        send_mail(subject, body, conf.from_email(), [address])
    except Exception as error:
        Notice.objects.filter(pk=notice.pk).update(
            email_error=f"{type(error).__name__}: {error}"[:1000]
        )
        if notice.email_attempts < conf.email_max_attempts():
            raise EmailNotSent(f"notice {notice.pk}: attempt {notice.email_attempts}") from error
        logger.warning("notifications: gave up e-mailing notice %s: %s", notice.pk, error)
        return "failed"
    Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now(), email_error="")
    return "sent"


def notice_mark_read(*, notice: Notice) -> Notice:
    """Mark one notice read (once: the first reading time is kept)."""
    if notice.read_at is None:
        notice.read_at = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=notice.read_at)
        _forget_unread_count(notice.recipient_id)
    return notice


def notices_mark_all_read(*, user) -> int:
    """Mark every unread notice of `user` read; how many were."""
    count = Notice.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    _forget_unread_count(user.pk)
    return count
