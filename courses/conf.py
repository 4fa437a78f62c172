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

    @property
    def FILE_DELIVERY(self) -> str:
        """How documents and images are handed over once courses.files has let the
        reader have them: "django" streams them through Django; "x-accel-redirect"
        (nginx) and "x-sendfile" (Apache mod_xsendfile, lighttpd) leave it to the
        web server in front, which must not serve MEDIA_ROOT by itself."""
        return getattr(settings, "COURSES_FILE_DELIVERY", "django")

    @property
    def FILE_DELIVERY_INTERNAL_PREFIX(self) -> str:
        """With X-Accel-Redirect: the nginx `internal` location that maps to MEDIA_ROOT."""
        return getattr(settings, "COURSES_FILE_DELIVERY_INTERNAL_PREFIX", "/protected-media/")

    @property
    def CERTIFICATE_FONT(self) -> str:
        """A TrueType font (.ttf, or a .ttc whose first face is used) with Chinese
        glyphs, on the server: certificates' PDF and print page embed glyphs from it.
        `make install` installs Debian's fonts-wqy-microhei at this default path."""
        return getattr(
            settings,
            "COURSES_CERTIFICATE_FONT",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        )

    @property
    def EFFECTIVENESS_MIN_PEOPLE(self) -> int:
        """Below this many people, a figure of the effectiveness page is marked
        as too few to mean anything (it is still shown)."""
        return getattr(settings, "COURSES_EFFECTIVENESS_MIN_PEOPLE", 5)

    @property
    def EFFECTIVENESS_COMPARISON_MAX(self) -> int:
        """At most this many people are drawn (the same ones on every visit) for
        the comparison groups of one course's effectiveness page."""
        return getattr(settings, "COURSES_EFFECTIVENESS_COMPARISON_MAX", 2000)

    @property
    def REFRESHER_BACKGROUND_THRESHOLD(self) -> int:
        """A refresher drill for more people than this is assigned in the background."""
        return getattr(settings, "COURSES_REFRESHER_BACKGROUND_THRESHOLD", 50)

    @property
    def PLAN_REMINDER_DAYS(self) -> int:
        """How many days before an assignment's due date its trainees are reminded (once)."""
        return getattr(settings, "COURSES_PLAN_REMINDER_DAYS", 3)

    @property
    def FOLLOWUP_REACTION_DUE_DAYS(self) -> int:
        """Days after completing a course by which the trainee answers its reaction survey."""
        return getattr(settings, "COURSES_FOLLOWUP_REACTION_DUE_DAYS", 14)

    @property
    def FOLLOWUP_CHECKPOINT_DUE_DAYS(self) -> int:
        """Days a checkpoint's retention drill and observation have once it comes
        (a +30 checkpoint opens on day 30 and is due on day 30 + this)."""
        return getattr(settings, "COURSES_FOLLOWUP_CHECKPOINT_DUE_DAYS", 14)

    @property
    def FOLLOWUP_RETENTION_QUESTIONS(self) -> int:
        """Questions in a course's retention drill, drawn at random from its topics."""
        return getattr(settings, "COURSES_FOLLOWUP_RETENTION_QUESTIONS", 10)

    @property
    def FOLLOWUP_ESCALATE_AFTER_DAYS(self) -> int:
        """Days after an overdue follow-up task's nudge to its owner before the
        person's line managers are told."""
        return getattr(settings, "COURSES_FOLLOWUP_ESCALATE_AFTER_DAYS", 7)

    @property
    def CASES_MONTHLY_TARGET(self) -> int:
        """How many cases (兩案例) each trainee submits a month."""
        return getattr(settings, "COURSES_CASES_MONTHLY_TARGET", 2)

    @property
    def CASES_ATTACHMENT_MAX_BYTES(self) -> int:
        """The largest file a submitted case may attach; its types are
        WAGTAILDOCS_EXTENSIONS, as for any document."""
        return getattr(settings, "COURSES_CASES_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)

    @property
    def CERTIFICATE_EXPIRY_NOTICE_DAYS(self) -> list[int]:
        """Days before a certificate's expiry on which its holder and their line
        managers are told (each once)."""
        return getattr(settings, "COURSES_CERTIFICATE_EXPIRY_NOTICE_DAYS", [60, 14])

    @property
    def VERIFY_UNKNOWN_LIMIT(self) -> tuple[int, int]:
        """(lookups, seconds): how many unknown codes one client address may ask
        the public verification page for in that many seconds before it is
        answered 429. Known codes are always answered."""
        return getattr(settings, "COURSES_VERIFY_UNKNOWN_LIMIT", (20, 600))

    @property
    def CLIENT_ADDRESS(self) -> str | None:
        """Dotted path of a callable(request) -> the client's address, which the
        verification page counts unknown codes against; None: REMOTE_ADDR. A
        host behind reverse proxies names the one it trusts (the host site:
        hostsite.signin.client_ip_address, as for sign-in throttling)."""
        return getattr(settings, "COURSES_CLIENT_ADDRESS", None)


courses_settings = CoursesSettings()
