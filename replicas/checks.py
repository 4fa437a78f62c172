"""Warn when the replica is configured to the primary itself.

Reading from the primary under another name works, so this is a warning, not
an error: but it takes a second pool of connections from the primary and
relieves it of nothing, which is seldom what was meant. A test mirror
(TEST["MIRROR"]) is the primary on purpose and is not reported."""

from django.conf import settings
from django.core import checks
from django.db import DEFAULT_DB_ALIAS

from .context import configured_alias

SAME_KEYS = ("ENGINE", "NAME", "HOST", "PORT")


def _where(database: dict) -> tuple:
    return tuple(str(database.get(key) or "") for key in SAME_KEYS)


# Not Tags.database: `check` runs those only when given --database.
@checks.register(checks.Tags.compatibility)
def check_replica_is_not_the_primary(app_configs, **kwargs):
    alias = configured_alias()
    if alias is None:
        return []
    replica = settings.DATABASES[alias]
    if (replica.get("TEST") or {}).get("MIRROR"):
        return []
    if _where(replica) == _where(settings.DATABASES[DEFAULT_DB_ALIAS]):
        return [
            checks.Warning(
                f"DATABASE_REPLICA_URL names the primary database itself "
                f"({replica.get('NAME')} on {replica.get('HOST') or 'the local host'}).",
                hint="Point it at a replica of the primary, or leave it unset.",
                id="replicas.W001",
            )
        ]
    return []
