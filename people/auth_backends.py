"""The sign-in backend: Django's ModelBackend, with what a request asks about
its reader (groups, Person, managed units, permissions) read from the shared
cache instead of the database (people.viewer_cache)."""

from django.contrib.auth.backends import ModelBackend

from .viewer_cache import viewer_apply, viewer_for, viewer_of


class ViewerCacheBackend(ModelBackend):
    """Loads the user (one query, as ModelBackend does) and fills the request's
    caches from the cached viewer. Permissions of an object stay ModelBackend's
    (none), and so do those of an inactive user."""

    def get_user(self, user_id):
        user = super().get_user(user_id)
        if user is not None:
            viewer_apply(user, viewer_for(user, backend=self))
        return user

    def user_permissions_read(self, user) -> set[str]:
        return set(super().get_user_permissions(user))

    def group_permissions_read(self, user) -> set[str]:
        return set(super().get_group_permissions(user))

    def get_user_permissions(self, user_obj, obj=None):
        viewer = viewer_of(user_obj)
        if viewer is None or obj is not None or not user_obj.is_active:
            return super().get_user_permissions(user_obj, obj)
        return set(viewer.user_permissions)

    def get_group_permissions(self, user_obj, obj=None):
        viewer = viewer_of(user_obj)
        if viewer is None or obj is not None or not user_obj.is_active:
            return super().get_group_permissions(user_obj, obj)
        return set(viewer.group_permissions)
