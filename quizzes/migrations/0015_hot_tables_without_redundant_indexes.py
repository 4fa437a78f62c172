"""The morning drill's hot tables lose the foreign keys' own indexes that a
wider index already leads with (each was one more index written by every
start, answer and finish). Only the indexes are dropped: AlterField would
also drop and re-add each foreign key, which checks every row again."""

import django.db.models.deletion
from django.db import migrations, models

# (model, field, table, column, the index Django named for the foreign key)
DROPPED = [
    ("attempt", "person", "quizzes_attempt", "person_id", "quizzes_attempt_person_id_c76dd24b"),
    (
        "attemptitem",
        "attempt",
        "quizzes_attemptitem",
        "attempt_id",
        "quizzes_attemptitem_attempt_id_28851a6c",
    ),
    (
        "attemptitem",
        "question",
        "quizzes_attemptitem",
        "question_id",
        "quizzes_attemptitem_question_id_5f593da6",
    ),
    (
        "memorystate",
        "person",
        "quizzes_memorystate",
        "person_id",
        "quizzes_memorystate_person_id_a26266b5",
    ),
]

FIELDS = {
    ("attempt", "person"): models.ForeignKey(
        db_index=False,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="attempts",
        to="people.person",
        verbose_name="person",
    ),
    ("attemptitem", "attempt"): models.ForeignKey(
        db_index=False,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="items",
        to="quizzes.attempt",
    ),
    ("attemptitem", "question"): models.ForeignKey(
        db_index=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="quizzes.question",
    ),
    ("memorystate", "person"): models.ForeignKey(
        db_index=False,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="people.person",
    ),
}


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_roles"),
        ("quizzes", "0014_memorystate_reviewed_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name=model, name=field, field=FIELDS[(model, field)])
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{index}"',
                    reverse_sql=f'CREATE INDEX "{index}" ON "{table}" ("{column}")',
                )
            ],
        )
        for model, field, table, column, index in DROPPED
    ]
