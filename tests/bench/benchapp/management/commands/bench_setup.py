"""Prepare the bench database: a small organisation tree, the users named in
tests/bench/scenarios.py, and empty session and hit tables so every run
starts from the same state. Safe to run again.

With --morning-users N it also prepares the morning drill: N trainees
(bench-morning-0001...) with Person rows in the bench team, a bank of
MORNING_QUESTIONS single-choice questions, a fixed-list drill open to the
team, no attempts, memory states or mastery snapshots of those trainees left
from an earlier run, and one signed-in session per trainee, written with the
drill's id to --sessions-file for the load driver.

Why sessions are made here rather than through the login form: the password
hasher is PBKDF2 with Django's 1,000,000 iterations, about 0.9 s of CPU per
login on the 2-core bench machine (1.6 s wall when the machine is busy). 200
logins would cost minutes of the server's CPU before the timed phase even
starts, and would measure the hasher, not the drill. A session made here is
the same row the login view writes (user id, backend, session auth hash), so
the server cannot tell the difference; the login form itself stays covered by
the scenarios that sign in with `login_as`.
"""

import json
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.crypto import get_random_string

from people.models import OrgUnit, Person, UnitKind
from people.roles import GROUP_NAMES, Role
from people.services import org_unit_create
from quizzes.models import (
    Attempt,
    Category,
    Drill,
    DrillQuestion,
    FeedbackTiming,
    MasterySnapshot,
    MemoryState,
    Question,
    QuestionSelection,
    Topic,
)
from quizzes.services import question_create
from tests.bench.benchapp.models import Hit
from tests.bench.scenarios import (
    MORNING_DRILL_TITLE,
    MORNING_EMPLOYEE_ID,
    MORNING_MAX_USERS,
    MORNING_NAME,
    MORNING_QUESTIONS,
    MORNING_TIME_LIMIT,
    MORNING_USERNAME,
    PASSWORD,
    USERS,
)

# Head office > branch > sub-branch > team, so unit paths and scope queries
# walk a realistic depth. Bench users sit in the team.
ORG_TREE = [
    ("bench-hq", "壓測總行", UnitKind.HEAD_OFFICE),
    ("bench-branch", "壓測分行", UnitKind.BRANCH),
    ("bench-sub-branch", "壓測支行", UnitKind.SUB_BRANCH),
    ("bench-team", "壓測一組", UnitKind.TEAM),
]

MORNING_TOPIC = ("bench-morning", "壓測晨會主題")
MORNING_CATEGORY = "壓測晨會題庫"
MORNING_PREFIX = MORNING_USERNAME.split("{")[0]


def morning_question(number: int) -> dict:
    """Question `number` (1-based) of the bench bank: four choices, one right."""
    rate = 1.5 + number * 0.25
    return {
        "name": f"壓測題 {number:02d}",
        "stem": f"第 {number} 題：**{number} 年期**定存的牌告年利率是多少？",
        "general_feedback": f"{number} 年期定存利率見本月利率表。",
        "payload": {
            "choices": [
                {"text": f"{rate:.2f}%", "fraction": 1.0, "feedback": "對。"},
                {"text": f"{rate - 0.5:.2f}%", "fraction": 0.0, "feedback": "這是活期利率。"},
                {"text": f"{rate + 0.5:.2f}%", "fraction": 0.0, "feedback": ""},
                {"text": f"{rate + 1:.2f}%", "fraction": 0.0, "feedback": ""},
            ]
        },
    }


