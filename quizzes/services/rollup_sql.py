"""The set-based SQL of the daily rollups: each statement aggregates in the
database and writes with one INSERT ... SELECT, whatever the number of people,
on SQLite and PostgreSQL alike.

Who is recomputed is a `People` filter: everyone, or the people who answered
in a window of time (a subquery, never a list of ids sent from Python).
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection

from people.models import Person

from ..conf import quizzes_settings
from ..memory_model import DECAY, FACTOR
from ..models import (
    Attempt,
    AttemptItem,
    MasterySnapshot,
    MemoryState,
    PersonTopicDay,
    Question,
    UnitTopicDay,
)

ITEM = AttemptItem._meta.db_table
ATTEMPT = Attempt._meta.db_table
QUESTION = Question._meta.db_table
STATE = MemoryState._meta.db_table
SNAPSHOT = MasterySnapshot._meta.db_table
PERSON_DAY = PersonTopicDay._meta.db_table
UNIT_DAY = UnitTopicDay._meta.db_table
PERSON = Person._meta.db_table


def _moment(value: datetime):
    """A datetime parameter as the backend stores it (naive UTC text on SQLite)."""
    return connection.ops.adapt_datetimefield_value(value)


def _day(value: date):
    return connection.ops.adapt_datefield_value(value)


# Temporary tables of an incremental run (dropped at its end, and with its
# transaction when it fails).
CHANGED = "rollup_changed_people"
PAIRS = "rollup_unit_topics"


@dataclass(frozen=True)
class People:
    """Everyone (no window), or the people with an answer in [since, until);
    once kept (`people_keep`), their ids are read from a temporary table."""

    since: datetime | None = None
    until: datetime | None = None
    table: str | None = None

    @property
    def everyone(self) -> bool:
        return self.since is None

    def subquery(self) -> tuple[str, list]:
        if self.table:
            return f"SELECT person_id FROM {self.table}", []
        return (
            f"SELECT a.person_id FROM {ITEM} i JOIN {ATTEMPT} a ON a.id = i.attempt_id"
            " WHERE i.answered_at >= %s AND i.answered_at < %s",
            [_moment(self.since), _moment(self.until)],
        )

    def where(self, column: str) -> tuple[str, list]:
        """` AND column IN (the people)`, or nothing for everyone."""
        if self.everyone:
            return "", []
        sql, params = self.subquery()
        return f" AND {column} IN ({sql})", params

    def unit_ids(self) -> list[int] | None:
        """The units of the people (None for everyone), read once: a plain list
        keeps the planner off re-running the people's subquery unit by unit."""
        if self.everyone:
            return None
        sql, params = self.subquery()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT p.unit_id FROM {PERSON} p WHERE p.id IN ({sql})", params
            )
            return [row[0] for row in cursor.fetchall()]


def _in_units(column: str, unit_ids: list[int] | None) -> tuple[str, list]:
    """` AND column IN (the units)`, one parameter whatever their number."""
    if unit_ids is None:
        return "", []
    if connection.vendor == "postgresql":
        return f" AND {column} = ANY(%s)", [unit_ids]
    return f" AND {column} IN (SELECT value FROM json_each(%s))", [json.dumps(unit_ids)]


def _elapsed_days() -> str:
    """Days from a memory state's last review to the moment (a parameter), at least 0."""
    if connection.vendor == "postgresql":
        return (
            "GREATEST(0.0, CAST(EXTRACT(EPOCH FROM (CAST(%s AS timestamptz) - m.last_review))"
            " AS double precision) / 86400.0)"
        )
    return "MAX(0.0, julianday(%s) - julianday(m.last_review))"


def _recall() -> str:
    """quizzes.memory_model.retrievability, row by row in the database."""
    return (
        "CASE WHEN m.stability > 0 AND m.last_review IS NOT NULL THEN"
        f" POWER(1.0 + {FACTOR!r} * {_elapsed_days()} / m.stability, {DECAY!r})"
        " ELSE 0.0 END"
    )


def transaction_tune(*, full: bool = True) -> None:
    """On PostgreSQL, for the run's transaction only: aggregate in memory rather
    than on disk, and commit without waiting for the WAL flush (a crash loses
    at most this run's figures, which the next run recomputes; the run is
    marked done in a later, flushed commit, so never without them).

    The full run's snapshot of 100,000 people groups half a million rows
    (about 130 MB of hash table): with 64 MB it spilled to disk. An
    incremental run's statements each read a few thousand rows by index:
    compiling them (JIT) cost more than running them, over a second a run,
    and at the default random_page_cost the planner preferred reading all
    attempts to 20,000 index look-ups (ten times slower on cached pages)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{'256MB' if full else '64MB'}'")
            cursor.execute("SET LOCAL synchronous_commit = off")
            if not full:
                cursor.execute("SET LOCAL jit = off")
                cursor.execute("SET LOCAL random_page_cost = 1.1")


ANALYSED = (SNAPSHOT, PERSON_DAY, UNIT_DAY)


def tables_analyse() -> None:
    """After a full run (PostgreSQL): refresh the planner's statistics of the
    tables it rewrote. Until autovacuum comes by, the planner believes today
    has no snapshot, and the next incremental run's plans took minutes."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in ANALYSED:
            cursor.execute(f"ANALYZE {table}")


