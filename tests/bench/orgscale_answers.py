"""A year of drilling: attempts, their answers, memory states and mastery snapshots.

Person p takes plan.attempts_per_person attempts, number k = 0..9 (attempt
ordinal a = p * 10 + k, id ids["attempt"] + a), spread evenly over the last
360 days at a working hour, the newest 1 to 36 days ago. Attempt k is on topic
slot s = k % 5 of the person's five topics t = (7p + 8s) % 40, so every topic
is drilled twice, half a year apart, on the same ten questions
(question (3p + i) % 50 of the topic for position i). An answer is right when
a pseudo-random number of the attempt and position falls below the person's
skill in the topic (40 to 94 %, ten points more the second time).
"""

from django.utils import timezone

from tests.bench.orgscale_bulk import bare, next_id, sequence_sync, table


def _midnight() -> str:
    """Today's local midnight, as a SQL timestamptz literal."""
    from datetime import datetime, time

    today = timezone.localdate()
    return f"'{timezone.make_aware(datetime.combine(today, time.min)).isoformat()}'::timestamptz"


def _attempts(plan, *, where: str = "") -> str:
    """One row per attempt: a, p, k, t (topic number), skill (percent), started."""
    per = plan.attempts_per_person
    spacing = 360 // per
    slots, topics = plan.topics_per_person, plan.topics
    return f"""
        SELECT a, p, k, (p * 7 + (k % {slots}) * 8) % {topics} AS t,
            40 + (p * 17 + ((p * 7 + (k % {slots}) * 8) % {topics}) * 29) % 55
                + CASE WHEN k >= {slots} THEN 10 ELSE 0 END AS skill,
            {_midnight()}
                - (1 + ({per - 1} - k) * {spacing} + (p * 13) % {spacing}) * interval '1 day'
                + interval '1 hour' + ((p * 37) % 480) * interval '1 minute' AS started
        FROM (SELECT a, a / {per} AS p, a % {per} AS k
              FROM generate_series(0::bigint, {plan.attempts - 1}) a) n
        {where}
    """


def _right(attempt: str, position: str, skill: str) -> str:
    """1 when the answer is right, else 0: the same formula everywhere."""
    return f"((({attempt}) * 7919 + {position} * 104729) % 100 < {skill})::int"


def _question(plan, ids: dict, topic: str, person: str, position: str) -> str:
    per = plan.questions_per_topic
    return f"{topic} * {per} + ({person} * 3 + {position}) % {per}"


def answers_make(cursor, plan, ids: dict) -> None:
    from quizzes.models import Attempt, AttemptItem

    ids["attempt"] = first = next_id(cursor, Attempt)
    items = plan.items_per_attempt
    question = _question(plan, ids, "x.t", "x.p", "i")
    with bare(cursor, Attempt, AttemptItem):
        cursor.execute(
            f"""
            INSERT INTO {table(Attempt)} (id, drill_id, person_id, mode, status, started_at,
                deadline, finished_at, score, passed, seed, origin)
            SELECT {first} + x.a, {ids["drill"]} + x.t, {ids["person"]} + x.p, 'self', 'finished',
                x.started, NULL, x.started + {items * 20 + 5} * interval '1 second', s.score,
                s.score >= 0.8, (x.a % 1000000)::int, ''
            FROM ({_attempts(plan)}) x, LATERAL (
                SELECT avg({_right("x.a", "i", "x.skill")})::float8 AS score
                FROM generate_series(0, {items - 1}) i) s
            """  # noqa: S608 - numbers computed here, never input
        )
        cursor.execute(
            f"""
            INSERT INTO {table(AttemptItem)} (attempt_id, position, question_id, version_id,
                shown_at, revealed_at, response, score, answered_at)
            SELECT {first} + x.a, i, {ids["question"]} + {question}, {ids["version"]} + {question},
                x.started + i * interval '20 seconds', NULL,
                CASE WHEN r.right = 1 THEN '{{"choice": 0}}'::jsonb ELSE '{{"choice": 2}}'::jsonb END,
                r.right, x.started + (i + 1) * interval '20 seconds'
            FROM ({_attempts(plan)}) x CROSS JOIN generate_series(0, {items - 1}) i
            CROSS JOIN LATERAL (SELECT {_right("x.a", "i", "x.skill")} AS right) r
            """  # noqa: S608
        )
    sequence_sync(cursor, Attempt)


def memory_make(cursor, plan, ids: dict) -> None:
    """One FSRS state per question a person answered, after their second attempt."""
    from quizzes.models import MemoryState

    slots, items = plan.topics_per_person, plan.items_per_attempt
    question = _question(plan, ids, "x.t", "x.p", "i")
    with bare(cursor, MemoryState):
        cursor.execute(
            f"""
            INSERT INTO {table(MemoryState)} (person_id, question_id, state, step, stability,
                difficulty, due, last_review, reviews, lapses, desired_retention)
            SELECT {ids["person"]} + x.p, {ids["question"]} + {question}, 2, NULL, m.stability,
                3 + x.t % 5 + (1 - r.right) * 2, m.last + m.stability * interval '1 day',
                m.last, {plan.attempts_per_topic}, (1 - r.right)::int, 0.9
            FROM ({_attempts(plan, where=f"WHERE k >= {slots}")}) x
            CROSS JOIN generate_series(0, {items - 1}) i
            CROSS JOIN LATERAL (SELECT {_right("x.a", "i", "x.skill")} AS right) r
            CROSS JOIN LATERAL (SELECT
                CASE WHEN r.right = 1 THEN 8 + x.p % 25 ELSE 1 + i % 3 END AS stability,
                x.started + (i + 1) * interval '20 seconds' AS last) m
            """  # noqa: S608
        )


