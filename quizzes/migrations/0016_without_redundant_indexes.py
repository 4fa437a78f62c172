"""Foreign keys whose own index another index already leads with lose it
(tests/site/test_redundant_indexes.py): each was one more index written by
every INSERT of the row. Only the indexes are dropped: AlterField would also
drop and re-add each foreign key, which checks every row again."""

import django.db.models.deletion
from django.db import migrations, models

ALTERED = [
    migrations.AlterField(
        model_name="drillquestion",
        name="drill",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="drill_questions",
            to="quizzes.drill",
        ),
    ),
    migrations.AlterField(
        model_name="masterysnapshot",
        name="person",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
        ),
    ),
    migrations.AlterField(
        model_name="persontopicday",
        name="person",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
        ),
    ),
    migrations.AlterField(
        model_name="questionversion",
        name="question",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="versions",
            to="quizzes.question",
            verbose_name="question",
        ),
    ),
    migrations.AlterField(
        model_name="unittopicday",
        name="unit",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.orgunit",
        ),
    ),
]

# (table, column, the index Django named for the foreign key), as ALTERED
DROPPED = [
    ("quizzes_drillquestion", "drill_id", "quizzes_drillquestion_drill_id_375d650b"),
    ("quizzes_masterysnapshot", "person_id", "quizzes_masterysnapshot_person_id_37d2d563"),
    ("quizzes_persontopicday", "person_id", "quizzes_persontopicday_person_id_91cf4e23"),
    ("quizzes_questionversion", "question_id", "quizzes_questionversion_question_id_d6936507"),
    ("quizzes_unittopicday", "unit_id", "quizzes_unittopicday_unit_id_20f18c4d"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_roles"),
        ("quizzes", "0015_hot_tables_without_redundant_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[altered],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{index}"',
                    reverse_sql=f'CREATE INDEX "{index}" ON "{table}" ("{column}")',
                )
            ],
        )
        for altered, (table, column, index) in zip(ALTERED, DROPPED, strict=True)
    ]
