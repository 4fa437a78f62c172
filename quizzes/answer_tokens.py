"""The answer token: a signed note, handed to the person who starts (or
resumes) an attempt, that lets its answers skip reading the whole session.

An answer of the morning drill is the most frequent request there is, and
reading its session (with everything read beside it), then the user, then
django-ninja's checks cost about as much as the save itself. The token names
the attempt, the user, and digests of the session key and of the user's
password hash; an answer sent with it (header X-Answer-Token) and the session
cookie is checked by the answer's own query (answer_rows.item_of_token): the
session still exists and has not expired, the user is still active with the
same password, the attempt is theirs. That is what the session's read would
have proved. The header doubles as the CSRF proof: another site can neither
read the token nor send a custom header.

Only with sessions kept in the database (Django's db and cached_db stores,
which Lianbing uses): elsewhere no token is handed out. Without a token, or
when it no longer holds, an answer goes the ordinary way.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.module_loading import import_string

HEADER = "X-Answer-Token"
HEADER_META_KEY = "HTTP_" + HEADER.upper().replace("-", "_")  # as the WSGI environ names it
_SALT = "quizzes.answer-token"
_DIGEST_LENGTH = 20


@dataclass(frozen=True)
class AnswerToken:
    """What a valid token claims: the session (its key, from the cookie), the
    user, and a digest of the user's password hash, still to be checked
    against the database."""

    attempt_id: int
    user_id: int
    session_key: str
    password_digest: str

    def password_matches(self, password_hash: str) -> bool:
        return constant_time_compare(self.password_digest, _digest("password", password_hash))


@functools.cache
def _sessions_in_database(engine: str) -> bool:
    return issubclass(import_string(f"{engine}.SessionStore"), DatabaseSessionStore)


def tokens_enabled() -> bool:
    return _sessions_in_database(settings.SESSION_ENGINE)


# A token is checked by three HMACs (its signature, the session's digest and
# the password's), about a tenth of an answer's save; the morning drill sends
# the same token with each of its ten answers, so each process keeps what it
# worked out: functions of the token, the value and the secret alone.
CHECKS_KEPT = 8192


def _digest(what: str, value: str) -> str:
    return _digest_of(what, value, settings.SECRET_KEY)


@functools.lru_cache(maxsize=CHECKS_KEPT)
def _digest_of(what: str, value: str, secret: str) -> str:
    return salted_hmac(f"{_SALT}.{what}", value, secret=secret, algorithm="sha256").hexdigest()[
        :_DIGEST_LENGTH
    ]


def _unsigned(token: str) -> str | None:
    """The token's value, when its signature is ours; None otherwise."""
    return _unsigned_with(token, settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS))


@functools.lru_cache(maxsize=CHECKS_KEPT)
def _unsigned_with(token: str, secret: str, fallbacks: tuple) -> str | None:
    try:
        return signing.Signer(key=secret, fallback_keys=fallbacks, salt=_SALT).unsign(token)
    except signing.BadSignature:
        return None


def token_for(*, attempt_id: int, user, session_key: str | None) -> str | None:
    """The token for the user's attempt in this session; None where tokens
    are not used (sessions outside the database, no session)."""
    if not session_key or not tokens_enabled():
        return None
    value = ":".join(
        (
            str(attempt_id),
            str(user.pk),
            _digest("session", session_key),
            _digest("password", user.password),
        )
    )
    return signing.Signer(salt=_SALT).sign(value)


def token_read(token: str, *, attempt_id: int, session_key: str | None) -> AnswerToken | None:
    """What the token claims, when it is ours, for this attempt and for the
    session of the cookie sent with it; None otherwise."""
    if not token or not session_key or not tokens_enabled():
        return None
    value = _unsigned(token)
    if value is None:
        return None
    parts = value.split(":")
    if len(parts) != 4 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    attempt, user, session_digest, password_digest = parts
    if int(attempt) != attempt_id:
        return None
    if not constant_time_compare(session_digest, _digest("session", session_key)):
        return None
    return AnswerToken(
        attempt_id=attempt_id,
        user_id=int(user),
        session_key=session_key,
        password_digest=password_digest,
    )
