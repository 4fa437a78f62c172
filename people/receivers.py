"""Listeners of the people app."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed

from .roles import GROUP_NAMES, Role
from .services import people_scope_end_for_users


def end_scope_when_manager_role_leaves(sender, instance, action, reverse, pk_set, **kwargs):
    """A user who leaves the manager group (Wagtail's user screens, the group's
    screen, any code) stops managing units in the same transaction."""
    if action not in ("post_remove", "post_clear"):
        return
    if isinstance(instance, Group):  # group.user_set.remove(...) or .clear()
        if instance.name != GROUP_NAMES[Role.MANAGER]:
            return
        if action == "post_clear":
            people_scope_end_for_users(
                user_ids=get_user_model().objects.values_list("pk", flat=True)
            )
        else:
            people_scope_end_for_users(user_ids=pk_set or ())
        return
    people_scope_end_for_users(user_ids=[instance.pk])


def connect():
    m2m_changed.connect(
        end_scope_when_manager_role_leaves,
        sender=get_user_model().groups.through,
        dispatch_uid="people.end_scope_when_manager_role_leaves",
    )
