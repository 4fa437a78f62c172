"""The organisation tree, its people (users, group memberships, team heads),
the two users the scenarios sign in as, and the question bank with its drills.

Person number p (0-based) is user id ids["user"] + p and person id
ids["person"] + p; p < plan.team is in the dashboard's team, the others in
teams of plan.team_size, team (p - plan.team) // plan.team_size, whose first
member heads it.
"""

from tests.bench.orgscale_bulk import next_id, sequence_sync, table

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周"
GIVEN = "志明淑芬家豪雅婷俊傑美玲建宏怡君冠宇詩涵承恩宜蓁柏翰欣怡"
GRADES = ("probation", "junior", "intermediate", "senior", "principal")
TOPIC_SUBJECTS = (
    "存款利率",
    "理財產品",
    "代發工資",
    "反洗錢",
    "授信政策",
    "信用卡",
    "外匯結算",
    "保險代理",
)


def _step(model, number: int) -> str:
    return model._int2str(number).rjust(model.steplen, "0")


def _units(plan, root, ids: dict) -> None:
    """Branches, sub-branches and teams below `root`, with the paths treebeard
    would give them (names sort like the paths, as node_order_by wants)."""
    from people.models import OrgUnit, UnitKind

    rows, next_pk = [], ids["unit"]

    def add(parent_path: str, step: int, depth: int, children: int, **fields) -> tuple[int, str]:
        nonlocal next_pk
        path = parent_path + _step(OrgUnit, step)
        rows.append(OrgUnit(id=next_pk, path=path, depth=depth, numchild=children, **fields))
        next_pk += 1
        return rows[-1].pk, path

    per_sub = plan.teams_per_sub_branch
    team_count = [
        min(per_sub, plan.small_teams - s * per_sub) + (1 if s == 0 else 0)
        for s in range(plan.sub_branches)
    ]
    subs = []
    for b in range(plan.branches):
        first = b * plan.sub_branches_per_branch
        mine = range(first, min(first + plan.sub_branches_per_branch, plan.sub_branches))
        _pk, branch_path = add(
            root.path, b + 1, 2, len(mine), name=f"壓測銀行{b + 1:02d}分行",
            code=f"os-b{b + 1:02d}", kind=UnitKind.BRANCH,
        )  # fmt: skip
        for s in mine:
            pk, path = add(
                branch_path, s - first + 1, 3, team_count[s], name=f"壓測銀行{b + 1:02d}分行"
                f"第{s - first + 1:02d}支行", code=f"os-s{s + 1:03d}", kind=UnitKind.SUB_BRANCH,
            )  # fmt: skip
            subs.append((pk, path, rows[-1].name))
    sub_pk, sub_path, sub_name = subs[0]
    ids["team"], _ = add(
        sub_path, 1, 4, 0, name=f"{sub_name}第000組", code="os-team-200", kind=UnitKind.TEAM
    )
    ids["team_sub_branch"] = sub_pk
    ids["team0"] = next_pk
    for t in range(plan.small_teams):
        s, local = divmod(t, per_sub)
        pk, path, name = subs[s]
        add(
            path, local + (2 if s == 0 else 1), 4, 0, name=f"{name}第{local + 1:03d}組",
            code=f"os-t{t + 1:04d}", kind=UnitKind.TEAM,
        )  # fmt: skip
    OrgUnit.objects.bulk_create(rows)
    root.numchild = plan.branches
    root.save(update_fields=["numchild"])


