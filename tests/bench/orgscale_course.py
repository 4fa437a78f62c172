"""The course with plan.completions completions and its whole follow-up, the
business figures before and after, and the training plans of the team of 200.

Completer c is person p = 20c + 3 (so ten of them are in the dashboard's
team). They completed the course on day today - (1 + 11p mod 364): twelve
monthly cohorts. Each has five follow-up tasks (the reaction survey, and at
+30 and +90 days a retention drill and a behaviour observation), done, nudged
or escalated by formula; the retention drills assigned as plans once their
checkpoint came; learning measures before, at completion and at each
checkpoint reached; mastery of the course's four topics month by month, each
topic decaying at its own rate after the course (topic 2 fastest). Every
fourth person (the completers and a comparison group of the rest) has business
figures for the last twelve months.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from tests.bench.orgscale_bulk import bare, next_id, sequence_sync, table

TASKS = (  # slot, kind, checkpoint days
    (0, "reaction", 0),
    (1, "retention", 30),
    (2, "behaviour", 30),
    (3, "retention", 90),
    (4, "behaviour", 90),
)
CHECKLIST = ("先問客戶的痛點再推產品", "拜訪前查清工商與涉訴資料", "用客戶的數字說明方案")
MEASURES = (  # code, name, unit, base formula of p
    ("os-deposits", "壓測存款餘額", "萬元", "200 + (p * 37) % 800"),
    ("os-new-customers", "壓測新增客戶", "戶", "2 + p % 9"),
    ("os-visits", "壓測客戶拜訪", "次", "10 + p % 30"),
)


def _completers(plan, ids: dict) -> str:
    """c, p, user_id, head (the owner of behaviour tasks), done_on, done_at."""
    zone = timezone.get_current_timezone_name()
    today = timezone.localdate()
    team, size = plan.team, plan.team_size
    return f"""
        SELECT c, p, {ids["person"]} + p AS person_id, {ids["user"]} + p AS user_id,
            CASE WHEN p < {team} THEN {ids["manager_user"]}
                 ELSE {ids["user"]} + {team} + ((p - {team}) / {size}) * {size} END AS head,
            done_on, (done_on + time '10:00') AT TIME ZONE '{zone}' AS done_at
        FROM (SELECT c, 20 * c + 3 AS p,
                     '{today}'::date - (1 + ((20 * c + 3) * 11) % 364) AS done_on
              FROM generate_series(0, {plan.completions - 1}) c) n
    """


def _tasks(plan, ids: dict) -> str:
    """Every follow-up task with its id and when it was done (NULL: not done)."""
    today = timezone.localdate()
    slots = ", ".join(f"({slot}, '{kind}', {days})" for slot, kind, days in TASKS)
    return f"""
        SELECT y.*, {ids["followup_task"]} + y.c * 5 + y.slot AS id,
            CASE WHEN y.kind = 'retention' AND y.due_on <= '{today}'::date
                 THEN {ids["assignment"]} + y.c * 2 + y.slot / 3 END AS assignment_id,
            CASE
                WHEN y.kind = 'reaction' AND y.c % 10 < 8 AND y.done_on <= '{today}'::date - 2
                    THEN y.done_at + interval '1 day'
                WHEN y.kind = 'retention' AND y.c % 10 < 7 AND y.due_on <= '{today}'::date - 3
                    THEN y.done_at + (y.days + 2) * interval '1 day'
                WHEN y.kind = 'behaviour' AND y.c % 10 < 6 AND y.due_on <= '{today}'::date - 3
                    THEN y.done_at + (y.days + 2) * interval '1 day'
            END AS task_done_at
        FROM (SELECT x.*, t.slot, t.kind, t.days,
                     x.done_on + CASE WHEN t.days = 0 THEN 7 ELSE t.days END AS due_on
              FROM ({_completers(plan, ids)}) x
              CROSS JOIN (VALUES {slots}) t (slot, kind, days)) y
    """


def _course(plan, ids: dict):
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from courses.models import CourseIndexPage, CoursePage

    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        root = Site.objects.get(is_default_site=True).root_page
        catalogue = CourseIndexPage(title="課程目錄", slug="courses", intro="練兵的課程。")
        root.add_child(instance=catalogue)
    course = CoursePage(
        title="壓測全行課程：贏得企業客戶",
        slug=f"bench-orgscale-{ids['root']}",
        objectives="1. 讀懂企業客戶\n2. 找到切入點",
        audience="全行客戶經理",
        followup_days="30,90",
        observation_checklist="\n".join(CHECKLIST),
        owner=get_user_model().objects.get(pk=ids["trainer_user"]),
    )
    catalogue.add_child(instance=course)
    course.save_revision().publish()
    course.topics.set([ids["topic"] + t for t in range(plan.course_topics)])
    course.save()
    return course


def course_make(cursor, plan, ids: dict) -> dict:
    from courses.models import (
        BehaviourObservation,
        BusinessFigure,
        BusinessMeasure,
        Enrollment,
        FollowUpTask,
        LearningMeasure,
        PlanAssignee,
        PlanAssignment,
        ReactionResponse,
    )
    from quizzes.models import MasterySnapshot

    course = _course(plan, ids)
    made = {
        "course": course.pk,
        "followup_task": next_id(cursor, FollowUpTask),
        "assignment": next_id(cursor, PlanAssignment),
    }
    ids = {**ids, **made}
    today = timezone.localdate()
    completers, tasks = _completers(plan, ids), _tasks(plan, ids)
    cursor.execute(
        f"INSERT INTO {table(Enrollment)} (person_id, course_id, enrolled_at, enrolled_by_id, "  # noqa: S608
        f"last_page_id, completed_at) SELECT person_id, {course.pk}, "
        f"done_at - interval '14 days', NULL, NULL, done_at FROM ({completers}) x"
    )
    # The retention drills, assigned once their checkpoint came.
    cursor.execute(
        f"""
        INSERT INTO {table(PlanAssignment)} (id, course_id, drill_id, person_id, unit_id,
            starts_on, due_on, recurrence, previous_id, origin, note, created_by_id, created_at,
            withdrawn_at)
        SELECT assignment_id, NULL, {ids["retention_drill"]}, person_id, NULL, due_on,
            due_on + 14, 'none', NULL, 'retention', '', NULL, done_at + days * interval '1 day', NULL
        FROM ({tasks}) t WHERE assignment_id IS NOT NULL
        """  # noqa: S608
    )
    sequence_sync(cursor, PlanAssignment)
    cursor.execute(
        f"INSERT INTO {table(PlanAssignee)} (assignment_id, person_id, added_at, started_at, "  # noqa: S608
        "completed_at, reminded_at, overdue_reported_at) SELECT assignment_id, person_id, "
        "done_at + days * interval '1 day', task_done_at, task_done_at, NULL, NULL "
        f"FROM ({tasks}) t WHERE assignment_id IS NOT NULL"
    )
    cursor.execute(
        f"""
        INSERT INTO {table(FollowUpTask)} (id, person_id, course_id, completed_on, kind,
            checkpoint_days, due_on, owner_id, assignment_id, done_at, nudged_at, escalated_at,
            created_at)
        SELECT id, person_id, {course.pk}, done_on, kind, days, due_on,
            CASE WHEN kind = 'behaviour' THEN head ELSE user_id END, assignment_id, task_done_at,
            CASE WHEN task_done_at IS NULL AND due_on < '{today}'::date - 7
                 THEN done_at + (days + 7) * interval '1 day' END,
            CASE WHEN task_done_at IS NULL AND due_on < '{today}'::date - 14
                 THEN done_at + (days + 14) * interval '1 day' END,
            done_at
        FROM ({tasks}) t
        """  # noqa: S608
    )
    sequence_sync(cursor, FollowUpTask)
    cursor.execute(
        f"INSERT INTO {table(ReactionResponse)} (person_id, course_id, rating, comment, "  # noqa: S608
        f"answered_at) SELECT person_id, {course.pk}, (ARRAY[4,5,3,4,5,4,2,5,4,3])[1 + c % 10], "
        "CASE WHEN c % 7 = 0 THEN '案例貼近實務，希望多一些演練。' ELSE '' END, task_done_at "
        f"FROM ({tasks}) t WHERE kind = 'reaction' AND task_done_at IS NOT NULL"
    )
    checklist = ", ".join(
        f"jsonb_build_object('item', '{item}', 'changed', (c + {n}) % 3 <> 0)"
        for n, item in enumerate(CHECKLIST)
    )
    cursor.execute(
        f"""
        INSERT INTO {table(BehaviourObservation)} (person_id, observer_id, observed_on,
            course_id, changed, example, task_id, checklist, created_at)
        SELECT person_id, head, due_on + 1, {course.pk}, c % 5 < 3,
            '拜訪前先查了客戶的代發與納稅資料，開場先問痛點。', id,
            jsonb_build_array({checklist}), task_done_at
        FROM ({tasks}) t WHERE kind = 'behaviour' AND task_done_at IS NOT NULL
        """  # noqa: S608
    )
    _learning(cursor, plan, ids, LearningMeasure, MasterySnapshot)
    measures = [
        BusinessMeasure.objects.get_or_create(
            code=code, defaults={"name": name, "unit_label": unit}
        )[0]
        for code, name, unit, _base in MEASURES
    ]
    with bare(cursor, BusinessFigure):
        for measure, (_code, _name, _unit, base) in zip(measures, MEASURES, strict=True):
            _figures(cursor, plan, ids, measure.pk, base)
    return made


def _learning(cursor, plan, ids: dict, LearningMeasure, MasterySnapshot) -> None:
    today = timezone.localdate()
    points = ", ".join(
        f"({point}, {mastery}, {offset})"
        for point, mastery, offset in ((-1, 0.45, -1), (0, 0.78, 0), (30, 0.71, 30), (90, 0.63, 90))
    )
    cursor.execute(
        f"""
        INSERT INTO {table(LearningMeasure)} (person_id, course_id, completed_on, point,
            measured_on, mastery, topics, retention_score)
        SELECT x.person_id, {ids["course"]}, x.done_on, v.point, x.done_on + v.offset_days,
            round((v.mastery + (x.c % 15) / 100.0)::numeric, 3), {plan.course_topics},
            CASE WHEN v.point > 0 AND x.c % 10 < 7 THEN round((0.6 + (x.c % 30) / 100.0)::numeric, 3) END
        FROM ({_completers(plan, ids)}) x
        CROSS JOIN (VALUES {points}) v (point, mastery, offset_days)
        WHERE x.done_on + v.offset_days <= '{today}'::date
        """  # noqa: S608
    )
    # Monthly mastery of the course's topics for the completers who do not
    # drill them anyway (person p drills topic t when t - 7p is a multiple of 8):
    # lower before the course, up at completion, then down at the topic's rate.
    month = f"(date_trunc('month', '{today}'::date - 1) - m * interval '1 month')::date"
    cursor.execute(
        f"""
        INSERT INTO {table(MasterySnapshot)} (person_id, topic_id, date, mastery, recall,
            accuracy, answers)
        SELECT x.person_id, {ids["topic"]} + ct, d,
            round(greatest(0.05, CASE WHEN d < x.done_on THEN 0.45 + (x.c % 20) / 100.0
                ELSE 0.82 - (d - x.done_on) * (0.0004 + 0.0008 * (ct = 2)::int) END)::numeric, 3),
            NULL, NULL, 4
        FROM ({_completers(plan, ids)}) x
        CROSS JOIN generate_series(0, {plan.course_topics - 1}) ct
        CROSS JOIN LATERAL (SELECT {month} AS d FROM generate_series(0, {plan.months - 1}) m) mo
        WHERE ((ct - 7 * x.p) % 8 + 8) % 8 <> 0 AND d < '{today}'::date - 1
        """  # noqa: S608
    )


def _figures(cursor, plan, ids: dict, measure: int, base: str) -> None:
    from courses.models import BusinessFigure

    today = timezone.localdate()
    month = f"(date_trunc('month', '{today}'::date) - (k + 1) * interval '1 month')::date"
    completed = f"'{today}'::date - (1 + (p * 11) % 364)"
    cursor.execute(
        f"""
        INSERT INTO {table(BusinessFigure)} (person_id, measure_id, month, value, source,
            entered_by_id, entered_at)
        SELECT {ids["person"]} + p, {measure}, mo.month,
            round((({base}) * (1 + 0.01 * (11 - k))
                * CASE WHEN p % 20 = 3 AND mo.month > {completed} THEN 1.12 ELSE 1 END)::numeric, 2),
            'import', NULL, mo.month + interval '1 month 5 days'
        FROM generate_series(3, {plan.people - 1}, {plan.figures_every}) p
        CROSS JOIN LATERAL (SELECT k, {month} AS month FROM generate_series(0, {plan.months - 1}) k) mo
        """  # noqa: S608
    )


def _assignees(cursor, assignment: int, people: str, *, started: str, completed: str, at) -> None:
    """One PlanAssignee per p of `people` (a FROM item), started and completed
    where the SQL conditions on p hold."""
    from courses.models import PlanAssignee

    moment = f"'{at.isoformat()}'::timestamptz"
    cursor.execute(
        f"""
        INSERT INTO {table(PlanAssignee)} (assignment_id, person_id, added_at, started_at,
            completed_at, reminded_at, overdue_reported_at)
        SELECT {assignment}, person_id, {moment},
            CASE WHEN ({started}) OR ({completed}) THEN {moment} + interval '2 days' END,
            CASE WHEN {completed} THEN {moment} + interval '5 days' END, NULL, NULL
        FROM {people}
        """  # noqa: S608
    )


def plans_make(cursor, plan, ids: dict) -> None:
    """A yearly compliance drill for the whole organisation, and the team of
    200's plan: the course (overdue for some), drills due soon, overdue, not
    yet started, a yearly one renewed from last year, and personal ones."""
    from courses.models import PlanAssignee, PlanAssignment

    today, now = timezone.localdate(), timezone.now()
    people = f"(SELECT {ids['person']} + p AS person_id, p FROM generate_series(0, {{last}}) p) x"
    everyone, team = people.format(last=plan.people - 1), people.format(last=plan.team - 1)

    def assign(*, unit=None, person=None, course=None, drill=None, starts, due, **extra):
        created = timezone.make_aware(datetime.combine(today + timedelta(days=starts), time(9)))
        return PlanAssignment.objects.create(
            unit_id=unit, person_id=person, course_id=course, drill_id=drill,
            starts_on=today + timedelta(days=starts), due_on=today + timedelta(days=due),
            created_by_id=ids["manager_user"], created_at=min(created, now), **extra,
        )  # fmt: skip

    with bare(cursor, PlanAssignee):
        compliance = assign(unit=ids["root"], drill=ids["drill"] + 5, starts=-60, due=30,
                            recurrence="yearly")  # fmt: skip
        _assignees(cursor, compliance.pk, everyone, started="p % 10 < 7", completed="p % 10 < 5",
                   at=compliance.created_at)  # fmt: skip
        last_year = assign(unit=ids["team"], drill=ids["drill"] + 4, starts=-400, due=-335,
                           recurrence="yearly")  # fmt: skip
        for assignment, started, completed in (
            (assign(unit=ids["team"], course=ids["course"], starts=-90, due=-10),
             "p % 3 = 1", "p % 3 = 0"),
            (assign(unit=ids["team"], drill=ids["drill"] + 1, starts=-20, due=14),
             "p % 4 IN (1, 2)", "p % 4 = 0"),
            (assign(unit=ids["team"], drill=ids["drill"] + 2, starts=-30, due=-3),
             "false", "p % 2 = 0"),
            (assign(unit=ids["team"], drill=ids["drill"] + 3, starts=7, due=40), "false", "false"),
            (last_year, "false", "true"),
            (assign(unit=ids["team"], drill=ids["drill"] + 4, starts=-35, due=30,
                    recurrence="yearly", previous=last_year), "p % 5 = 1", "p % 5 = 0"),
        ):  # fmt: skip
            _assignees(cursor, assignment.pk, team, started=started, completed=completed,
                       at=assignment.created_at)  # fmt: skip
        for p in range(0, plan.team, 10):
            personal = assign(person=ids["person"] + p, drill=ids["drill"] + 6, starts=-7, due=5)
            one = f"(SELECT {ids['person'] + p} AS person_id, {p} AS p) x"
            _assignees(cursor, personal.pk, one, started="false", completed="false",
                       at=personal.created_at)  # fmt: skip
