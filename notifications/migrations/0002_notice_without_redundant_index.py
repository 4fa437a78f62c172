"""Foreign keys whose own index another index already leads with lose it
(tests/site/test_redundant_indexes.py): each was one more index written by
every INSERT of the row. Only the indexes are dropped: AlterField would also
drop and re-add each foreign key, which checks every row again."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ALTERED = [
    migrations.AlterField(
        model_name="notice",
        name="recipient",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="notices",
            to=settings.AUTH_USER_MODEL,
            verbose_name="recipient",
        ),
    ),
]

# (table, column, the index Django named for the foreign key), as ALTERED
DROPPED = [
    ("notifications_notice", "recipient_id", "notifications_notice_recipient_id_40448c32"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
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