def _bench_users(plan, ids: dict) -> None:
    """The dashboard's manager (in the sub-branch, heading the team of 200) and
    the course's trainer, with the password the load driver signs in with."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from people.models import Person
    from people.roles import GROUP_NAMES, Role
    from tests.bench.scenarios import PASSWORD, USERS

    password = make_password(PASSWORD)
    for key, unit, role, extra in (
        ("org-manager", ids["team_sub_branch"], Role.MANAGER, "manager"),
        ("org-trainer", ids["root"], Role.TRAINER, "trainer"),
    ):
        bench_user = USERS[key]
        user = get_user_model().objects.create(
            username=bench_user.username, password=password, is_active=True
        )
        user.groups.set([Group.objects.get(name=GROUP_NAMES[role])])
        person = Person.objects.create(
            user=user,
            employee_id=bench_user.employee_id,
            name=bench_user.name,
            unit_id=unit,
            position="團隊主管" if role == Role.MANAGER else "內訓師",
        )
        ids[f"{extra}_user"], ids[f"{extra}_person"] = user.pk, person.pk
    Person.objects.get(pk=ids["manager_person"]).managed_units.set([ids["team"]])


def people_make(cursor, plan) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from people.models import OrgUnit, Person, UnitKind
    from people.roles import GROUP_NAMES, Role
    from people.services import org_unit_create

    root = org_unit_create(
        name="壓測銀行總行", code="os-hq", kind=UnitKind.HEAD_OFFICE, parent=None
    )
    ids = {"root": root.pk, "unit": next_id(cursor, OrgUnit)}
    _units(plan, root, ids)
    sequence_sync(cursor, OrgUnit)

    User = get_user_model()
    ids["user"], ids["person"] = next_id(cursor, User), next_id(cursor, Person)
    now, today = timezone.now(), timezone.localdate()
    last = plan.people - 1
    cursor.execute(
        f"""
        INSERT INTO {table(User)} (id, password, last_login, is_superuser, username, first_name,
            last_name, email, is_staff, is_active, date_joined)
        SELECT {ids["user"]} + p, '!', NULL, false, 'bench-os-' || lpad(p::text, 6, '0'),
            '', '', '', false, true, %s
        FROM generate_series(0, {last}) p
        """,  # noqa: S608 - numbers computed here, never input
        [now],
    )
    groups = {role: Group.objects.get(name=GROUP_NAMES[role]).pk for role in Role}
    memberships = User.groups.through._meta.db_table
    cursor.execute(
        f"INSERT INTO {memberships} (user_id, group_id) "  # noqa: S608
        f"SELECT {ids['user']} + p, {groups[Role.TRAINEE]} FROM generate_series(0, {last}) p"
    )
    team, size = plan.team, plan.team_size
    cursor.execute(
        f"""
        INSERT INTO {table(Person)} (id, user_id, employee_id, name, unit_id, position,
            hire_date, grade, guidance_type)
        SELECT {ids["person"]} + p, {ids["user"]} + p, 'OS' || lpad(p::text, 6, '0'),
            substr(%s, 1 + p %% 20, 1) || substr(%s, 1 + (p / 20) %% 30, 1)
                || substr(%s, 1 + (p / 3) %% 30, 1),
            CASE WHEN p < {team} THEN {ids["team"]} ELSE {ids["team0"]} + (p - {team}) / {size} END,
            '客戶經理', %s::date - (30 + (p * 37) %% 5000), (%s::text[])[1 + p %% 5], ''
        FROM generate_series(0, {last}) p
        """,  # noqa: S608
        [SURNAMES, GIVEN, GIVEN, today, list(GRADES)],
    )
    # Every small team's first member heads it.
    heads = f"generate_series({team}, {last}, {size}) p"
    cursor.execute(
        f"INSERT INTO {Person.managed_units.through._meta.db_table} (person_id, orgunit_id) "  # noqa: S608
        f"SELECT {ids['person']} + p, {ids['team0']} + (p - {team}) / {size} FROM {heads}"
    )
    cursor.execute(
        f"INSERT INTO {memberships} (user_id, group_id) "  # noqa: S608
        f"SELECT {ids['user']} + p, {groups[Role.MANAGER]} FROM {heads}"
    )
    sequence_sync(cursor, User)
    sequence_sync(cursor, Person)
    _bench_users(plan, ids)
    return ids


def bank_make(cursor, plan, ids: dict) -> dict:
    """plan.topics topics of plan.questions_per_topic single-choice questions
    (one version each, the first choice right), a random drill per topic and
    the course's retention drill on its topics."""
    from django.utils import timezone

    from quizzes.models import Category, Drill, Question, QuestionVersion, Topic

    category = Category.add_root(instance=Category(name="壓測全行題庫"))
    first_topic = next_id(cursor, Topic)
    Topic.objects.bulk_create(
        Topic(
            id=first_topic + t,
            code=f"os-topic-{t:02d}",
            name=f"壓測{TOPIC_SUBJECTS[t % len(TOPIC_SUBJECTS)]}{t // len(TOPIC_SUBJECTS) + 1}",
        )
        for t in range(plan.topics)
    )
    sequence_sync(cursor, Topic)
    q, v = next_id(cursor, Question), next_id(cursor, QuestionVersion)
    per, now = plan.questions_per_topic, timezone.now()
    cursor.execute(
        f"""
        INSERT INTO {table(Question)} (id, category_id, topic_id, qtype, name, difficulty,
            current_version_id, is_active, owner_person_id, owner_unit_id, fact_key,
            created_at, updated_at)
        SELECT {q} + n, {category.pk}, {first_topic} + n / {per}, 'single',
            '壓測全行題 ' || lpad(n::text, 5, '0'), 1 + n %% 5, {v} + n, true, NULL, NULL, '', %s, %s
        FROM generate_series(0, {plan.topics * per - 1}) n
        """,  # noqa: S608
        [now, now],
    )
    payload = (
        '{"choices": [{"text": "正確", "fraction": 1.0, "feedback": ""}, '
        '{"text": "錯一", "fraction": 0.0, "feedback": ""}, '
        '{"text": "錯二", "fraction": 0.0, "feedback": ""}, '
        '{"text": "錯三", "fraction": 0.0, "feedback": ""}]}'
    )
    cursor.execute(
        f"""
        INSERT INTO {table(QuestionVersion)} (id, question_id, number, stem, general_feedback,
            payload, created_at, created_by_id)
        SELECT {v} + n, {q} + n, 1, '第 ' || n || ' 題：哪一項正確？', '', %s::jsonb, %s, NULL
        FROM generate_series(0, {plan.topics * per - 1}) n
        """,  # noqa: S608
        [payload, now],
    )
    sequence_sync(cursor, Question)
    sequence_sync(cursor, QuestionVersion)
    first_drill = next_id(cursor, Drill)
    drills = [
        Drill(id=first_drill + t, title=f"壓測全行主題練習 {t:02d}", selection="random",
              question_count=plan.items_per_attempt)
        for t in range(plan.topics)
    ]  # fmt: skip
    retention = Drill(
        id=first_drill + plan.topics, title="壓測全行課程保持練習", selection="random",
        question_count=plan.items_per_attempt,
    )  # fmt: skip
    Drill.objects.bulk_create([*drills, retention])
    sequence_sync(cursor, Drill)
    Through = Drill.topics.through
    Through.objects.bulk_create(
        [Through(drill_id=first_drill + t, topic_id=first_topic + t) for t in range(plan.topics)]
        + [
            Through(drill_id=retention.pk, topic_id=first_topic + t)
            for t in range(plan.course_topics)
        ]
    )
    return {
        "category": category.pk,
        "topic": first_topic,
        "question": q,
        "version": v,
        "drill": first_drill,
        "retention_drill": retention.pk,
    }


