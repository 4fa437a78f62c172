"""Who a signed-in user is, kept in the shared cache between requests.

Every signed-in page asks the same questions about its reader: their user
row, which groups (roles), which Person, which units they manage, which
permissions. Each was a query on every request. `viewer_user` answers them
from one cache read (the
shared cache, Redis in production, so every web process sees the same
answers) and fills the per-request caches the selectors already keep on the
user object (`people.selectors.user_roles`, `managed_units_of`, `user.person`).

Kept correct by two kinds of forgetting, each also run again once the
transaction commits (a reader in between could otherwise cache what it read
before the commit):
- a change that concerns one user (their row, groups, permissions, Person,
  managed units) deletes that user's entry (`viewer_forget`);
- a change that may concern many (a group's permissions, a unit renamed or
  moved, a roster import, a group's members from the group's side) starts a
  new generation (`viewers_changed`), and every entry of an older one is
  read as missing.
The receivers are in people.receivers; services that write in bulk (without
signals) call these functions themselves.
"""

from dataclasses import dataclass
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction

from replicas import primary_reads
from requestmemo.prefetch import request_cache_forget, request_cache_get_many

from .models import OrgUnit, Person
from .roles import GROUP_NAMES, ROLE_BY_GROUP_NAME, Role
from .viewer_rows import (
    group_permissions_of,
    reader_rows,
    unit_path_of,
    units_managed_by_person,
    user_permissions_of,
)

GENERATION_KEY = "people:viewers:generation"
ENTRY_SECONDS = 6 * 60 * 60  # a bound on what a change made outside Lianbing's code leaves stale
# Part of each entry's key: a release that changes what an entry holds reads
# none of the older entries (they would unpickle without the new fields).
ENTRY_FORMAT = 2


@dataclass(frozen=True)
class Viewer:
    generation: str
    # The user's row as read (its password hash included, which the session's
    # check needs; the cache is as trusted as the database it mirrors).
    user: object
    groups: tuple[tuple[int, str], ...]
    person: Person | None
    unit_path: tuple[str, ...]  # names from the root down to the person's unit
    managed_units: tuple[OrgUnit, ...]
    user_permissions: frozenset[str]
    group_permissions: frozenset[str]


def _entry_key(user_id: int) -> str:
    return f"people:viewer:{ENTRY_FORMAT}:{user_id}"


def viewer_cache_keys(user_id: int) -> tuple[str, str]:
    """What viewer_user reads for `user_id`: read with the session
    (requestmemo.prefetch, registered in people.apps)."""
    return GENERATION_KEY, _entry_key(user_id)


def _generation_now() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid4().hex[:16], None)
        generation = cache.get(GENERATION_KEY)
    return generation


def viewer_user(user_id, *, backend):
    """The user `user_id` with its viewer applied, or None when there is no
    such user. One cache round trip on a hit; read from the database (six
    queries) when missing or of an older generation."""
    key = _entry_key(user_id)
    found = request_cache_get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or _generation_now()
    viewer = found.get(key)
    if not (isinstance(viewer, Viewer) and viewer.generation == generation):
        with primary_reads():  # kept for the generation: never from a replica behind it
            viewer = _viewer_read(user_id, backend=backend, generation=generation)
        if viewer is None:
            return None
        cache.set(key, viewer, ENTRY_SECONDS)
        request_cache_forget(key)
    # Every cache read unpickles fresh objects, and a Viewer just read was
    # pickled by cache.set already: what the request sets on its user stays there.
    user = viewer.user
    viewer_apply(user, viewer)
    return user


def _viewer_read(user_id, *, backend, generation: str) -> Viewer | None:
    """The entry of `user_id` from the database (people.viewer_rows), or None
    when there is no such user."""
    rows = reader_rows(user_id)
    if rows is None:
        return None
    user, person = rows.user, rows.person
    group_names = {name for _pk, name in rows.groups}
    return Viewer(
        generation=generation,
        user=user,
        groups=rows.groups,
        person=person,
        unit_path=unit_path_of(person.unit, generation=generation) if person is not None else (),
        # Only a manager manages (people.selectors.units_managed_by).
        managed_units=(
            tuple(units_managed_by_person(person))
            if person is not None and GROUP_NAMES[Role.MANAGER] in group_names
            else ()
        ),
        **_permissions_of(user, rows.groups, backend=backend, generation=generation),
    )


def _permissions_of(user, groups, *, backend, generation: str) -> dict[str, frozenset[str]]:
    """ModelBackend's permissions of `user`: none when inactive, every one for
    a superuser (the backend's own reads), else their own and their groups'."""
    if not user.is_active:
        return {"user_permissions": frozenset(), "group_permissions": frozenset()}
    if user.is_superuser:
        return {
            "user_permissions": frozenset(backend.user_permissions_read(user)),
            "group_permissions": frozenset(backend.group_permissions_read(user)),
        }
    return {
        "user_permissions": user_permissions_of(user),
        "group_permissions": group_permissions_of(
            tuple(pk for pk, _name in groups), generation=generation
        ),
    }


def viewer_apply(user, viewer: Viewer) -> None:
    """Fill the request's caches on `user` that the selectors read."""
    user._lianbing_group_ids = {pk for pk, _name in viewer.groups}
    roles = {ROLE_BY_GROUP_NAME[name] for _pk, name in viewer.groups if name in ROLE_BY_GROUP_NAME}
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    user._lianbing_roles = roles
    user._lianbing_managed_units = list(viewer.managed_units)
    user._lianbing_viewer = viewer
    if viewer.person is not None:
        # Assigning the reverse one-to-one fills Django's cache of it: no query
        # when code reads `user.person`.
        user.person = viewer.person


def viewer_of(user) -> Viewer | None:
    """The viewer filled in for this request, if the user came through the backend."""
    return getattr(user, "_lianbing_viewer", None)


def viewer_forget(*user_ids: int) -> None:
    """Forget what is cached about these users, now and once the transaction commits."""
    keys = [_entry_key(user_id) for user_id in user_ids if user_id]
    if not keys:
        return
    cache.delete_many(keys)
    request_cache_forget(*keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def viewers_changed() -> None:
    """Start a new generation: every cached viewer is read again on next use."""

    def bump():
        cache.set(GENERATION_KEY, uuid4().hex[:16], None)
        request_cache_forget(GENERATION_KEY)

    bump()
    transaction.on_commit(bump)
