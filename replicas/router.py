"""The database router of the read replica (settings.DATABASE_ROUTERS).

Reads go to the replica only inside `replicas.replica_reads()` (the views
marked `reading_from_replica`) and only when a replica is configured. Writes
always go to the primary, even those of an object read from the replica:
Django would otherwise save it where it came from. The replica is never
migrated: it copies the primary, schema included."""

from django.db import DEFAULT_DB_ALIAS

from .context import configured_alias, reading


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        alias = configured_alias()
        if alias and reading():
            return alias
        return None  # Django's own choice: the object's database, else default

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS if configured_alias() else None

    def allow_relation(self, obj1, obj2, **hints):
        # An object read from the replica may be related to one from the primary:
        # they are the same data.
        aliases = {DEFAULT_DB_ALIAS, configured_alias()}
        if obj1._state.db in aliases and obj2._state.db in aliases:
            return True
        return None

    def allow_migrate(self, db, app_label, **hints):
        alias = configured_alias()
        if alias and db == alias:
            return False
        return None