def counts(cursor, ids: dict) -> dict:
    """What the generator promises, counted in the database."""
    from courses.models import Enrollment, FollowUpTask, PlanAssignee
    from people.models import Person
    from quizzes.models import Attempt, AttemptItem, MasterySnapshot, MemoryState

    result = {}
    for name, model in (
        ("people", Person),
        ("attempts", Attempt),
        ("answers", AttemptItem),
        ("memory_states", MemoryState),
        ("mastery_snapshots", MasterySnapshot),
        ("followup_tasks", FollowUpTask),
        ("plan_assignees", PlanAssignee),
    ):
        cursor.execute(f"SELECT count(*) FROM {table(model)}")  # noqa: S608
        result[name] = cursor.fetchone()[0]
    cursor.execute(
        f"SELECT count(*) FROM {table(Enrollment)} "  # noqa: S608
        "WHERE course_id = %s AND completed_at IS NOT NULL",
        [ids["course"]],
    )
    result["completions"] = cursor.fetchone()[0]
    cursor.execute(
        f"SELECT count(*) FROM {table(Person)} WHERE unit_id = %s",  # noqa: S608
        [ids["team"]],
    )
    result["team"] = cursor.fetchone()[0]
    return result


BIG_TABLES = (
    "quizzes.AttemptItem",
    "quizzes.Attempt",
    "quizzes.MemoryState",
    "quizzes.MasterySnapshot",
    "courses.BusinessFigure",
    "courses.PlanAssignee",
    "people.Person",
    "quizzes.PersonTopicDay",
    "quizzes.UnitTopicDay",
)


def tables_analyze(cursor, plan) -> None:
    """Production's tables are vacuumed and analysed: plans and index-only
    scans depend on it. Inside a transaction (a test) only ANALYZE can run."""
    from django.apps import apps
    from django.db import connection

    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    for label in BIG_TABLES:
        cursor.execute(f"{command} {table(apps.get_model(label))}")
    # And every other table, small ones too: without statistics the planner
    # guesses a handful of plan assignments and walks all of them per person.
    cursor.execute("ANALYZE")
