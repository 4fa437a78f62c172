"""The sign-in backend: Django's ModelBackend, with what a request asks about
its reader (groups, Person, managed units, permissions) read from the shared
cache instead of the database (people.viewer_cache)."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router

from rowsql import Table, table

from .viewer_cache import viewer_of, viewer_user


@functools.cache
def _user_query(db: str) -> tuple[str, Table]:
    users = table(get_user_model(), "u", db)
    name = connections[db].ops.quote_name(users.model._meta.db_table)
    sql = f"SELECT {', '.join(users.columns)} FROM {name} u WHERE {users.column(users.model._meta.pk.name)} = %s"  # noqa: S608
    return sql, users


def _user_read(user_id):
    """The user by primary key, or None: the query ModelBackend makes, written
    out once (built by the ORM it cost more than the ORM work of the rest of an
    answer's save; now made only when the reader's cache entry is missing)."""
    model = get_user_model()
    try:
        user_id = model._meta.pk.to_python(user_id)
    except ValidationError:  # as ModelBackend's get(pk=...): a malformed id finds nobody
        return None
    db = router.db_for_read(model)
    sql, users = _user_query(db)
    with connections[db].cursor() as cursor:
        cursor.execute(sql, [user_id])
        row = cursor.fetchone()
    return None if row is None else users.instance(db, row)


class ViewerCacheBackend(ModelBackend):
    """Reads the user and what requests ask about them from the cached viewer
    (no query on a hit). Permissions of an object stay ModelBackend's (none),
    and so do those of an inactive user."""

    def get_user(self, user_id):
        user = viewer_user(user_id, backend=self)
        return user if user is not None and self.user_can_authenticate(user) else None

    def user_read(self, user_id):
        """The user's row from the database (when the cache does not hold it)."""
        return _user_read(user_id)

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
