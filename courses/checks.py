"""Tell a host site what the courses app needs from its settings."""

from django.conf import settings
from django.core import checks

from .conf import courses_settings
from .files import DELIVERIES, DELIVERY_DJANGO

FINISH_ACTION = "courses.workflow_actions.publish_approved"


@checks.register(checks.Tags.compatibility)
def check_workflows_publish_approved_pages(app_configs, **kwargs):
    """Approvers hold no publish permission (courses.authoring), so Wagtail's
    default finish action would refuse to publish what they approve."""
    if getattr(settings, "WAGTAIL_FINISH_WORKFLOW_ACTION", None) == FINISH_ACTION:
        return []
    return [
        checks.Error(
            "Approved courses and risk reviews would never go live: WAGTAIL_FINISH_WORKFLOW_ACTION "
            f"is not {FINISH_ACTION!r}.",
            hint=f'Add WAGTAIL_FINISH_WORKFLOW_ACTION = "{FINISH_ACTION}" to the settings.',
            id="courses.E001",
        )
    ]


@checks.register(checks.Tags.security)
def check_files_are_served_after_the_check(app_configs, **kwargs):
    """Documents and images go through courses.files; Wagtail's "direct" and
    "redirect" document serving would hand them to anyone who has the address."""
    errors = []
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) != "serve_view":
        errors.append(
            checks.Error(
                "Documents would be served without checking who asks: WAGTAILDOCS_SERVE_METHOD "
                "is not 'serve_view'.",
                hint='Set WAGTAILDOCS_SERVE_METHOD = "serve_view".',
                id="courses.E002",
            )
        )
    delivery = courses_settings.FILE_DELIVERY
    if delivery not in DELIVERIES:
        errors.append(
            checks.Error(
                f"COURSES_FILE_DELIVERY is {delivery!r}.",
                hint=f"Use one of: {', '.join(DELIVERIES)}.",
                id="courses.E003",
            )
        )
    elif delivery != DELIVERY_DJANGO and getattr(settings, "SENDFILE_BACKEND", None) != (
        "courses.files"
    ):
        errors.append(
            checks.Warning(
                f"Documents are streamed through Django although COURSES_FILE_DELIVERY is "
                f"{delivery!r}: SENDFILE_BACKEND is not 'courses.files'.",
                hint='Set SENDFILE_BACKEND = "courses.files".',
                id="courses.W004",
            )
        )
    return errors


# The certificates' font check (courses.W010) registers itself when imported.
from .certificate_font import check_certificate_font  # noqa: E402, F401