def people_keep(people: People) -> People:
    """The people of a window, read once into a temporary table (analysed, so
    each statement starts from their few thousand ids instead of joining the
    window's answers to every attempt again)."""
    sql, params = people.subquery()
    _execute(f"DROP TABLE IF EXISTS {CHANGED}", [])
    _execute(f"CREATE TEMPORARY TABLE {CHANGED} (person_id bigint PRIMARY KEY)", [])
    _execute(f"INSERT INTO {CHANGED} (person_id) SELECT DISTINCT person_id FROM ({sql}) w", params)
    _execute(f"DROP TABLE IF EXISTS {PAIRS}", [])
    _execute(f"CREATE TEMPORARY TABLE {PAIRS} (unit_id bigint, topic_id bigint)", [])
    if connection.vendor == "postgresql":
        _execute(f"ANALYZE {CHANGED}", [])
    return People(since=people.since, until=people.until, table=CHANGED)


def people_release() -> None:
    _execute(f"DROP TABLE IF EXISTS {CHANGED}", [])
    _execute(f"DROP TABLE IF EXISTS {PAIRS}", [])


def unit_topics_note(*, day: date, people: People) -> None:
    """Note the (unit, topic) pairs of the kept people's rows of `day`: called
    before and after they are rewritten, so a topic that left their rows is
    recomputed too."""
    where_snap, snap_params = people.where("s.person_id")
    where_days, days_params = people.where("t.person_id")
    sql = f"""
        INSERT INTO {PAIRS} (unit_id, topic_id)
        SELECT p.unit_id, s.topic_id FROM {SNAPSHOT} s JOIN {PERSON} p ON p.id = s.person_id
        WHERE s.date = %s{where_snap}
        UNION
        SELECT p.unit_id, t.topic_id FROM {PERSON_DAY} t JOIN {PERSON} p ON p.id = t.person_id
        WHERE t.date = %s{where_days}
    """
    _execute(sql, [_day(day), *snap_params, _day(day), *days_params])


def unit_topics_write(*, day: date) -> int:
    """Rewrite the UnitTopicDay rows of `day` of the noted (unit, topic) pairs
    only: a changed person's unit rows of the topics they have, not every topic
    of every unit they are in (a tenth of the rows on the bench's organisation)."""
    if connection.vendor == "postgresql":
        _execute(f"ANALYZE {PAIRS}", [])
    noted = f"(unit_id, topic_id) IN (SELECT unit_id, topic_id FROM {PAIRS})"
    _execute(f"DELETE FROM {UNIT_DAY} WHERE date = %s AND {noted}", [_day(day)])
    sql = f"""
        INSERT INTO {UNIT_DAY} (unit_id, topic_id, date, people, mastery_sum, answers, score_sum)
        SELECT unit_id, topic_id, %s, SUM(pp), SUM(ms), SUM(an), SUM(ss)
        FROM (
            SELECT p.unit_id AS unit_id, s.topic_id AS topic_id, COUNT(*) AS pp,
                SUM(s.mastery) AS ms, 0 AS an, 0.0 AS ss
            FROM (SELECT DISTINCT unit_id, topic_id FROM {PAIRS}) n
                JOIN {PERSON} p ON p.unit_id = n.unit_id
                JOIN {SNAPSHOT} s ON s.person_id = p.id AND s.topic_id = n.topic_id
            WHERE s.date = %s
            GROUP BY p.unit_id, s.topic_id
            UNION ALL
            SELECT p.unit_id, t.topic_id, 0, 0.0, SUM(t.answers), SUM(t.score_sum)
            FROM (SELECT DISTINCT unit_id, topic_id FROM {PAIRS}) n
                JOIN {PERSON} p ON p.unit_id = n.unit_id
                JOIN {PERSON_DAY} t ON t.person_id = p.id AND t.topic_id = n.topic_id
            WHERE t.date = %s
            GROUP BY p.unit_id, t.topic_id
        ) u
        GROUP BY unit_id, topic_id
    """
    return _execute(sql, [_day(day), _day(day), _day(day)])


