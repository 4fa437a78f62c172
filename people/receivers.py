"""Listeners of the people app."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import OrgUnit, Person
from .roles import GROUP_NAMES, Role
from .services import people_scope_end_for_users
from .viewer_cache import viewer_forget, viewers_changed


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


def forget_user(sender, instance, **kwargs):
    """A user's row changed or went: what is cached about them is read again."""
    viewer_forget(instance.pk)


def forget_person(sender, instance, **kwargs):
    viewer_forget(instance.user_id)


def forget_member(sender, instance, action, reverse, **kwargs):
    """Groups or permissions of a user, or units of a manager, changed: from
    the user's (or person's) side one entry is forgotten, from the other side
    (a group's members, a unit's managers) everyone's."""
    if not action.startswith("post_"):
        return
    if reverse:
        viewers_changed()
    else:
        viewer_forget(getattr(instance, "user_id", None) or instance.pk)


def forget_everyone(sender, **kwargs):
    """A group, a permission or a unit changed: it may be in anyone's entry."""
    viewers_changed()


def connect():
    user_model = get_user_model()
    for signal, action in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(forget_user, sender=user_model, dispatch_uid=f"people.viewer.user_{action}")
        signal.connect(forget_person, sender=Person, dispatch_uid=f"people.viewer.person_{action}")
        for model in (Group, Permission, OrgUnit):
            signal.connect(
                forget_everyone,
                sender=model,
                dispatch_uid=f"people.viewer.{model._meta.model_name}_{action}",
            )
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Person.managed_units.through,
    ):
        m2m_changed.connect(
            forget_member, sender=through, dispatch_uid=f"people.viewer.{through._meta.model_name}"
        )
    m2m_changed.connect(
        forget_everyone,
        sender=Group.permissions.through,
        dispatch_uid="people.viewer.group_permissions",
    )
    m2m_changed.connect(
        end_scope_when_manager_role_leaves,
        sender=get_user_model().groups.through,
        dispatch_uid="people.end_scope_when_manager_role_leaves",
    )
