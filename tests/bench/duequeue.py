"""The due-queue scenario (issue 16, item 4): "what is due for me" for one of
10,000 trainees holding 200 memory states each (2 million rows) is one
indexed query, at p95 at most 5 ms.

`duequeue_make` loads the trainees, a bank of DUE_QUESTIONS questions (one in
DUE_INACTIVE_EVERY closed, so never due) and the memory states with
set-based SQL on PostgreSQL (INSERT ... SELECT generate_series, the states'
table loaded without its secondary indexes, rebuilt after, then ANALYZE), in
one transaction with its marker row: either all of it is there or none.
The marker table `bench_duequeue` records the generator's version (a hash of
this module), the size and the instant the data describes ("now"): a rerun
of the same version and size reuses the data (a day later too, since the
measurement asks for the queue at that instant), another is refused.

Every value is a closed formula of the trainee's number p and the item's
number i, through h = (p * 7919 + i * 104729) % 1000. For most trainees
about 6% of their items are overdue (by one to thirty days), 5% fall due
later today, 3% were reviewed earlier today (they count against the daily
cap) and the rest fall due over the next 90 days; every tenth trainee is
back from leave with 40% more overdue, over the daily cap, so the cap stops
the queue early.

The data lives in its own database (lianbing_bench_duequeue, see
duequeue_run.py). duequeue_measure.py times the queue on it; it is a module
apart so that changing it does not make the data again.
"""

import hashlib
import json
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

MARKER_TABLE = "bench_duequeue"
DUE_TRAINEES = 10_000
DUE_ITEMS = 200
DUE_TOPICS = 20
DUE_QUESTIONS = 2_000  # the bank; each trainee holds DUE_ITEMS of them
DUE_INACTIVE_EVERY = 50  # one question in 50 is closed: never due
DUE_BACK_FROM_LEAVE_EVERY = 10  # every tenth trainee has a backlog over the cap
EMPLOYEE_PREFIX = "DQ"
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Plan:
    trainees: int = DUE_TRAINEES
    items: int = DUE_ITEMS
    topics: int = DUE_TOPICS
    questions: int = DUE_QUESTIONS

    def __post_init__(self):
        if not 1 <= self.items <= self.questions:
            raise ValueError(f"items must be between 1 and {self.questions}, not {self.items}")
        if self.trainees < 1:
            raise ValueError(f"trainees must be at least 1, not {self.trainees}")

    @property
    def states(self) -> int:
        return self.trainees * self.items


def version() -> str:
    """Changes whenever this generator changes (and only then)."""
    return "duequeue-" + hashlib.sha256((HERE / "duequeue.py").read_bytes()).hexdigest()[:16]


def marker_read(cursor) -> dict | None:
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [MARKER_TABLE])
    if not cursor.fetchone()[0]:
        return None
    cursor.execute(f"SELECT version, generated_at, seconds, facts FROM {MARKER_TABLE}")  # noqa: S608
    row = cursor.fetchone()
    if row is None:
        return None
    facts = row[3] if isinstance(row[3], dict) else json.loads(row[3])
    return {
        "version": row[0],
        "generated_at": row[1].isoformat(),
        "seconds": row[2],
        "facts": facts,
    }


def _marker_write(cursor, *, seconds: float, facts: dict) -> None:
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (version text NOT NULL, "
        "generated_at timestamptz NOT NULL, seconds double precision NOT NULL, "
        "facts jsonb NOT NULL)"
    )
    cursor.execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608
    cursor.execute(
        f"INSERT INTO {MARKER_TABLE} VALUES (%s, now(), %s, %s)",  # noqa: S608
        [version(), round(seconds, 1), json.dumps(facts)],
    )


class StaleQueue(Exception):
    """The database holds due-queue data of another version or size."""


