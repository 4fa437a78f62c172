"""Reads about memory: the due queue and predicted recall.

"Today" is the person's own day: it starts and ends at midnight in the time
zone of their profile (the one they choose in their account settings), or in
the site's TIME_ZONE when they have not chosen one.
"""

import functools
from datetime import datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.cache import cache
from django.db import connections, router
from django.utils import timezone
from wagtail.users.models import UserProfile

from people.models import Person
from requestmemo.prefetch import request_cache_forget, request_cache_get
from rowsql import cursor as cursor_for

from ..conf import quizzes_settings
from ..models import MemoryState, Question, Topic


def time_zone_cache_key(user_id: int) -> str:
    return f"quizzes:time-zone:{user_id}"


def time_zone_cache_keys(user_id: int) -> tuple[str]:
    """Read with the session (requestmemo.prefetch, registered in quizzes.apps)."""
    return (time_zone_cache_key(user_id),)


def person_time_zone(person: Person) -> tzinfo:
    """The zone of the person's profile, or the site's. Kept in the cache (a
    profile's save clears it, see receivers), so pages that show the due
    queue do not pay a query for it; never writes to the database."""
    key = time_zone_cache_key(person.user_id)
    name = request_cache_get(key)
    if name is None:
        name = (
            UserProfile.objects.filter(user_id=person.user_id)
            .values_list("current_time_zone", flat=True)
            .first()
        ) or ""
        cache.set(key, name, 24 * 3600)
        request_cache_forget(key)
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # a zone since removed from the system's database: the site's
    return timezone.get_default_timezone()


def start_of_today(now: datetime, tz: tzinfo | None = None) -> datetime:
    """Midnight at the start of `now`'s day in `tz` (the current zone when None)."""
    tz = tz or timezone.get_current_timezone()
    local = timezone.localtime(now, tz)
    return timezone.make_aware(datetime.combine(local.date(), time.min), tz)


def end_of_today(now: datetime, tz: tzinfo | None = None) -> datetime:
    """Midnight at the end of `now`'s day in `tz` (the current zone when None)."""
    tz = tz or timezone.get_current_timezone()
    local = timezone.localtime(now, tz)
    return timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min), tz)


# The queue's three tables, each with the alias its columns go by.
_QUEUE_TABLES = ((MemoryState, "s"), (Question, "q"), (Topic, "t"))


@functools.cache
def _queue_query(alias: str) -> tuple[str, list]:
    """The due queue's SQL on database `alias`, and for each of its three
    models the field names of its columns and their converters (what the ORM
    applies to each value it reads: SQLite's dates and booleans).

    Written out once instead of built by the ORM on every call: compiling the
    queryset (37 columns, two joins, a subquery) cost more than running it
    (issue 16: at 10,000 trainees of 200 states, the ORM's version spent about
    two thirds of its time in Python). The plan is the same."""
    connection = connections[alias]
    name = connection.ops.quote_name

    def column(model, table_alias: str, field: str) -> str:
        return f"{table_alias}.{name(model._meta.get_field(field).column)}"

    selected, models = [], []
    for model, table_alias in _QUEUE_TABLES:
        fields = model._meta.concrete_fields
        selected += [f"{table_alias}.{name(field.column)}" for field in fields]
        converters = []
        for field in fields:
            col = field.get_col(table_alias)
            found = connection.ops.get_db_converters(col) + field.get_db_converters(connection)
            converters.append([(converter, col) for converter in found])
        models.append((model, [field.attname for field in fields], converters))
    states, questions, topics = (name(model._meta.db_table) for model, _ in _QUEUE_TABLES)
    m, q, t = MemoryState, Question, Topic
    sql = (
        f"SELECT {', '.join(selected)}, "
        # The reviews already done today, on the (person, last_review) index.
        f"(SELECT COUNT(*) FROM {states} r WHERE {column(m, 'r', 'person')} = %s "
        f"AND {column(m, 'r', 'last_review')} >= %s) "
        f"FROM {states} s "
        f"INNER JOIN {questions} q ON {column(q, 'q', 'id')} = {column(m, 's', 'question')} "
        f"INNER JOIN {topics} t ON {column(t, 't', 'id')} = {column(q, 'q', 'topic')} "
        # On the (person, due) index; a question since closed is no longer
        # asked, so it is not due either.
        f"WHERE {column(m, 's', 'person')} = %s AND {column(m, 's', 'due')} < %s "
        f"AND {column(q, 'q', 'is_active')} "
        f"ORDER BY {column(m, 's', 'due')} LIMIT %s"
    )
    return sql, models


def _instance(alias: str, model, names: list[str], converters: list, values, connection):
    values = list(values)
    for position, found in enumerate(converters):
        for converter, col in found:
            values[position] = converter(values[position], col, connection)
    return model.from_db(alias, names, values)


def due_queue(
    person: Person, *, now: datetime | None = None, cap: int | None = None
) -> list[MemoryState]:
    """What this person should still review today, most overdue first: the one
    answer to "what is due and how many" that the home page, the drills page,
    the API, the daily reminder and the daily review (a due-first drill) all
    share. The daily cap counts the reviews already done today, so the day's
    workload stays bounded however often the queue is asked for. Each state
    comes with its question and the question's topic.

    One query, once the person's zone is in the cache: on the (person, due)
    index, with today's count as a subquery on the (person, last_review)
    index (see _queue_query)."""
    now = now or timezone.now()
    cap = quizzes_settings.DAILY_REVIEW_CAP if cap is None else cap
    if cap <= 0:
        return []
    tz = person_time_zone(person)
    alias = router.db_for_read(MemoryState)
    connection = connections[alias]
    sql, models = _queue_query(alias)
    adapt = connection.ops.adapt_datetimefield_value
    params = [person.pk, adapt(start_of_today(now, tz)), person.pk, adapt(end_of_today(now, tz))]
    # Prepared on PostgreSQL from its fifth run on a connection (rowsql): its
    # plan cost the database 0.6 ms on every home page, running it 0.05 ms.
    with cursor_for(alias) as cursor:
        cursor.execute(sql, [*params, cap])
        rows = cursor.fetchall()
    if not rows:
        return []
    left = max(0, cap - rows[0][-1])
    question_field = MemoryState._meta.get_field("question")
    topic_field = Question._meta.get_field("topic")
    queue = []
    for row in rows[:left]:
        objects, start = [], 0
        for model, names, converters in models:
            end = start + len(names)
            objects.append(_instance(alias, model, names, converters, row[start:end], connection))
            start = end
        state, question, topic = objects
        topic_field.set_cached_value(question, topic)
        question_field.set_cached_value(state, question)
        queue.append(state)
    return queue
