"""Create (or, with --fresh, recreate) the bench's own PostgreSQL database.

Only BENCH_DATABASE_URL is read, never DATABASE_URL: the bench wipes tables,
so it must not point at a development or production database by accident.
"""

from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/lianbing_bench"


def database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not name:
        raise SystemExit(f"BENCH_DATABASE_URL names no database: {url}")
    return name


def ensure_database(url: str, *, fresh: bool) -> bool:
    """Make sure the database exists; returns True when it was created."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"The bench runs on PostgreSQL; BENCH_DATABASE_URL is {url}")
    name = database_name(url)
    # CREATE/DROP DATABASE run outside a transaction, from the maintenance database.
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    return False


def server_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def orgscale_marker(url: str) -> dict | None:
    """The generated organisation's marker row (tests/bench/orgscale.py), if any."""
    from tests.bench.orgscale import marker_read

    with psycopg.connect(url) as conn, conn.cursor() as cursor:
        return marker_read(cursor)


def cache_empty(redis_url: str) -> None:
    """Empty the bench's Redis database: what Lianbing keeps there (routes and
    pages by the page tree's generation, readers, sessions) was read from
    whichever bench database ran last, and a page kept from another database
    would be served as this one's. Sessions are written through to the
    database, so nobody is signed out."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        client.flushdb()
    finally:
        client.close()