def snapshots_make(cursor, plan, ids: dict) -> None:
    """Nightly mastery snapshots of the people's five topics: the team's daily
    for plan.snapshot_days days and monthly before; the course's people and
    comparison group (every plan.figures_every-th person) monthly for a year;
    everyone's yesterday. Mastery rises towards today with the person's skill."""
    from quizzes.models import MasterySnapshot

    today = timezone.localdate()
    slots, topics, team = plan.topics_per_person, plan.topics, plan.team
    t = f"(p * 7 + s * 8) % {topics}"
    values = f"""
        SELECT {ids["person"]} + p, {ids["topic"]} + {t}, d,
            round(least(0.98, (50 + (p * 17 + ({t}) * 29) % 45) / 100.0
                * (0.75 + 0.25 * (1 - ('{today}'::date - d) / 400.0)))::numeric, 3),
            round(least(0.99, (55 + (p * 17 + ({t}) * 29) % 45) / 100.0)::numeric, 3),
            round(((40 + (p * 17 + ({t}) * 29) % 55) / 100.0)::numeric, 3), 10
    """
    month = f"(date_trunc('month', '{today}'::date - 1) - m * interval '1 month')::date"
    with bare(cursor, MasterySnapshot):
        cursor.execute(
            f"""
            INSERT INTO {table(MasterySnapshot)} (person_id, topic_id, date, mastery, recall,
                accuracy, answers)
            {values} FROM generate_series(0, {team - 1}) p, generate_series(0, {slots - 1}) s,
                LATERAL (SELECT '{today}'::date - n AS d
                         FROM generate_series(1, {plan.snapshot_days}) n) days
            UNION ALL
            {values} FROM generate_series({team}, {plan.people - 1}) p,
                generate_series(0, {slots - 1}) s, LATERAL (SELECT '{today}'::date - 1 AS d) y
            UNION ALL
            {values} FROM generate_series(0, {plan.people - 1}) p,
                generate_series(0, {slots - 1}) s,
                LATERAL (SELECT {month} AS d FROM generate_series(0, {plan.months - 1}) m) mo
            WHERE (p < {team} AND d < '{today}'::date - {plan.snapshot_days})
               OR (p >= {team} AND p % {plan.figures_every} = 3 AND d < '{today}'::date - 1)
            """  # noqa: S608
        )


def day_of_answers_add(*, plan, ids: dict, day: int, every: int = 50) -> dict:
    """A normal day's drilling, just now: every `every`-th person (shifted by
    `day`) takes one attempt of their first topic, so one answer per five
    people with ten answers an attempt, and their memory states move on."""
    from django.db import connection, transaction

    from quizzes.models import Attempt, AttemptItem, MemoryState

    items = plan.items_per_attempt
    now = timezone.now()
    people = f"generate_series({day % every}, {plan.people - 1}, {every})"
    topic = f"(p * 7) % {plan.topics}"
    skill = f"(50 + (p * 17 + ({topic}) * 29) % 45)"
    question = _question(plan, ids, topic, "p", "i")
    with transaction.atomic(), connection.cursor() as cursor:
        first = next_id(cursor, Attempt)
        moment = f"'{now.isoformat()}'::timestamptz"
        cursor.execute(
            f"""
            INSERT INTO {table(Attempt)} (id, drill_id, person_id, mode, status, started_at,
                deadline, finished_at, score, passed, seed, origin)
            SELECT {first} + n, {ids["drill"]} + {topic}, {ids["person"]} + p, 'self',
                'finished', {moment} - interval '1 second', NULL, {moment}, 0, false, 0, ''
            FROM (SELECT p, row_number() OVER (ORDER BY p) - 1 AS n FROM {people} p) x
            """  # noqa: S608
        )
        cursor.execute(
            f"""
            INSERT INTO {table(AttemptItem)} (attempt_id, position, question_id, version_id,
                shown_at, revealed_at, response, score, answered_at)
            SELECT {first} + n, i, {ids["question"]} + {question}, {ids["version"]} + {question},
                {moment} - ({items} - i) * interval '1 millisecond', NULL, '{{"choice": 0}}'::jsonb,
                {_right(f"({first} + n)", "i", skill)},
                {moment} - ({items - 1} - i) * interval '1 millisecond'
            FROM (SELECT p, row_number() OVER (ORDER BY p) - 1 AS n FROM {people} p) x
            CROSS JOIN generate_series(0, {items - 1}) i
            """  # noqa: S608
        )
        cursor.execute(
            f"""
            UPDATE {table(Attempt)} a SET score = s.score, passed = s.score >= 0.8
            FROM (SELECT attempt_id, avg(score) AS score FROM {table(AttemptItem)}
                  WHERE attempt_id >= {first} GROUP BY attempt_id) s
            WHERE a.id = s.attempt_id
            """  # noqa: S608
        )
        cursor.execute(
            f"""
            UPDATE {table(MemoryState)} m SET last_review = {moment}, reviews = m.reviews + 1,
                due = {moment} + coalesce(m.stability, 1) * interval '1 day'
            FROM (SELECT {ids["person"]} + p AS person_id, {ids["question"]} + {question} AS question_id
                  FROM {people} p CROSS JOIN generate_series(0, {items - 1}) i) x
            WHERE m.person_id = x.person_id AND m.question_id = x.question_id
            """  # noqa: S608
        )
        cursor.execute(
            f"SELECT count(*) FROM {table(AttemptItem)} WHERE attempt_id >= {first}"  # noqa: S608
        )
        answers = cursor.fetchone()[0]
        sequence_sync(cursor, Attempt)
    return {"answers": answers, "people": -(-(plan.people - day % every) // every), "at": now}
