"""A person's choices at a case's decision points, in one statement written
out once per database and number of points (rowsql). Every view of a case
asks it; built by the ORM, the query cost a seventh of the case page's CPU,
several times what the database spent on it."""

import functools

from django.db import connections, router

from rowsql import Table, table
from rowsql import cursor as cursor_for

from ..models import DecisionChoice

# Statements kept per database and number of points: a case has a handful.
STATEMENTS_KEPT = 64


@functools.lru_cache(maxsize=STATEMENTS_KEPT)
def _choices_query(db: str, points: int) -> tuple[str, Table]:
    choices = table(DecisionChoice, "c", db)
    name = connections[db].ops.quote_name
    markers = ", ".join(["%s"] * points)
    sql = (
        f"SELECT {', '.join(choices.columns)} "  # noqa: S608 (names, not input)
        f"FROM {name(DecisionChoice._meta.db_table)} c "
        f"WHERE {choices.column('person')} = %s "
        f"AND {choices.column('decision_point')} IN ({markers})"
    )
    return sql, choices


def choices_at(*, person_id: int, point_ids: list[int]) -> dict[int, DecisionChoice]:
    """{decision point id: the person's choice there} over `point_ids`."""
    if not point_ids:
        return {}
    db = router.db_for_read(DecisionChoice)
    sql, choices = _choices_query(db, len(point_ids))
    with cursor_for(db) as cursor:
        cursor.execute(sql, [person_id, *point_ids])
        rows = cursor.fetchall()
    found = (choices.instance(db, row) for row in rows)
    return {choice.decision_point_id: choice for choice in found}
