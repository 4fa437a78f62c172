"""Set-based loading on PostgreSQL: the first free id of a table, its identity
sequence moved past what was loaded, and a big table loaded without its
secondary indexes and foreign keys, which are rebuilt afterwards in one pass
each (faster than maintaining them row by row; re-adding a foreign key checks
every loaded row, so a generator that referred to a missing row fails there).
"""

from contextlib import contextmanager


def table(model) -> str:
    return model._meta.db_table


def next_id(cursor, model) -> int:
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table(model)}")  # noqa: S608
    return cursor.fetchone()[0]


def sequence_sync(cursor, model) -> None:
    """Move the id sequence past the ids the generator chose itself."""
    name = table(model)
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608
        f"(SELECT coalesce(max(id), 1) FROM {name}))",
        [name],
    )


def _constraints(cursor, name: str) -> list[tuple[str, str]]:
    """Foreign keys and unique constraints (not the primary key): (name, definition)."""
    cursor.execute(
        """
        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid = %s::regclass AND contype IN ('f', 'u')
        ORDER BY contype DESC, conname
        """,
        [name],
    )
    return cursor.fetchall()


def _plain_indexes(cursor, name: str) -> list[tuple[str, str]]:
    """Indexes that no constraint owns: (name, CREATE INDEX statement)."""
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = %s::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        ORDER BY i.relname
        """,
        [name],
    )
    return cursor.fetchall()


@contextmanager
def bare(cursor, *models):
    """Within the block the tables have only their primary key (and checks);
    on the way out every index and constraint is rebuilt as it was."""
    # Dropping a foreign key needs the tables free of pending deferred checks.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    saved = []
    for model in models:
        name = table(model)
        constraints, indexes = _constraints(cursor, name), _plain_indexes(cursor, name)
        saved.append((name, constraints, indexes))
        for index, _definition in indexes:
            cursor.execute(f'DROP INDEX "{index}"')
        # Unique constraints before foreign keys is the reverse of their order above.
        for constraint, _definition in reversed(constraints):
            cursor.execute(f'ALTER TABLE {name} DROP CONSTRAINT "{constraint}"')
    yield
    for name, constraints, indexes in saved:
        for constraint, definition in constraints:
            cursor.execute(f'ALTER TABLE {name} ADD CONSTRAINT "{constraint}" {definition}')
        for _index, definition in indexes:
            cursor.execute(definition)
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
