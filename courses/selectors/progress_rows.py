"""A person's enrolment on a course and which of its pages they have done,
in one statement written out once per database (rowsql). Every course,
lesson, case and review page asks it; built by the ORM, its two queries cost
more CPU than the database spent running them."""

import functools

from django.db import connections, router

from rowsql import Table, table

from ..models import Enrollment, LessonCompletion


@functools.lru_cache(maxsize=256)
def _progress_query(db: str, pages: int) -> tuple[str, Table]:
    enrollments = table(Enrollment, "e", db)
    name = connections[db].ops.quote_name
    completions = name(LessonCompletion._meta.db_table)
    done_person = name(LessonCompletion._meta.get_field("person").column)
    done_page = name(LessonCompletion._meta.get_field("page").column)
    listed = ", ".join(["%s"] * pages) or "NULL"
    # One row per page done (at least one row: the person's), each with the
    # enrolment's columns, NULL when there is none.
    sql = (
        f"SELECT {', '.join(enrollments.columns)}, c.{done_page} "  # noqa: S608 (names, not input)
        f"FROM (SELECT %s AS person_id) p "
        f"LEFT OUTER JOIN {name(Enrollment._meta.db_table)} e "
        f"ON {enrollments.column('person')} = p.person_id AND {enrollments.column('course')} = %s "
        f"LEFT OUTER JOIN {completions} c "
        f"ON c.{done_person} = p.person_id AND c.{done_page} IN ({listed})"
    )
    return sql, enrollments


def enrollment_and_done(
    *, person_id: int, course_id: int, page_ids: list[int]
) -> tuple[Enrollment | None, set[int]]:
    """The person's enrolment on the course (None when not enrolled) and the
    ids among `page_ids` of the pages they have done."""
    db = router.db_for_read(Enrollment)
    sql, enrollments = _progress_query(db, len(page_ids))
    with connections[db].cursor() as cursor:
        cursor.execute(sql, [person_id, course_id, *page_ids])
        rows = cursor.fetchall()
    width = len(enrollments.names)
    enrollment = enrollments.instance(db, rows[0][:width]) if rows else None
    return enrollment, {row[width] for row in rows if row[width] is not None}
