"""The approval step of Lianbing's authoring workflows."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Revision


class PeerApprovalTask(AbstractGroupApprovalTask):
    """Approval by a member of the chosen groups who took no part in what is
    approved: not the author who submitted, nor anyone who edited the page while
    it waited (a senior trainer does not approve their own course, nor a risk
    expert their own review). A superuser may approve anything."""

    def _took_part(self, obj, user) -> bool:
        state = getattr(obj, "current_workflow_state", None)
        if state is None:
            return False
        if state.requested_by_id == user.pk:
            return True
        return Revision.objects.filter(
            base_content_type=obj.get_base_content_type(),
            object_id=str(obj.pk),
            created_at__gte=state.created_at,
            user=user,
        ).exists()

    def get_actions(self, obj, user):
        if not user.is_superuser and self._took_part(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, but never what they submitted themselves")

    class Meta:
        verbose_name = _("peer approval task")
        verbose_name_plural = _("peer approval tasks")
