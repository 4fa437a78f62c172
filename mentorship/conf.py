"""Settings of mentorship, with their defaults. Override in the host's settings.

MENTORSHIP_DEFAULT_CAPACITY: mentees a mentor takes at once unless they say (2).
MENTORSHIP_MAX_CAPACITY: the most a profile may offer (6).
MENTORSHIP_STRONG_MASTERY: measured mastery (0 to 1) at or above which a
  topic counts as a strength; a claimed strength below it is flagged (0.7).
MENTORSHIP_WEAK_MASTERY: mastery below which a mentee's topic is a need (0.6).
MENTORSHIP_MATCH_WEIGHTS: the weights of a suggestion's score: "coverage"
  (a mentor strong where the mentee is weak), "proximity" (close in the
  organisation tree), "load" (spread mentees over mentors).
MENTORSHIP_EARLY_END_COOLDOWN_DAYS: a pair that ended early is never
  suggested or assigned again within this many days (183, six months).
MENTORSHIP_BACKGROUND_THRESHOLD: suggestion runs for more mentees than this
  go to the background with progress shown (200).
MENTORSHIP_RUN_STALE_SECONDS: a suggestion run that has given no sign of life
  for this long shows as failed (600); the schedule then marks it so.
MENTORSHIP_CHECKIN_NUDGE_DAYS: an active pair without a check-in for this many
  days is nudged (21); MENTORSHIP_CHECKIN_ESCALATE_DAYS: after this many more
  days without one, the manager is told (7).
MENTORSHIP_COMPARISON_SERVICE_YEARS: a comparable colleague (outcomes) was hired
  within this many years of the mentee (2).
MENTORSHIP_COMPARISON_MASTERY_MARGIN: and started the period within this much
  of the mentee's mastery of the agreed topics (0.15, on the 0 to 1 scale).
MENTORSHIP_COMPARISON_MIN_COLLEAGUES: fewer comparable colleagues than this and
  the comparison is flagged as too thin; such pairs count in no mentor's
  ranking (3).
"""

from django.conf import settings

DEFAULT_WEIGHTS = {"coverage": 1.0, "proximity": 0.5, "load": 0.3}


class MentorshipSettings:
    @property
    def DEFAULT_CAPACITY(self) -> int:
        return getattr(settings, "MENTORSHIP_DEFAULT_CAPACITY", 2)

    @property
    def MAX_CAPACITY(self) -> int:
        return getattr(settings, "MENTORSHIP_MAX_CAPACITY", 6)

    @property
    def STRONG_MASTERY(self) -> float:
        return getattr(settings, "MENTORSHIP_STRONG_MASTERY", 0.7)

    @property
    def WEAK_MASTERY(self) -> float:
        return getattr(settings, "MENTORSHIP_WEAK_MASTERY", 0.6)

    @property
    def MATCH_WEIGHTS(self) -> dict[str, float]:
        return {**DEFAULT_WEIGHTS, **getattr(settings, "MENTORSHIP_MATCH_WEIGHTS", {})}

    @property
    def EARLY_END_COOLDOWN_DAYS(self) -> int:
        return getattr(settings, "MENTORSHIP_EARLY_END_COOLDOWN_DAYS", 183)

    @property
    def BACKGROUND_THRESHOLD(self) -> int:
        return getattr(settings, "MENTORSHIP_BACKGROUND_THRESHOLD", 200)

    @property
    def RUN_STALE_SECONDS(self) -> int:
        return getattr(settings, "MENTORSHIP_RUN_STALE_SECONDS", 600)

    @property
    def CHECKIN_NUDGE_DAYS(self) -> int:
        return getattr(settings, "MENTORSHIP_CHECKIN_NUDGE_DAYS", 21)

    @property
    def CHECKIN_ESCALATE_DAYS(self) -> int:
        return getattr(settings, "MENTORSHIP_CHECKIN_ESCALATE_DAYS", 7)

    @property
    def COMPARISON_SERVICE_YEARS(self) -> float:
        return getattr(settings, "MENTORSHIP_COMPARISON_SERVICE_YEARS", 2)

    @property
    def COMPARISON_MASTERY_MARGIN(self) -> float:
        return getattr(settings, "MENTORSHIP_COMPARISON_MASTERY_MARGIN", 0.15)

    @property
    def COMPARISON_MIN_COLLEAGUES(self) -> int:
        return getattr(settings, "MENTORSHIP_COMPARISON_MIN_COLLEAGUES", 3)


mentorship_settings = MentorshipSettings()
