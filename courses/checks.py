"""Tell a host site what the courses app needs from its settings."""

from django.conf import settings
from django.core import checks

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
