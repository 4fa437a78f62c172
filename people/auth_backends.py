"""The sign-in backend: Django's ModelBackend, with what a request asks about
its reader (groups, Person, managed units, permissions) read from the shared
cache instead of the database (people.viewer_cache)."""

from django.contrib.auth.backends import ModelBackend

from .viewer_cache import viewer_of, viewer_user


class ViewerCacheBackend(ModelBackend):
    """Reads the user and what requests ask about them from the cached viewer
    (no query on a hit). Permissions of an object stay ModelBackend's (none),
    and so do those of an inactive user."""

    def get_user(self, user_id):
        user = viewer_user(user_id, backend=self)
        return user if user is not None and self.user_can_authenticate(user) else None

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