class Command(BaseCommand):
    help = "Create the benchmark's organisation tree and users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--morning-users",
            type=int,
            default=0,
            help="trainees of the morning drill to prepare, each with a session (0: none)",
        )
        parser.add_argument(
            "--sessions-file",
            type=Path,
            help="where to write the morning drill's id and the trainees' session cookies",
        )

    def handle(self, *args, morning_users: int, sessions_file: Path | None, **options):
        if not 0 <= morning_users <= MORNING_MAX_USERS:
            raise CommandError(f"--morning-users must be between 0 and {MORNING_MAX_USERS}")
        if morning_users and sessions_file is None:
            raise CommandError("--morning-users needs --sessions-file")
        # One hash for every bench user: PBKDF2 costs about a second per call here.
        password_hash = make_password(PASSWORD)
        with transaction.atomic():
            team = self._org_tree()
            for bench_user in USERS.values():
                self._user(bench_user, team, password_hash)
            Session.objects.all().delete()
            Hit.objects.all().delete()
            morning = self._morning(morning_users, team, password_hash) if morning_users else None
        self.stdout.write(f"bench_setup: {len(USERS)} user(s) in {team.name}")
        if morning is not None:
            sessions_file.parent.mkdir(parents=True, exist_ok=True)
            sessions_file.write_text(json.dumps(morning, ensure_ascii=False), encoding="utf-8")
            self.stdout.write(
                f"bench_setup: morning drill {morning['drill_id']} with "
                f"{len(morning['trainees'])} signed-in trainee(s), sessions in {sessions_file}"
            )

    def _org_tree(self) -> OrgUnit:
        parent = None
        for code, name, kind in ORG_TREE:
            unit = OrgUnit.objects.filter(code=code).first()
            if unit is None:
                unit = org_unit_create(name=name, code=code, kind=kind, parent=parent)
            parent = unit
        return parent

    def _user(self, bench_user, unit: OrgUnit, password_hash: str) -> None:
        user, _ = get_user_model().objects.get_or_create(username=bench_user.username)
        user.password = password_hash
        user.is_active = True
        user.save()
        user.groups.set([Group.objects.get(name=GROUP_NAMES[Role(bench_user.role)])])
        Person.objects.update_or_create(
            user=user,
            defaults={
                "employee_id": bench_user.employee_id,
                "name": bench_user.name,
                "unit": unit,
                "position": "客戶經理",
            },
        )

    # --- the morning drill -------------------------------------------------------

    def _morning(self, count: int, team: OrgUnit, password_hash: str) -> dict:
        users = self._morning_trainees(count, team, password_hash)
        drill = self._morning_drill(team)
        # Every run starts fresh: no attempt, memory or mastery of any morning
        # trainee (also those of a larger earlier run), no attempt at the drill.
        everyone = Person.objects.filter(user__username__startswith=MORNING_PREFIX)
        Attempt.objects.filter(drill=drill).delete()
        Attempt.objects.filter(person__in=everyone).delete()
        MemoryState.objects.filter(person__in=everyone).delete()
        MasterySnapshot.objects.filter(person__in=everyone).delete()
        return {
            "drill_id": drill.pk,
            "questions": MORNING_QUESTIONS,
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "trainees": [self._session(user) for user in users],
        }

    def _morning_trainees(self, count: int, team: OrgUnit, password_hash: str) -> list:
        User = get_user_model()
        names = [MORNING_USERNAME.format(n) for n in range(1, count + 1)]
        existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
        User.objects.bulk_create(
            User(username=name, password=password_hash, is_active=True)
            for name in names
            if name not in existing
        )
        User.objects.filter(username__in=names).update(password=password_hash, is_active=True)
        users = list(User.objects.filter(username__in=names).order_by("username"))
        Group.objects.get(name=GROUP_NAMES[Role.TRAINEE]).user_set.add(*users)

        people = {p.user_id: p for p in Person.objects.filter(user__in=users)}
        fresh, changed = [], []
        for number, user in enumerate(users, start=1):
            fields = {
                "employee_id": MORNING_EMPLOYEE_ID.format(number),
                "name": MORNING_NAME.format(number),
                "unit": team,
                "position": "客戶經理",
            }
            person = people.get(user.pk)
            if person is None:
                fresh.append(Person(user=user, **fields))
            else:
                for field, value in fields.items():
                    setattr(person, field, value)
                changed.append(person)
        Person.objects.bulk_create(fresh)
        Person.objects.bulk_update(changed, ["employee_id", "name", "unit", "position"])
        return users

    def _morning_drill(self, team: OrgUnit) -> Drill:
        code, topic_name = MORNING_TOPIC
        topic, _ = Topic.objects.get_or_create(code=code, defaults={"name": topic_name})
        category = Category.get_root_nodes().filter(name=MORNING_CATEGORY).first()
        if category is None:
            category = Category.add_root(instance=Category(name=MORNING_CATEGORY))
        questions = []
        for number in range(1, MORNING_QUESTIONS + 1):
            spec = morning_question(number)
            question = Question.objects.filter(category=category, name=spec["name"]).first()
            if question is None:
                question = question_create(category=category, topic=topic, qtype="single", **spec)
            questions.append(question)

        drill = Drill.objects.filter(title=MORNING_DRILL_TITLE).first() or Drill(
            title=MORNING_DRILL_TITLE
        )
        drill.description = "晨會前十題一口清：每人一次，作答即存。"
        drill.selection = QuestionSelection.FIXED
        drill.question_count = MORNING_QUESTIONS
        drill.time_limit = MORNING_TIME_LIMIT
        drill.time_per_question = None
        drill.attempts_allowed = None
        drill.shuffle_questions = False
        drill.shuffle_choices = True
        drill.feedback = FeedbackTiming.IMMEDIATE
        drill.is_active = True
        drill.save()
        drill.drill_questions.all().delete()
        DrillQuestion.objects.bulk_create(
            DrillQuestion(drill=drill, question=question, position=position)
            for position, question in enumerate(questions)
        )
        drill.audience.set([team])
        return drill

    def _session(self, user) -> dict:
        """What django.contrib.auth.login() writes, without the password check."""
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = user._meta.pk.value_to_string(user)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return {
            "username": user.username,
            "session": store.session_key,
            # The value of the CSRF cookie a browser would hold; the driver
            # sends it back in the X-CSRFToken header.
            "csrf": get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS),
        }