def _people_make(cursor, plan: Plan, now: datetime) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from people.models import OrgUnit, Person, UnitKind
    from people.roles import GROUP_NAMES, Role
    from people.services import org_unit_create
    from tests.bench.orgscale_bulk import next_id, sequence_sync, table

    root = OrgUnit.objects.filter(code="dq-hq").first() or org_unit_create(
        name="壓測複習總行", code="dq-hq", kind=UnitKind.HEAD_OFFICE, parent=None
    )
    branch = org_unit_create(
        name="壓測複習分行", code="dq-branch", kind=UnitKind.BRANCH, parent=root
    )
    User = get_user_model()
    ids = {"unit": branch.pk, "user": next_id(cursor, User), "person": next_id(cursor, Person)}
    last = plan.trainees - 1
    cursor.execute(
        f"""
        INSERT INTO {table(User)} (id, password, last_login, is_superuser, username, first_name,
            last_name, email, is_staff, is_active, date_joined)
        SELECT {ids["user"]} + p, '!', NULL, false, 'bench-dq-' || lpad(p::text, 6, '0'),
            '', '', '', false, true, %s
        FROM generate_series(0, {last}) p
        """,  # noqa: S608 - numbers computed here, never input
        [now],
    )
    trainees = Group.objects.get(name=GROUP_NAMES[Role.TRAINEE]).pk
    cursor.execute(
        f"INSERT INTO {User.groups.through._meta.db_table} (user_id, group_id) "  # noqa: S608
        f"SELECT {ids['user']} + p, {trainees} FROM generate_series(0, {last}) p"
    )
    cursor.execute(
        f"""
        INSERT INTO {table(Person)} (id, user_id, employee_id, name, unit_id, position,
            hire_date, grade, guidance_type)
        SELECT {ids["person"]} + p, {ids["user"]} + p, '{EMPLOYEE_PREFIX}' || lpad(p::text, 6, '0'),
            '複習學員' || lpad(p::text, 5, '0'), {branch.pk}, '客戶經理', NULL, '', ''
        FROM generate_series(0, {last}) p
        """  # noqa: S608
    )
    sequence_sync(cursor, User)
    sequence_sync(cursor, Person)
    return ids


