"""A year of daily rollups, as the nightly runs would have left them, so that
the dashboard's twelve-month trends read a year of rows as in production:
`PersonTopicDay` (one row per attempt: a person drills one topic a day at
most), `UnitTopicDay` (sums over each unit's own members: the people with a
mastery snapshot that day and their mastery, the day's answers and scores) and
one finished full `RollupRun` for yesterday.
"""

from datetime import timedelta

from django.utils import timezone

from tests.bench.orgscale_bulk import bare, table


def rollups_make(cursor, plan, ids: dict) -> None:
    from people.models import Person
    from quizzes.models import (
        Attempt,
        MasterySnapshot,
        PersonTopicDay,
        RollupRun,
        UnitTopicDay,
    )

    zone = timezone.get_current_timezone_name()
    with bare(cursor, PersonTopicDay, UnitTopicDay):
        cursor.execute(
            f"""
            INSERT INTO {table(PersonTopicDay)} (person_id, topic_id, date, answers, score_sum)
            SELECT person_id, {ids["topic"]} + drill_id - {ids["drill"]},
                (started_at AT TIME ZONE '{zone}')::date, {plan.items_per_attempt},
                score * {plan.items_per_attempt}
            FROM {table(Attempt)} WHERE id >= {ids["attempt"]}
            """  # noqa: S608 - numbers computed here, never input
        )
        cursor.execute(
            f"""
            INSERT INTO {table(UnitTopicDay)} (unit_id, topic_id, date, people, mastery_sum,
                answers, score_sum)
            SELECT p.unit_id, z.topic_id, z.date, sum(z.people), sum(z.mastery_sum),
                sum(z.answers), sum(z.score_sum)
            FROM (
                SELECT person_id, topic_id, date, 1 AS people, mastery AS mastery_sum,
                    0 AS answers, 0.0 AS score_sum
                FROM {table(MasterySnapshot)} WHERE person_id >= {ids["person"]}
                UNION ALL
                SELECT person_id, topic_id, date, 0, 0.0, answers, score_sum
                FROM {table(PersonTopicDay)} WHERE person_id >= {ids["person"]}
            ) z JOIN {table(Person)} p ON p.id = z.person_id
            GROUP BY p.unit_id, z.topic_id, z.date
            """  # noqa: S608
        )
    now = timezone.now()
    RollupRun.objects.create(
        kind=RollupRun.Kind.FULL,
        status=RollupRun.Status.DONE,
        day=timezone.localdate() - timedelta(days=1),
        started_at=now,
        finished_at=now,
        answers_until=now,
        people=plan.people,
    )
