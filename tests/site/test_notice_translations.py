"""The notices that plans and certificates send are in the catalogues: they are
marked where makemessages finds them (gettext_lazy itself, not an alias)."""

import pytest
from django.utils import translation

NOTICES = [
    "%(item)s is due on %(due)s",
    "%(count)s training items of your people are overdue: %(names)s",
    "Your certificate of %(programme)s is issued",
    "Your certificate of %(programme)s is renewed",
    "Your certificate of %(programme)s was revoked: %(reason)s",
    "%(person)s's certificate of %(programme)s expires on %(expires)s",
]


@pytest.mark.parametrize("message", NOTICES)
def test_a_notice_is_translated(message):
    with translation.override("zh-hant"):
        assert translation.gettext(message) != message
