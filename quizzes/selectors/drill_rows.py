"""The reads of an attempt's start, written out once per database (rowsql):
the drill with whether it is open to the person and their attempt in
progress, and a fixed drill's questions. Built by the ORM, these three
look-ups and two for the questions cost about half of a start's CPU, several
times what running them costs the database.

A person's own units are their unit and every unit above it: the paths that
begin the unit's path (as people.selectors.unit_within compares them)."""

import functools

from django.db import connections, router

from people.models import OrgUnit, Person
from rowsql import Table, table
from rowsql import cursor as cursor_for

from ..models import Attempt, AttemptStatus, Drill, DrillQuestion, Question, QuestionVersion


def own_unit_paths(person: Person) -> list[str]:
    """The paths of the person's unit and of every unit above it."""
    path, step = person.unit.path, person.unit.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def sql_name(db: str, model, field: str | None = None) -> str:
    quote = connections[db].ops.quote_name
    if field is None:
        return quote(model._meta.db_table)
    return quote(model._meta.get_field(field).column)


def audience_takes_in(db: str, drill: Table, levels: int) -> str:
    """The condition that the drill's audience takes the person in: it has
    none, or one of its units is among the person's own `levels` unit paths
    (the statement's parameters, in that order)."""
    audience = Drill._meta.get_field("audience").remote_field.through
    to_drill = sql_name(db, audience, "drill")
    to_unit = sql_name(db, audience, "orgunit")
    units = ", ".join(["%s"] * levels)
    return (
        f"(NOT EXISTS (SELECT 1 FROM {sql_name(db, audience)} da WHERE da.{to_drill} = "
        f"{drill.column('id')}) OR EXISTS (SELECT 1 FROM {sql_name(db, audience)} da "
        f"INNER JOIN {sql_name(db, OrgUnit)} u ON u.{sql_name(db, OrgUnit, 'id')} = da.{to_unit} "
        f"WHERE da.{to_drill} = {drill.column('id')} AND u.{sql_name(db, OrgUnit, 'path')} "
        f"IN ({units})))"
    )


@functools.cache
def _drill_query(db: str, levels: int) -> tuple[str, Table]:
    drill = table(Drill, "d", db)
    sql = (
        f"SELECT {', '.join(drill.columns)}, "  # noqa: S608 (names, not input)
        f"{audience_takes_in(db, drill, levels)}, "
        f"(SELECT a.{sql_name(db, Attempt, 'id')} FROM {sql_name(db, Attempt)} a "
        f"WHERE a.{sql_name(db, Attempt, 'drill')} = {drill.column('id')} "
        f"AND a.{sql_name(db, Attempt, 'person')} = %s AND a.{sql_name(db, Attempt, 'status')} = %s "
        f"ORDER BY a.{sql_name(db, Attempt, 'id')} LIMIT 1) "
        f"FROM {sql_name(db, Drill)} d WHERE {drill.column('id')} = %s "
        f"AND {drill.column('is_active')} = %s"
    )
    return sql, drill


def drill_for_start(*, drill_id: int, person: Person) -> tuple[Drill, bool, int | None] | None:
    """The open drill `drill_id`, whether it is open to the person (its
    audience), and the id of the person's attempt in progress at it (or None);
    None when there is no such open drill. One query."""
    db = router.db_for_read(Drill)
    paths = own_unit_paths(person)
    sql, drill = _drill_query(db, len(paths))
    with cursor_for(db) as cursor:
        cursor.execute(sql, [*paths, person.pk, AttemptStatus.IN_PROGRESS.value, drill_id, True])
        row = cursor.fetchone()
    if row is None:
        return None
    width = len(drill.names)
    return drill.instance(db, row[:width]), bool(row[width]), row[width + 1]


@functools.cache
def _fixed_query(db: str, levels: int) -> tuple[str, tuple[Table, ...]]:
    tables = (table(Question, "q", db), table(QuestionVersion, "v", db))
    question, version = tables
    units = ", ".join(["%s"] * levels)
    sql = (
        f"SELECT {', '.join(c for each in tables for c in each.columns)} "  # noqa: S608
        f"FROM {sql_name(db, DrillQuestion)} dq "
        f"INNER JOIN {sql_name(db, Question)} q "
        f"ON {question.column('id')} = dq.{sql_name(db, DrillQuestion, 'question')} "
        f"INNER JOIN {sql_name(db, QuestionVersion)} v "
        f"ON {version.column('id')} = {question.column('current_version')} "
        f"LEFT OUTER JOIN {sql_name(db, OrgUnit)} u "
        f"ON u.{sql_name(db, OrgUnit, 'id')} = {question.column('owner_unit')} "
        f"WHERE dq.{sql_name(db, DrillQuestion, 'drill')} = %s AND {question.column('is_active')} = %s "
        f"AND (({question.column('owner_person')} IS NULL "
        f"AND {question.column('owner_unit')} IS NULL) "
        f"OR {question.column('owner_person')} = %s "
        f"OR u.{sql_name(db, OrgUnit, 'path')} IN ({units})) "
        f"ORDER BY dq.{sql_name(db, DrillQuestion, 'position')}, dq.{sql_name(db, DrillQuestion, 'id')}"
    )
    return sql, tables


def fixed_questions_for(drill: Drill, person: Person) -> list[Question]:
    """A fixed drill's questions that the person may be asked (questions_askable_to),
    in the drill's order, each with its current version. One query."""
    db = router.db_for_read(Question)
    paths = own_unit_paths(person)
    sql, (question, version) = _fixed_query(db, len(paths))
    with cursor_for(db) as cursor:
        cursor.execute(sql, [drill.pk, True, person.pk, *paths])
        rows = cursor.fetchall()
    width = len(question.names)
    questions = []
    for row in rows:
        each = question.instance(db, row[:width])
        Question._meta.get_field("current_version").set_cached_value(
            each, version.instance(db, row[width:])
        )
        questions.append(each)
    return questions