def _bank_make(cursor, plan: Plan, now: datetime) -> dict:
    from quizzes.models import Category, Question, Topic
    from tests.bench.orgscale_bulk import next_id, sequence_sync, table

    category = Category.add_root(instance=Category(name="壓測複習題庫"))
    first_topic = next_id(cursor, Topic)
    Topic.objects.bulk_create(
        Topic(id=first_topic + t, code=f"dq-topic-{t:02d}", name=f"壓測複習主題{t + 1:02d}")
        for t in range(plan.topics)
    )
    sequence_sync(cursor, Topic)
    q = next_id(cursor, Question)
    per = -(-plan.questions // plan.topics)
    cursor.execute(
        f"""
        INSERT INTO {table(Question)} (id, category_id, topic_id, qtype, name, difficulty,
            current_version_id, is_active, owner_person_id, owner_unit_id, fact_key,
            created_at, updated_at)
        SELECT {q} + n, {category.pk}, {first_topic} + n / {per}, 'single',
            '壓測複習題 ' || lpad(n::text, 5, '0'), 1 + n %% 5, NULL,
            n %% {DUE_INACTIVE_EVERY} <> {DUE_INACTIVE_EVERY - 1}, NULL, NULL, '', %s, %s
        FROM generate_series(0, {plan.questions - 1}) n
        """,  # noqa: S608
        [now, now],
    )
    sequence_sync(cursor, Question)
    return {"category": category.pk, "topic": first_topic, "question": q}


def _states_make(cursor, plan: Plan, ids: dict, now: datetime, today: datetime) -> None:
    """Trainee p's item i is question (p * 131 + i) % questions of the bank:
    distinct for one trainee since items <= questions."""
    from quizzes.models import MemoryState
    from tests.bench.orgscale_bulk import bare, table

    leave = DUE_BACK_FROM_LEAVE_EVERY
    with bare(cursor, MemoryState):
        cursor.execute(
            f"""
            INSERT INTO {table(MemoryState)} (person_id, question_id, state, step, stability,
                difficulty, due, last_review, reviews, lapses, desired_retention)
            SELECT {ids["person"]} + p, {ids["question"]} + (p * 131 + i) %% {plan.questions},
                2, NULL, 1 + h %% 60, 2 + h %% 7, d.due, d.last_review, 1 + h %% 12, h %% 3, 0.9
            FROM generate_series(0, {plan.trainees - 1}) p
            CROSS JOIN generate_series(0, {plan.items - 1}) i
            CROSS JOIN LATERAL (SELECT (p * 7919 + i * 104729) %% 1000 AS h) x
            CROSS JOIN LATERAL (SELECT CASE
                WHEN h < 60 OR (p %% {leave} = 0 AND h >= 600) THEN 'overdue'
                WHEN h < 110 THEN 'today' WHEN h < 140 THEN 'reviewed' ELSE 'later'
                END AS kind) k
            CROSS JOIN LATERAL (SELECT
                CASE k.kind
                    WHEN 'overdue' THEN %(today)s - (1 + h %% 30) * interval '1 day'
                        + (h * 37 %% 1440) * interval '1 minute'
                    WHEN 'today' THEN %(today)s + (h * 53 %% 1440) * interval '1 minute'
                    ELSE %(today)s + (1 + h %% 90) * interval '1 day'
                        + (h * 37 %% 1440) * interval '1 minute'
                END AS due,
                CASE k.kind
                    WHEN 'reviewed' THEN %(today)s + (%(now)s - %(today)s) * ((h - 110) / 30.0)
                    ELSE %(today)s - (1 + h * 7 %% 60) * interval '1 day'
                END AS last_review) d
            """,  # noqa: S608
            {"now": now, "today": today},
        )


def _counts(cursor, plan: Plan, ids: dict, now: datetime, today: datetime, end: datetime):
    from quizzes.models import MemoryState
    from tests.bench.orgscale_bulk import table

    cursor.execute(
        f"""
        SELECT count(*), count(*) FILTER (WHERE due < %s), count(*) FILTER (WHERE due < %s),
            count(*) FILTER (WHERE last_review >= %s)
        FROM {table(MemoryState)} WHERE person_id >= %s AND person_id < %s
        """,  # noqa: S608
        [today, end, today, ids["person"], ids["person"] + plan.trainees],
    )
    states, overdue, due_today, reviewed_today = cursor.fetchone()
    return {
        "memory_states": states,
        "overdue": overdue,
        "due_by_end_of_today": due_today,
        "reviewed_today": reviewed_today,
    }


def duequeue_make(*, plan: Plan | None = None, log=print) -> dict:
    """The data's facts (ids, counts, the instant it describes), generating it
    unless this version of this size is already there."""
    from django.db import connection, transaction
    from django.utils import timezone

    from quizzes.selectors.memory import end_of_today, start_of_today
    from tests.bench.orgscale_bulk import table

    if connection.vendor != "postgresql":
        raise RuntimeError("the due-queue generator writes with PostgreSQL's SQL")
    plan = plan or Plan()
    with connection.cursor() as cursor:
        marker = marker_read(cursor)
    if marker is not None:
        if marker["version"] == version() and marker["facts"]["plan"] == asdict(plan):
            return {**marker["facts"], "reused": True, "generated_at": marker["generated_at"]}
        raise StaleQueue(
            f"the database holds due-queue data of {marker['version']} for "
            f"{marker['facts']['plan']}, not {version()} for {asdict(plan)}"
        )
    log(f"duequeue: generating {plan.trainees:,} trainees and {plan.states:,} memory states")
    started = time.monotonic()
    # The data describes this instant; the site's zone says when its day began.
    zone = timezone.get_default_timezone()
    now = timezone.now().replace(microsecond=0)
    today, end = start_of_today(now, zone), end_of_today(now, zone)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        ids = _people_make(cursor, plan, now)
        ids |= _bank_make(cursor, plan, now)
        _states_make(cursor, plan, ids, now, today)
        counts = _counts(cursor, plan, ids, now, today, end)
        facts = {"plan": asdict(plan), "ids": ids, "now": now.isoformat(), "counts": counts}
        _marker_write(cursor, seconds=time.monotonic() - started, facts=facts)
    from quizzes.models import MemoryState

    with connection.cursor() as cursor:
        # Production's tables are vacuumed and analysed; inside a test's
        # transaction only ANALYZE can run.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        cursor.execute(f"{command} {table(MemoryState)}")
        cursor.execute("ANALYZE")
    seconds = round(time.monotonic() - started, 1)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {MARKER_TABLE} SET seconds = %s", [seconds])  # noqa: S608
    log(f"duequeue: generated in {seconds:.1f} s")
    return {**facts, "reused": False, "seconds": seconds}
