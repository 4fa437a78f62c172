"""Prepare the bench database: a small organisation tree, the users named in
tests/bench/scenarios.py, the course pages the course scenarios read (the
catalogue, one course of COURSE_LESSONS lessons and a case, with the bench
trainee enrolled part of the way), and empty session and hit tables so every
run starts from the same state. Safe to run again.

With --morning-users N it also prepares the morning drill: N trainees
(bench-morning-00001...) with Person rows in a morning team of their own
beside the bench team (so the bench team's dashboard stays the same size
whatever the morning scenarios made), a bank of MORNING_QUESTIONS
single-choice questions, a fixed-list drill open to that team, no attempts, memory states or mastery snapshots of those trainees left
from an earlier run but one finished attempt each of yesterday's drill
(tests/bench/benchapp/history.py: a database in use, not empty tables), and
one signed-in session per trainee, written with the drill's id to
--sessions-file for the load driver.

Why sessions are made here rather than through the login form: the password
hasher is PBKDF2 with Django's 1,000,000 iterations, about 0.9 s of CPU per
login on the 2-core bench machine (1.6 s wall when the machine is busy). 200
logins would cost minutes of the server's CPU before the timed phase even
starts, and would measure the hasher, not the drill. A session made here is
the same row the login view writes (user id, backend, session auth hash), so
the server cannot tell the difference; the login form itself stays covered by
the scenarios that sign in with `login_as`. They are written in bulk
(tests/bench/benchapp/sessions.py): a run with the capacity steps needs more
than 13,000.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from courses.models import (
    CaseStudyPage,
    CourseIndexPage,
    CoursePage,
    DecisionChoice,
    DecisionPoint,
    LessonPage,
)
from courses.models.pages import CaseOutcome, CourseFormat
from courses.services import decision_commit, enrollment_create, lesson_complete
from people.models import OrgUnit, Person, UnitKind
from people.roles import GROUP_NAMES, Role
from people.services import org_unit_create
from quizzes.models import (
    Attempt,
    Category,
    Drill,
    FeedbackTiming,
    MasterySnapshot,
    MemoryState,
    Question,
    Topic,
)
from quizzes.services import question_create
from tests.bench.benchapp.certificates import certificates_ensure
from tests.bench.benchapp.cleanup import attempts_delete
from tests.bench.benchapp.drills import fixed_drill_ensure
from tests.bench.benchapp.history import history_drill, history_write
from tests.bench.benchapp.models import Hit
from tests.bench.benchapp.risk_reviews import risk_reviews_ensure
from tests.bench.benchapp.sessions import (
    generated_users_passwords_set,
    passwords_set,
    sessions_create,
)
from tests.bench.benchapp.statistics import statistics_refresh
from tests.bench.scenarios import (
    CASE_SLUG,
    CASE_TITLE,
    CATALOGUE_SLUG,
    COURSE_LESSONS,
    COURSE_LESSONS_DONE,
    COURSE_SLUG,
    COURSE_TITLE,
    MORNING_DRILL_TITLE,
    MORNING_EMPLOYEE_ID,
    MORNING_NAME,
    MORNING_QUESTIONS,
    MORNING_SETUP_MAX_USERS,
    MORNING_TIME_LIMIT,
    MORNING_USERNAME,
    PASSWORD,
    RISK_REVIEWS_DEFAULT,
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

MORNING_TEAM = ("bench-morning-team", "壓測晨會組", UnitKind.TEAM)
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


def lesson_body(number: int) -> list:
    """Lesson `number` (1-based): Markdown with a table and a list, key points,
    a discussion question; about the size of a real lesson."""
    rows = "\n".join(
        f"| 第 {number} 課 · 要素 {row} | 客戶經理要能一口說清的第 {row} 項 | 見本行產品手冊第 {row} 章 |"
        for row in range(1, 9)
    )
    return [
        (
            "markdown",
            f"## 第 {number} 課：從報表讀懂企業客戶\n"
            "企業的財務報表告訴你它**想讓你看到什麼**；水費、電費、納稅和代發工資"
            "告訴你它**實際在做什麼**。拜訪前做好功課：工商信息、司法涉訴、行業地位、"
            "在他行的授信。\n\n"
            f"| 看什麼 | 為什麼 | 從哪裡看 |\n|---|---|---|\n{rows}\n\n"
            "1. 先看經營活動現金流淨額是否長期為正；\n"
            "2. 再看應收賬款週轉天數與同業的差距；\n"
            "3. 最後把用電量、納稅額和報表營收放在一起對照。",
        ),
        (
            "key_points",
            {
                "heading": "本課要點",
                "points": [
                    "報表要和水電稅薪交叉驗證",
                    "現金流比利潤重要",
                    "拜訪前查清工商、涉訴和他行授信",
                    "找到企業的決策鏈",
                ],
            },
        ),
        (
            "discussion",
            {"question": f"第 {number} 課討論：用電量下降三成而報表利潤率不變，你先問誰？"},
        ),
    ]


def bench_case() -> CaseStudyPage:
    page = CaseStudyPage(
        title=CASE_TITLE,
        slug=CASE_SLUG,
        client_profile=(
            "某精密製造企業（下稱 A 公司），民營，年營收約 6 億元，員工約 1,200 人，"
            "為整車廠配套精密零部件。在我行只有一個一般結算戶。"
        ),
        situation=(
            "財務總監表示和現在的銀行合作得挺好，但順口抱怨代發工資的批量文件常出錯，"
            "出納要加班核對，員工也抱怨工資晚到。"
        ),
        how_it_went=(
            "客戶經理請運營主管一起上門，兩週內完成代發系統對接，首月零差錯。"
            "半年後首筆銀行承兌匯票落地，一年後基本戶遷入我行。"
        ),
        timeline=[
            ("event", {"when": when, "what": what})
            for when, what in [
                ("2025 年 3 月", "首次拜訪財務總監"),
                ("2025 年 4 月", "代發系統對接完成"),
                ("2025 年 5 月", "首月代發 1,180 人，零差錯"),
                ("2025 年 7 月", "廠區員工金融服務日"),
                ("2025 年 10 月", "首筆銀行承兌匯票 3,000 萬元"),
                ("2026 年 3 月", "基本戶遷入我行"),
            ]
        ],
        outcome=CaseOutcome.SUCCESS,
        lessons_learned="- 聽出客戶的**真痛點**\n- 服務見效後再談授信\n- 運營、個金條線一起上門",
        discussion_questions="1. 如果代發已經由他行做得很好，你還能找到哪個切入點？",
        industry="製造業",
        product="代發工資",
    )
    page.decision_points = [
        DecisionPoint(
            prompt=f"第 {n} 個決定：**第二次拜訪，你先推什麼？**",
            options="直接報流動資金貸款\n先解決代發工資\n推薦結構性存款\n請支行行長約董事長",
            expert_answer="**先解決代發工資。**客戶主動說出口的痛點就是最好的切入點。",
            actual_outcome="客戶經理選擇先做代發，兩週完成對接。",
        )
        for n in (1, 2)
    ]
    return page


def publish_child(parent: Page, page: Page) -> Page:
    """The child of `parent` with `page`'s slug, or `page` added and published."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


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
        parser.add_argument(
            "--risk-reviews",
            type=int,
            default=RISK_REVIEWS_DEFAULT,
            help="risk case reviews in the bench's risk review course (at least 1)",
        )
        parser.add_argument(
            "--certificates-file",
            type=Path,
            help="where to write the codes of the verification scenario's certificates",
        )

    def handle(
        self,
        *args,
        morning_users: int,
        sessions_file: Path | None,
        certificates_file: Path | None = None,
        risk_reviews: int = RISK_REVIEWS_DEFAULT,
        **options,
    ):
        if not 0 <= morning_users <= MORNING_SETUP_MAX_USERS:
            raise CommandError(f"--morning-users must be between 0 and {MORNING_SETUP_MAX_USERS}")
        if morning_users and sessions_file is None:
            raise CommandError("--morning-users needs --sessions-file")
        # One hash for every bench user: PBKDF2 costs about a second per call here.
        password_hash = make_password(PASSWORD)
        with transaction.atomic():
            team = self._org_tree()
            for bench_user in USERS.values():
                if bench_user.made_by == "bench_setup":  # the others: bench_orgscale
                    self._user(bench_user, team, password_hash)
            generated_users_passwords_set(password_hash)
            course = self._course()
            manager = Person.objects.get(user__username=USERS["manager"].username)
            manager.managed_units.set([team])
            reviews = risk_reviews_ensure(risk_reviews)
            Session.objects.all().delete()
            Hit.objects.all().delete()
            morning = (
                self._morning(morning_users, self._morning_team(team), password_hash)
                if morning_users
                else None
            )
            codes = certificates_ensure(team) if certificates_file else None
        statistics_refresh()
        made = sum(1 for bench_user in USERS.values() if bench_user.made_by == "bench_setup")
        self.stdout.write(f"bench_setup: {made} user(s) in {team.name}")
        self.stdout.write(
            f"bench_setup: course {course.url} with {course.get_children().count()} pages"
        )
        self.stdout.write(
            f"bench_setup: risk reviews {reviews.url} with {reviews.get_children().count()} reviews"
        )
        if codes is not None:
            certificates_file.parent.mkdir(parents=True, exist_ok=True)
            certificates_file.write_text(json.dumps(codes), encoding="utf-8")
            self.stdout.write(f"bench_setup: {len(codes)} certificates to verify")
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

    def _morning_team(self, team: OrgUnit) -> OrgUnit:
        code, name, kind = MORNING_TEAM
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            unit = org_unit_create(name=name, code=code, kind=kind, parent=team.get_parent())
        return unit

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

    # --- the course pages ----------------------------------------------------------

    def _course(self) -> CoursePage:
        root = Site.objects.get(is_default_site=True).root_page
        catalogue = CourseIndexPage.objects.first()  # there is at most one (max_count)
        if catalogue is None:
            catalogue = publish_child(
                root,
                CourseIndexPage(
                    title="課程目錄",
                    slug=CATALOGUE_SLUG,
                    intro="練兵的課程：**案例教學**與產品知識。",
                ),
            )
        if catalogue.url_path != f"{root.url_path}{CATALOGUE_SLUG}/":
            raise CommandError(f"The catalogue is at {catalogue.url_path}, not /{CATALOGUE_SLUG}/")
        course = publish_child(
            catalogue,
            CoursePage(
                title=COURSE_TITLE,
                slug=COURSE_SLUG,
                objectives="1. 讀懂企業客戶\n2. 找到切入點\n3. 做成綜合金融服務",
                audience="對公客戶經理",
                course_format=CourseFormat.CASE_DISCUSSION,
                estimated_minutes=180,
            ),
        )
        lessons = [
            publish_child(
                course,
                LessonPage(
                    title=f"第 {n} 課：從報表讀懂企業客戶",
                    slug=f"lesson-{n:02d}",
                    estimated_minutes=15,
                    body=lesson_body(n),
                ),
            )
            for n in range(1, COURSE_LESSONS + 1)
        ]
        case = publish_child(course, bench_case())
        # The trainee's progress: enrolled, some lessons done, the first decision made.
        person = Person.objects.get(user__username=USERS["trainee"].username)
        enrollment_create(person=person, course=course)
        for lesson in lessons[:COURSE_LESSONS_DONE]:
            lesson_complete(person=person, page=lesson)
        first = case.decision_points.order_by("sort_order", "pk").first()
        if not DecisionChoice.objects.filter(person=person, decision_point=first).exists():
            decision_commit(
                person=person,
                decision_point=first,
                option=1,
                reasoning="客戶自己說出口的痛點先解決。",
            )
        return course

    # --- the morning drill -------------------------------------------------------

    def _morning(self, count: int, team: OrgUnit, password_hash: str) -> dict:
        users = self._morning_trainees(count, team, password_hash)
        drill = self._morning_drill(team)
        # Every run starts fresh: no attempt, memory or mastery of any morning
        # trainee (also those of a larger earlier run), no attempt at the drill.
        everyone = Person.objects.filter(user__username__startswith=MORNING_PREFIX)
        attempts_delete(Attempt.objects.filter(drill=drill))
        attempts_delete(Attempt.objects.filter(person__in=everyone))
        MemoryState.objects.filter(person__in=everyone).delete()
        MasterySnapshot.objects.filter(person__in=everyone).delete()
        questions = [
            each.question
            for each in drill.drill_questions.select_related("question").order_by("position")
        ]
        people = list(Person.objects.filter(user__in=[user.pk for user in users]).only("pk"))
        history_write(history_drill(questions), questions, people)
        return {
            "drill_id": drill.pk,
            "questions": MORNING_QUESTIONS,
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "trainees": sessions_create(users),
        }

    def _morning_trainees(self, count: int, team: OrgUnit, password_hash: str) -> list:
        User = get_user_model()
        names = [MORNING_USERNAME.format(n) for n in range(1, count + 1)]
        existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
        User.objects.bulk_create(
            (
                User(username=name, password=password_hash, is_active=True)
                for name in names
                if name not in existing
            ),
            batch_size=1_000,
        )
        passwords_set(User.objects.filter(username__in=names), password_hash)
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
            elif (
                any(
                    getattr(person, field) != value
                    for field, value in fields.items()
                    if field != "unit"
                )
                or person.unit_id != team.pk
            ):
                for field, value in fields.items():
                    setattr(person, field, value)
                changed.append(person)
        Person.objects.bulk_create(fresh, batch_size=1_000)
        # Batched: one UPDATE of thousands of CASE branches takes minutes.
        Person.objects.bulk_update(
            changed, ["employee_id", "name", "unit", "position"], batch_size=500
        )
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

        drill = fixed_drill_ensure(
            MORNING_DRILL_TITLE,
            questions,
            description="晨會前十題一口清：每人一次，作答即存。",
            time_limit=MORNING_TIME_LIMIT,
            time_per_question=None,
            attempts_allowed=None,
            shuffle_questions=False,
            shuffle_choices=True,
            feedback=FeedbackTiming.IMMEDIATE,
            is_active=True,
        )
        drill.audience.set([team])
        return drill
