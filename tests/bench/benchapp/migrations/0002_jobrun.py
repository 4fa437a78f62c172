from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("bench", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="JobRun",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("batch", models.CharField(max_length=40)),
                ("number", models.PositiveIntegerField()),
                ("runs", models.PositiveIntegerField(default=0)),
                ("ran_on", models.CharField(blank=True, max_length=20)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("batch", "number"), name="bench_jobrun_once"
                    )
                ]
            },
        ),
    ]
