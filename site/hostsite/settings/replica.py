"""The optional read replica (replicas/), read by base.py.

With DATABASE_REPLICA_URL set (a streaming replica of the primary), the
dashboards and reports marked replicas.reading_from_replica read from the
database alias "replica"; every write and every other page stays on the
primary. Unset: everything on the primary. The router is installed either way
and does nothing without a replica."""

import dj_database_url

from .env import env_str

ROUTERS = ["replicas.router.ReplicaRouter"]


def replica_configured(databases: dict) -> tuple[dict, str | None, list[str]]:
    """DATABASES with the replica added, REPLICAS_ALIAS and DATABASE_ROUTERS."""
    url = env_str("DATABASE_REPLICA_URL")
    if not url:
        return databases, None, ROUTERS
    return {**databases, "replica": dj_database_url.parse(url, conn_max_age=60)}, "replica", ROUTERS
