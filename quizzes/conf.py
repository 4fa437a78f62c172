"""Settings of the quizzes app, with their defaults. Override in the host's settings."""

from django.conf import settings


class QuizzesSettings:
    @property
    def ANSWER_GRACE_SECONDS(self) -> int:
        """Answers this late after the deadline are still taken (network lag)."""
        return getattr(settings, "QUIZZES_ANSWER_GRACE_SECONDS", 5)

    @property
    def DAILY_REVIEW_CAP(self) -> int:
        """At most this many reviews a day in the due queue, so the workload stays bounded."""
        return getattr(settings, "QUIZZES_DAILY_REVIEW_CAP", 30)

    @property
    def IMPORT_MAX_BYTES(self) -> int:
        return getattr(settings, "QUIZZES_IMPORT_MAX_BYTES", 5 * 1024 * 1024)

    @property
    def ACCURACY_WINDOW_DAYS(self) -> int:
        return getattr(settings, "QUIZZES_ACCURACY_WINDOW_DAYS", 30)

    @property
    def ROLLUP_EVERY_MINUTES(self) -> int:
        """The incremental rollup (people who answered since the last run) runs this often."""
        return getattr(settings, "QUIZZES_ROLLUP_EVERY_MINUTES", 15)

    @property
    def ROLLUP_STALE_SECONDS(self) -> int:
        """A rollup run still "running" after this long died: it is marked failed."""
        return getattr(settings, "QUIZZES_ROLLUP_STALE_SECONDS", 10 * 60)


quizzes_settings = QuizzesSettings()
