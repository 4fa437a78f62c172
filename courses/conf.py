"""Settings of the courses app, with their defaults. Override in the host's settings."""

from django.conf import settings


class CoursesSettings:
    @property
    def PROTECTED_NAMES(self) -> list[str]:
        """Customer names an author is warned about, besides those in the
        territory fact sheets (see courses.anonymisation)."""
        return getattr(settings, "COURSES_PROTECTED_NAMES", [])

    @property
    def CATALOGUE_CACHE_SECONDS(self) -> int:
        """How long the catalogue rendered for visitors who are not signed in
        is kept at most; any publication clears it sooner. 0 turns the cache off."""
        return getattr(settings, "COURSES_CATALOGUE_CACHE_SECONDS", 300)


courses_settings = CoursesSettings()
