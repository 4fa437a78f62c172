"""A person's enrolment on a course and which of its pages they have done,
in one statement written out once per database (rowsql), the same with 10
pages or 5,000. Every course, lesson, case and review page asks it; built
by the ORM, its two queries cost more CPU than the database spent running
them."""

import functools

from django.db import connections, router
from wagtail.models import Page

from rowsql import Table, table
from rowsql import cursor as cursor_for

from ..models import Enrollment, LessonCompletion


@functools.cache
def _progress_query(db: str) -> tuple[str, Table]:
    enrollments = table(Enrollment, "e", db)
    name = connections[db].ops.quote_name
    completions = name(LessonCompletion._meta.db_table)
    done_person = name(LessonCompletion._meta.get_field("person").column)
    done_page = name(LessonCompletion._meta.get_field("page").column)
    pages = name(Page._meta.db_table)
    # One row per page of the course the person has done (at least one row:
    # the person's), each with the enrolment's columns, NULL when there is
    # none. The pages are those below the course's path: the person's
    # completions, not the course's pages, are what the database reads.
    sql = (
        f"SELECT {', '.join(enrollments.columns)}, d.page_id "  # noqa: S608 (names, not input)
        f"FROM (SELECT %s AS person_id) p "
        f"LEFT OUTER JOIN {name(Enrollment._meta.db_table)} e "
        f"ON {enrollments.column('person')} = p.person_id AND {enrollments.column('course')} = %s "
        f"LEFT OUTER JOIN (SELECT c.{done_person} AS person_id, c.{done_page} AS page_id "
        f"FROM {completions} c INNER JOIN {pages} g ON g.{name('id')} = c.{done_page} "
        f"WHERE c.{done_person} = %s AND g.{name('path')} LIKE %s AND g.{name('depth')} = %s) d "
        f"ON d.person_id = p.person_id"
    )
    return sql, enrollments


def enrollment_and_done(*, person_id: int, course) -> tuple[Enrollment | None, set[int]]:
    """The person's enrolment on the course (None when not enrolled) and the
    ids of the course's pages they have done (whether live or readable is the
    caller's to check)."""
    db = router.db_for_read(Enrollment)
    sql, enrollments = _progress_query(db)
    params = [person_id, course.pk, person_id, f"{course.path}%", course.depth + 1]
    with cursor_for(db) as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    width = len(enrollments.names)
    enrollment = enrollments.instance(db, rows[0][:width]) if rows else None
    return enrollment, {row[width] for row in rows if row[width] is not None}


@functools.cache
def _live_enrollments_query(db: str, limited: bool) -> tuple[str, Table]:
    enrollments = table(Enrollment, "e", db)
    name = connections[db].ops.quote_name
    sql = (
        f"SELECT {', '.join(enrollments.columns)} "  # noqa: S608 (names, not input)
        f"FROM {name(Enrollment._meta.db_table)} e INNER JOIN {name(Page._meta.db_table)} g "
        f"ON g.{name('id')} = {enrollments.column('course')} "
        f"WHERE {enrollments.column('person')} = %s AND g.{name('live')} = %s "
        f"ORDER BY {enrollments.column('enrolled_at')} DESC" + (" LIMIT %s" if limited else "")
    )
    return sql, enrollments


def live_enrollments_of(person_id: int, *, limit: int | None) -> list[Enrollment]:
    """The person's enrolments on live courses, newest first, at most `limit`
    (None: all). The home page's "My learning" asks it of every trainee."""
    db = router.db_for_read(Enrollment)
    sql, enrollments = _live_enrollments_query(db, limit is not None)
    params = [person_id, True] + ([limit] if limit is not None else [])
    with cursor_for(db) as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [enrollments.instance(db, row) for row in rows]


@functools.cache
def _done_query(db: str) -> str:
    name = connections[db].ops.quote_name
    return (
        f"SELECT {name(LessonCompletion._meta.get_field('page').column)} "  # noqa: S608 (names)
        f"FROM {name(LessonCompletion._meta.db_table)} "
        f"WHERE {name(LessonCompletion._meta.get_field('person').column)} = %s"
    )


def pages_done_by(person_id: int) -> set[int]:
    """The ids of every page the person has done."""
    db = router.db_for_read(LessonCompletion)
    with cursor_for(db) as cursor:
        cursor.execute(_done_query(db), [person_id])
        return {row[0] for row in cursor.fetchall()}