def _execute(sql: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def snapshots_write(*, day: date, moment: datetime, people: People) -> int:
    """Rewrite the MasterySnapshot of `day` of the people: the same figures as
    `mastery_grid(now=moment)` (mean recall of the topic's memory states, mean
    score of the answers in the accuracy window, their mean when both are known)."""
    where_state, state_params = people.where("m.person_id")
    where_answer, answer_params = people.where("a.person_id")
    where_delete, delete_params = people.where("person_id")
    _execute(f"DELETE FROM {SNAPSHOT} WHERE date = %s{where_delete}", [_day(day), *delete_params])
    recall = "SUM(r_sum) / SUM(r_n)"
    accuracy = "SUM(s_sum) / SUM(s_n)"
    sql = f"""
        INSERT INTO {SNAPSHOT} (person_id, topic_id, date, mastery, recall, accuracy, answers)
        SELECT person_id, topic_id, %s,
            CASE WHEN SUM(r_n) > 0 AND SUM(s_n) > 0 THEN ({recall} + {accuracy}) / 2.0
                 WHEN SUM(r_n) > 0 THEN {recall}
                 WHEN SUM(s_n) > 0 THEN {accuracy}
                 ELSE 0.0 END,
            CASE WHEN SUM(r_n) > 0 THEN {recall} END,
            CASE WHEN SUM(s_n) > 0 THEN {accuracy} END,
            SUM(a_n)
        FROM (
            SELECT m.person_id AS person_id, q.topic_id AS topic_id, SUM({_recall()}) AS r_sum,
                COUNT(*) AS r_n, 0.0 AS s_sum, 0 AS s_n, 0 AS a_n
            FROM {STATE} m JOIN {QUESTION} q ON q.id = m.question_id
            WHERE 1 = 1{where_state}
            GROUP BY m.person_id, q.topic_id
            UNION ALL
            SELECT a.person_id, q.topic_id, 0.0, 0, SUM(i.score), COUNT(i.score), COUNT(*)
            FROM {ITEM} i JOIN {ATTEMPT} a ON a.id = i.attempt_id
                JOIN {QUESTION} q ON q.id = i.question_id
            WHERE i.answered_at >= %s AND i.answered_at <= %s{where_answer}
            GROUP BY a.person_id, q.topic_id
        ) u
        GROUP BY person_id, topic_id
    """
    since = moment - timedelta(days=quizzes_settings.ACCURACY_WINDOW_DAYS)
    params = [
        _day(day),
        _moment(moment),
        *state_params,
        _moment(since),
        _moment(moment),
        *answer_params,
    ]
    return _execute(sql, params)


def person_days_write(*, day: date, start: datetime, end: datetime, people: People) -> int:
    """Rewrite the PersonTopicDay rows of `day` of the people from their
    answers in [start, end)."""
    where_delete, delete_params = people.where("person_id")
    _execute(f"DELETE FROM {PERSON_DAY} WHERE date = %s{where_delete}", [_day(day), *delete_params])
    where, params = people.where("a.person_id")
    sql = f"""
        INSERT INTO {PERSON_DAY} (person_id, topic_id, date, answers, score_sum)
        SELECT a.person_id, q.topic_id, %s, COUNT(*), COALESCE(SUM(i.score), 0.0)
        FROM {ITEM} i JOIN {ATTEMPT} a ON a.id = i.attempt_id
            JOIN {QUESTION} q ON q.id = i.question_id
        WHERE i.answered_at >= %s AND i.answered_at < %s{where}
        GROUP BY a.person_id, q.topic_id
    """
    return _execute(sql, [_day(day), _moment(start), _moment(end), *params])


def unit_days_write(*, day: date, people: People) -> int:
    """Rewrite the UnitTopicDay rows of `day` of the people's units (every
    unit for everyone): sums over each unit's own members of that day's
    snapshots and PersonTopicDay rows."""
    unit_ids = people.unit_ids()
    if unit_ids == []:
        return 0
    where_delete, delete_params = _in_units("unit_id", unit_ids)
    _execute(f"DELETE FROM {UNIT_DAY} WHERE date = %s{where_delete}", [_day(day), *delete_params])
    where_snap, snap_params = _in_units("p.unit_id", unit_ids)
    where_answers, answer_params = _in_units("p.unit_id", unit_ids)
    sql = f"""
        INSERT INTO {UNIT_DAY} (unit_id, topic_id, date, people, mastery_sum, answers, score_sum)
        SELECT unit_id, topic_id, %s, SUM(pp), SUM(ms), SUM(an), SUM(ss)
        FROM (
            SELECT p.unit_id AS unit_id, s.topic_id AS topic_id, COUNT(*) AS pp,
                SUM(s.mastery) AS ms, 0 AS an, 0.0 AS ss
            FROM {SNAPSHOT} s JOIN {PERSON} p ON p.id = s.person_id
            WHERE s.date = %s{where_snap}
            GROUP BY p.unit_id, s.topic_id
            UNION ALL
            SELECT p.unit_id, t.topic_id, 0, 0.0, SUM(t.answers), SUM(t.score_sum)
            FROM {PERSON_DAY} t JOIN {PERSON} p ON p.id = t.person_id
            WHERE t.date = %s{where_answers}
            GROUP BY p.unit_id, t.topic_id
        ) u
        GROUP BY unit_id, topic_id
    """
    params = [_day(day), _day(day), *snap_params, _day(day), *answer_params]
    return _execute(sql, params)


def people_count(people: People, *, day: date) -> int:
    """How many people a run covered: those who answered in its window, or
    (everyone) those with a snapshot of the day."""
    if people.everyone:
        sql, params = (
            f"SELECT COUNT(DISTINCT person_id) FROM {SNAPSHOT} WHERE date = %s",
            [_day(day)],
        )
    else:
        inner, params = people.subquery()
        sql = f"SELECT COUNT(DISTINCT person_id) FROM ({inner}) c"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]
