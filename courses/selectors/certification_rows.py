"""Whether certification concerns a person at all, in one statement written
out once per database (rowsql). Every trainee's home page asks it; built by
the ORM (the programmes with their enrolments and certificates joined) it
cost more CPU to build than the database spent answering it."""

import functools

from django.db import connections, router

from rowsql import cursor as cursor_for

from ..models import Certificate, CertificationProgramme, ProgrammeEnrolment


@functools.cache
def _concerns_sql(db: str) -> str:
    name = connections[db].ops.quote_name

    def column(model, field):
        return name(model._meta.get_field(field).column)

    def table(model):
        return name(model._meta.db_table)

    return (
        f"SELECT EXISTS (SELECT 1 FROM {table(CertificationProgramme)} "  # noqa: S608 (names)
        f"WHERE {column(CertificationProgramme, 'active')} = %s) "
        f"OR EXISTS (SELECT 1 FROM {table(ProgrammeEnrolment)} "
        f"WHERE {column(ProgrammeEnrolment, 'person')} = %s) "
        f"OR EXISTS (SELECT 1 FROM {table(Certificate)} WHERE {column(Certificate, 'person')} = %s)"
    )


def certification_concerns(person) -> bool:
    """Whether any programme is open, or the person is enrolled on one or holds
    a certificate (of a programme open or closed since)."""
    db = router.db_for_read(CertificationProgramme)
    with cursor_for(db) as cursor:
        cursor.execute(_concerns_sql(db), [True, person.pk, person.pk])
        return bool(cursor.fetchone()[0])
