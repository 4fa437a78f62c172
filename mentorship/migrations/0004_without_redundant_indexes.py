"""Foreign keys whose own index another index already leads with lose it
(tests/site/test_redundant_indexes.py): each was one more index written by
every INSERT of the row. Only the indexes are dropped: AlterField would also
drop and re-add each foreign key, which checks every row again."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ALTERED = [
    migrations.AlterField(
        model_name="checkin",
        name="pair",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="checkins",
            to="mentorship.pair",
            verbose_name="pair",
        ),
    ),
    migrations.AlterField(
        model_name="checkinnudge",
        name="pair",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="nudges",
            to="mentorship.pair",
            verbose_name="pair",
        ),
    ),
    migrations.AlterField(
        model_name="endfeedback",
        name="pair",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="feedback",
            to="mentorship.pair",
            verbose_name="pair",
        ),
    ),
    migrations.AlterField(
        model_name="goal",
        name="agreement",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="goals",
            to="mentorship.agreement",
            verbose_name="agreement",
        ),
    ),
    migrations.AlterField(
        model_name="matchingrun",
        name="requested_by",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to=settings.AUTH_USER_MODEL,
            verbose_name="requested by",
        ),
    ),
    migrations.AlterField(
        model_name="mentorhonour",
        name="mentor",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
            verbose_name="mentor",
        ),
    ),
    migrations.AlterField(
        model_name="pair",
        name="mentee",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to="people.person",
            verbose_name="mentee",
        ),
    ),
    migrations.AlterField(
        model_name="pair",
        name="mentor",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to="people.person",
            verbose_name="mentor",
        ),
    ),
    migrations.AlterField(
        model_name="suggestion",
        name="mentee",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
            verbose_name="mentee",
        ),
    ),
]

# (table, column, the index Django named for the foreign key), as ALTERED
DROPPED = [
    ("mentorship_checkin", "pair_id", "mentorship_checkin_pair_id_4a0f044f"),
    ("mentorship_checkinnudge", "pair_id", "mentorship_checkinnudge_pair_id_dec69a56"),
    ("mentorship_endfeedback", "pair_id", "mentorship_endfeedback_pair_id_461aeb31"),
    ("mentorship_goal", "agreement_id", "mentorship_goal_agreement_id_7870c298"),
    (
        "mentorship_matchingrun",
        "requested_by_id",
        "mentorship_matchingrun_requested_by_id_04bf477b",
    ),
    ("mentorship_mentorhonour", "mentor_id", "mentorship_mentorhonour_mentor_id_eea7cc88"),
    ("mentorship_pair", "mentee_id", "mentorship_pair_mentee_id_83c67841"),
    ("mentorship_pair", "mentor_id", "mentorship_pair_mentor_id_07554775"),
    ("mentorship_suggestion", "mentee_id", "mentorship_suggestion_mentee_id_e1683982"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("mentorship", "0003_mentoring_permissions"),
        ("people", "0002_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
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
