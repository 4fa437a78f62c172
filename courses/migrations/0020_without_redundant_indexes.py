"""Foreign keys whose own index another index already leads with lose it
(tests/site/test_redundant_indexes.py): each was one more index written by
every INSERT of the row. Only the indexes are dropped: AlterField would also
drop and re-add each foreign key, which checks every row again."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ALTERED = [
    migrations.AlterField(
        model_name="behaviourobservation",
        name="person",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
            verbose_name="person",
        ),
    ),
    migrations.AlterField(
        model_name="businessfigure",
        name="measure",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="figures",
            to="courses.businessmeasure",
            verbose_name="measure",
        ),
    ),
    migrations.AlterField(
        model_name="businessfigure",
        name="person",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
            verbose_name="person",
        ),
    ),
    migrations.AlterField(
        model_name="casesubmission",
        name="author",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
            verbose_name="author",
        ),
    ),
    migrations.AlterField(
        model_name="certificate",
        name="person",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to="people.person",
            verbose_name="holder",
        ),
    ),
    migrations.AlterField(
        model_name="decisionchoice",
        name="person",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
        ),
    ),
    migrations.AlterField(
        model_name="enrollment",
        name="person",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
        ),
    ),
    migrations.AlterField(
        model_name="followuptask",
        name="course",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="courses.coursepage",
            verbose_name="course",
        ),
    ),
    migrations.AlterField(
        model_name="followuptask",
        name="owner",
        field=models.ForeignKey(
            blank=True,
            db_index=False,
            null=True,
            on_delete=django.db.models.deletion.SET_NULL,
            related_name="+",
            to=settings.AUTH_USER_MODEL,
            verbose_name="owner",
        ),
    ),
    migrations.AlterField(
        model_name="followuptask",
        name="person",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
            verbose_name="person",
        ),
    ),
    migrations.AlterField(
        model_name="learningmeasure",
        name="course",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="courses.coursepage",
        ),
    ),
    migrations.AlterField(
        model_name="learningmeasure",
        name="person",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
        ),
    ),
    migrations.AlterField(
        model_name="lessoncompletion",
        name="person",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
        ),
    ),
    migrations.AlterField(
        model_name="planassignee",
        name="assignment",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="assignees",
            to="courses.planassignment",
        ),
    ),
    migrations.AlterField(
        model_name="planassignee",
        name="person",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
            verbose_name="person",
        ),
    ),
    migrations.AlterField(
        model_name="planassignment",
        name="unit",
        field=models.ForeignKey(
            blank=True,
            db_index=False,
            help_text="Everyone in the unit and the units below it, newcomers included.",
            null=True,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.orgunit",
            verbose_name="unit",
        ),
    ),
    migrations.AlterField(
        model_name="programmeenrolment",
        name="programme",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="enrolments",
            to="courses.certificationprogramme",
            verbose_name="programme",
        ),
    ),
    migrations.AlterField(
        model_name="reactionresponse",
        name="person",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="people.person",
            verbose_name="person",
        ),
    ),
    migrations.AlterField(
        model_name="refresherdrill",
        name="course",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="courses.coursepage",
            verbose_name="course",
        ),
    ),
]

# (table, column, the index Django named for the foreign key), as ALTERED
DROPPED = [
    (
        "courses_behaviourobservation",
        "person_id",
        "courses_behaviourobservation_person_id_5413a5fd",
    ),
    ("courses_businessfigure", "measure_id", "courses_businessfigure_measure_id_77ffb37e"),
    ("courses_businessfigure", "person_id", "courses_businessfigure_person_id_0e8f751b"),
    ("courses_casesubmission", "author_id", "courses_casesubmission_author_id_a63ebd16"),
    ("courses_certificate", "person_id", "courses_certificate_person_id_282abb58"),
    ("courses_decisionchoice", "person_id", "courses_decisionchoice_person_id_e6d40b76"),
    ("courses_enrollment", "person_id", "courses_enrollment_person_id_03605ae3"),
    ("courses_followuptask", "course_id", "courses_followuptask_course_id_4cc491c4"),
    ("courses_followuptask", "owner_id", "courses_followuptask_owner_id_2e908579"),
    ("courses_followuptask", "person_id", "courses_followuptask_person_id_80d9821f"),
    ("courses_learningmeasure", "course_id", "courses_learningmeasure_course_id_b140d27b"),
    ("courses_learningmeasure", "person_id", "courses_learningmeasure_person_id_9473c350"),
    ("courses_lessoncompletion", "person_id", "courses_lessoncompletion_person_id_1d8feea0"),
    ("courses_planassignee", "assignment_id", "courses_planassignee_assignment_id_a32a5c01"),
    ("courses_planassignee", "person_id", "courses_planassignee_person_id_12469601"),
    ("courses_planassignment", "unit_id", "courses_planassignment_unit_id_f8d5d220"),
    (
        "courses_programmeenrolment",
        "programme_id",
        "courses_programmeenrolment_programme_id_8203b458",
    ),
    ("courses_reactionresponse", "person_id", "courses_reactionresponse_person_id_33fcd221"),
    ("courses_refresherdrill", "course_id", "courses_refresherdrill_course_id_c81bf450"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0019_known_view_restriction"),
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
