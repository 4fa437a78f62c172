"""Settings of the people app, with their defaults. Override in the host's settings."""

from django.conf import settings


class PeopleSettings:
    @property
    def SCOPE_EXTENSIONS(self) -> list[str]:
        """Dotted paths of callables `(user) -> Q | None` over Person that widen
        whom a user may see (the mentorship app adds a mentor's active mentees);
        None widens it by nobody."""
        return getattr(settings, "PEOPLE_SCOPE_EXTENSIONS", [])

    @property
    def ROSTER_MAX_ROWS(self) -> int:
        return getattr(settings, "PEOPLE_ROSTER_MAX_ROWS", 20000)

    @property
    def ROSTER_MAX_BYTES(self) -> int:
        return getattr(settings, "PEOPLE_ROSTER_MAX_BYTES", 5 * 1024 * 1024)

    @property
    def ROSTER_APPLY_CHUNK(self) -> int:
        """Rows written per bulk step when a roster is applied (progress moves per step)."""
        return getattr(settings, "PEOPLE_ROSTER_APPLY_CHUNK", 5000)

    @property
    def TEAM_PAGE_SIZE(self) -> int:
        """People per page of "My team"."""
        return getattr(settings, "PEOPLE_TEAM_PAGE_SIZE", 50)


people_settings = PeopleSettings()
