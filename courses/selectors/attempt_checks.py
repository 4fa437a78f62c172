"""What a finished attempt means to courses, asked at every finish (the
morning drill's 2,000 at once), written out once per database (rowsql's
way): whether the drill is the exam of a programme the person is in, and
whether it answers an open retention checkpoint of theirs. Each is one small
indexed look-up; built by the ORM, the two cost about 2 ms of a finish's
CPU, several times what the database spends on them. Most finishes find
neither. Both are asked in one statement, whose answer the finish's request
keeps for the other receiver (requestmemo)."""

import functools

from django.db import connections, router

from requestmemo import request_memo, request_memo_forget
from rowsql import cursor as cursor_for

from ..models import (
    CertificationProgramme,
    FollowUpKind,
    FollowUpTask,
    PlanAssignment,
    ProgrammeEnrolment,
)


def _names(db: str):
    quote = connections[db].ops.quote_name

    def name(model, field: str | None = None) -> str:
        if field is None:
            return quote(model._meta.db_table)
        return quote(model._meta.get_field(field).column)

    return name


@functools.cache
def _exam_query(db: str) -> str:
    name = _names(db)
    enrolment, programme = ProgrammeEnrolment, CertificationProgramme
    return (
        f"SELECT 1 FROM {name(enrolment)} e "  # noqa: S608 (names, not input)
        f"INNER JOIN {name(programme)} p ON p.{name(programme, 'id')} = e.{name(enrolment, 'programme')} "
        f"WHERE e.{name(enrolment, 'person')} = %s AND p.{name(programme, 'exam_drill')} = %s "
        f"LIMIT 1"
    )


@functools.cache
def _retention_query(db: str) -> str:
    name = _names(db)
    task, assignment = FollowUpTask, PlanAssignment
    return (
        f"SELECT 1 FROM {name(task)} t "  # noqa: S608 (names, not input)
        f"INNER JOIN {name(assignment)} a ON a.{name(assignment, 'id')} = t.{name(task, 'assignment')} "
        f"WHERE t.{name(task, 'person')} = %s AND t.{name(task, 'kind')} = %s "
        f"AND a.{name(assignment, 'drill')} = %s AND t.{name(task, 'done_at')} IS NULL LIMIT 1"
    )


@functools.cache
def _concerns_query(db: str) -> str:
    return f"SELECT EXISTS ({_exam_query(db)}), EXISTS ({_retention_query(db)})"


def _memo_key(person_id: int, drill_id: int) -> str:
    return f"courses.attempt_checks:{person_id}:{drill_id}"


def _concerns(person_id: int, drill_id: int) -> tuple[bool, bool]:
    """(exam of own programme, open retention task) in one statement, kept
    for the request: the finish's two receivers each ask one."""

    def read() -> tuple[bool, bool]:
        db = router.db_for_read(FollowUpTask)
        params = [person_id, drill_id, person_id, FollowUpKind.RETENTION.value, drill_id]
        with cursor_for(db) as cursor:
            cursor.execute(_concerns_query(db), params)
            exam, retention = cursor.fetchone()
        return bool(exam), bool(retention)

    return request_memo(_memo_key(person_id, drill_id), read)


def exam_of_own_programme(*, person_id: int, drill_id: int) -> bool:
    """Whether the drill is the exam of some programme the person is enrolled in."""
    return _concerns(person_id, drill_id)[0]


def open_retention_task_of(*, person_id: int, drill_id: int) -> bool:
    """Whether the person has an open retention checkpoint whose assignment
    set this drill."""
    return _concerns(person_id, drill_id)[1]


def attempt_checks_forget(*, person_id: int, drill_id: int) -> None:
    """The request changed what these checks answer (a checkpoint done)."""
    request_memo_forget(_memo_key(person_id, drill_id))
