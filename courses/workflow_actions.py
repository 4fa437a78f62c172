"""Wagtail's finish action for Lianbing's workflows (WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail imports this while its own models load, so it imports nothing at the top.
"""


def publish_approved(workflow_state, user=None):
    """Publish what the workflow approved. The approval is the authority, so the
    approver needs no publish permission (see courses.authoring)."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
