"""Query budgets of the drill pages, the morning meeting, fact sheets, the
question files' downloads and the admin listings of the quizzes app: each
page is asked at two sizes, answers 200, stays within its budget and takes
the same number of queries whatever the number of rows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from people.roles import Role
from quizzes.models import Drill, FactTemplate, MemoryState, MorningTurn
from quizzes.presentation import item_seed, solution
from quizzes.services import answer_save, attempt_finish, attempt_start
from quizzes.services.morning import morning_mark, morning_next, morning_start
from tests.budgets import queries_of, session_queries
from tests.factories import (
    PersonFactory,
    TopicFactory,
    category_create,
    drill_make,
    question_make,
)

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 25


@pytest.fixture
def bank(org):
    """`questions(count)` adds questions to one category and topic."""
    category, topic = category_create("預算"), TopicFactory(name="利率")

    def questions(count, **kwargs):
        return [
            question_make(category=category, topic=topic, stem=f"第{index}題？", **kwargs)
            for index in range(count)
        ]

    return questions


def take(drill, person, *, finish=True):
    attempt = attempt_start(drill=drill, person=person)
    for item in attempt.items.select_related("version", "question"):
        right = solution(
            qtype=item.question.qtype,
            stem="",
            payload=item.version.payload,
            general_feedback="",
            seed=item_seed(attempt.seed, item.position),
            shuffle=drill.shuffle_choices,
        )["correct"][0]
        answer_save(
            attempt_id=attempt.pk,
            position=item.position,
            user=person.user,
            response={"choice": right},
        )
    if finish:
        attempt_finish(attempt_id=attempt.pk, person=person)
    return attempt


def memory_states(person, questions, *, due_in_days=-1):
    now = timezone.now()
    MemoryState.objects.bulk_create(
        MemoryState(
            person=person,
            question=question,
            stability=3.0,
            difficulty=5.0,
            state=2,
            due=now + timedelta(days=due_in_days),
            last_review=now - timedelta(days=2),
            reviews=1,
        )
        for question in questions
    )


def flat(counts):
    few, many = counts
    assert few == many, f"{few} queries with few rows, {many} with many"


class TestDrillPages:
    def test_drill_list(self, client, trainee, bank, org, django_assert_max_num_queries):
        client.force_login(trainee.user)
        counts = []
        for size in (FEW, MANY):
            questions = bank(size)
            for index in range(size):
                drill = drill_make(questions[:1], title=f"一口清{size}-{index}")
                drill.audience.add(org["pudong"] if index % 2 else org["head"])
            memory_states(trainee, questions)
            take(drill_make(questions[:2], title=f"週測{size}"), trainee)
            # The drills with the open attempts, the due queue, the recent results.
            budget = 3 + session_queries()
            counts.append(
                queries_of(
                    client, reverse("quizzes:drill_list"), budget, django_assert_max_num_queries
                )
            )
        flat(counts)

    def test_drill_page(self, client, trainee, bank, org, django_assert_max_num_queries):
        client.force_login(trainee.user)
        counts = []
        for size in (FEW, MANY):
            drill = drill_make(bank(size), title=f"{size}題")
            for unit in (org["pudong"], org["head"], org["puxi"])[: 1 if size == FEW else 3]:
                drill.audience.add(unit)
            url = reverse("quizzes:drill_take", args=[drill.pk])
            counts.append(queries_of(client, url, 14, django_assert_max_num_queries))
        flat(counts)

    @pytest.mark.parametrize("finished", [True, False])
    def test_attempt_page(self, client, trainee, bank, finished, django_assert_max_num_queries):
        client.force_login(trainee.user)
        counts = []
        for size in (FEW, MANY):
            attempt = take(drill_make(bank(size), title=f"{size}題"), trainee, finish=finished)
            url = reverse("quizzes:attempt_detail", args=[attempt.pk])
            counts.append(queries_of(client, url, 13, django_assert_max_num_queries))
        flat(counts)

    def test_attempt_page_seen_by_a_manager(
        self, client, trainee, manager, bank, django_assert_max_num_queries
    ):
        client.force_login(manager.user)
        counts = []
        for size in (FEW, MANY):
            attempt = take(drill_make(bank(size), title=f"{size}題"), trainee)
            url = reverse("quizzes:attempt_detail", args=[attempt.pk])
            counts.append(queries_of(client, url, 13, django_assert_max_num_queries))
        flat(counts)

    @pytest.mark.parametrize("compare", [False, True])
    def test_team_mastery(self, client, manager, org, bank, compare, django_assert_max_num_queries):
        client.force_login(manager.user)
        data = {"before": "2026-01-01", "after": "2026-12-01"} if compare else None
        counts = []
        members = []
        for size in (FEW, MANY):
            questions = bank(2)
            topic = TopicFactory(name=f"主題{size}")
            questions[1].topic = topic
            questions[1].save(update_fields=["topic"])
            while len(members) < size:
                member = PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE])
                members.append(member)
            for member in members:
                memory_states(member, questions, due_in_days=3)
            url = reverse("quizzes:team_mastery")
            counts.append(queries_of(client, url, 15, django_assert_max_num_queries, data=data))
        flat(counts)


@pytest.fixture
def team(org):
    """`grow(count)` fills the sub-branch's team to `count` trainees."""
    members = []

    def grow(count):
        while len(members) < count:
            members.append(PersonFactory(unit=org["pudong_team"], user__roles=[Role.TRAINEE]))
        return members

    return grow


class TestMorningMeeting:
    def test_home(self, client, manager, org, bank, team, django_assert_max_num_queries):
        client.force_login(manager.user)
        counts = []
        for size in (FEW, MANY):
            team(size)
            drill = drill_make(bank(1), title=f"晨會{size}")
            while Drill.objects.count() < size:
                drill_make(bank(1), title=f"晨會{size}-{Drill.objects.count()}")
            for _ in range(size // 2):
                morning_start(unit=org["pudong_team"], led_by=manager, drill=drill)
            url = reverse("quizzes:morning_home")
            counts.append(queries_of(client, url, 14, django_assert_max_num_queries))
        flat(counts)

    def test_session(self, client, manager, org, bank, team, django_assert_max_num_queries):
        client.force_login(manager.user)
        counts = []
        for size in (FEW, MANY):
            team(size)
            drill = drill_make(bank(size), title=f"晨會{size}")
            session = morning_start(unit=org["pudong_team"], led_by=manager, drill=drill)
            for _ in range(size):
                morning_mark(turn=morning_next(session=session), result=MorningTurn.Result.CORRECT)
            url = reverse("quizzes:morning_session", args=[session.pk])
            # The page opens the next turn on its first visit; the count is of the next ones.
            counts.append(queries_of(client, url, 20, django_assert_max_num_queries))
        flat(counts)

    def test_skip_and_undo(self, client, manager, org, bank, team, django_assert_max_num_queries):
        """Skipping the person on the screen and undoing the last mark, each one POST."""
        client.force_login(manager.user)
        counts = []
        for size in (FEW, MANY):
            team(size)
            drill = drill_make(bank(size), title=f"晨會{size}")
            session = morning_start(unit=org["pudong_team"], led_by=manager, drill=drill)
            for _ in range(size):
                morning_mark(turn=morning_next(session=session), result=MorningTurn.Result.WRONG)
            client.get(reverse("quizzes:morning_session", args=[session.pk]))
            turn = morning_next(session=session)
            skip = reverse("quizzes:morning_skip", args=[session.pk, turn.pk])
            undo = reverse("quizzes:morning_undo", args=[session.pk])
            with django_assert_max_num_queries(34) as skipped:
                assert client.post(skip).status_code == 302
            with django_assert_max_num_queries(20) as undone:
                assert client.post(undo).status_code == 302
            assert not MorningTurn.objects.filter(pk=turn.pk).exists()
            counts.append((len(skipped.captured_queries), len(undone.captured_queries)))
        flat(counts)


class TestDownloads:
    def test_question_template(self, client, org, bank, django_assert_max_num_queries):
        trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
        client.force_login(trainer.user)
        counts = []
        for size in (FEW, MANY):
            bank(size)
            url = reverse("quizzes_import:template")
            counts.append(queries_of(client, url, 7, django_assert_max_num_queries))
        flat(counts)

    def test_fact_sheet_template(self, client, manager, django_assert_max_num_queries):
        client.force_login(manager.user)
        topic = TopicFactory()
        counts = []
        for size in (FEW, MANY):
            while FactTemplate.objects.count() < size:
                FactTemplate.objects.create(
                    attribute=f"屬性{FactTemplate.objects.count()}",
                    stem="{entity}的{attribute}是多少？",
                    topic=topic,
                    category=category_create(f"事實{FactTemplate.objects.count()}"),
                )
            url = reverse("quizzes_facts:template")
            counts.append(queries_of(client, url, 6, django_assert_max_num_queries))
        flat(counts)


@pytest.fixture
def trainer(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])


def _fill_bank(bank, size):
    """`size` questions, topics under one parent, categories with a child, and
    drills open to one unit."""
    from people.models import OrgUnit

    questions = bank(size)
    parent_topic = TopicFactory(name="上層", code="parent")
    head = OrgUnit.objects.order_by("path").first()
    for index in range(size):
        TopicFactory(name=f"主題{size}-{index}", code=f"budget-{size}-{index}", parent=parent_topic)
        category_create(f"子分類{index}", parent=category_create(f"分類{size}-{index}"))
        drill = drill_make(questions[index : index + 1], title=f"一口清{size}-{index}")
        drill.audience.add(head)
    return questions


class TestAdminListings:
    """The index views of the quizzes app's admin viewsets, as a trainer sees them."""

    @pytest.mark.parametrize(
        "url_name, budget",
        [
            ("questions:index", 24),
            ("question_categories:index", 17),
            ("topics:index", 17),
            ("drills:index", 17),
            ("fact_templates:index", 17),
            ("drill_chooser:choose", 14),
            ("quizzes_analysis:overview", 17),
        ],
    )
    def test_index(self, client, trainer, bank, url_name, budget, django_assert_max_num_queries):
        if url_name == "fact_templates:index":
            # No role is granted fact templates: they are kept by superusers.
            trainer.user.is_superuser = True
            trainer.user.save(update_fields=["is_superuser"])
        client.force_login(trainer.user)
        counts = []
        for size in (FEW, MANY):
            questions = _fill_bank(bank, size)
            while FactTemplate.objects.count() < size:
                FactTemplate.objects.create(
                    attribute=f"屬性{FactTemplate.objects.count()}",
                    stem="{entity}的{attribute}是多少？",
                    topic=questions[0].topic,
                    category=questions[0].category,
                )
            url = reverse(url_name)
            counts.append(queries_of(client, url, budget, django_assert_max_num_queries))
        flat(counts)

    def test_question_analysis(self, client, trainer, trainee, bank, django_assert_max_num_queries):
        client.force_login(trainer.user)
        counts = []
        for size in (FEW, MANY):
            questions = bank(1)
            drill = drill_make(questions, title=f"分析{size}")
            for _ in range(size):
                take(drill, PersonFactory(unit=trainee.unit, user__roles=[Role.TRAINEE]))
            url = reverse("quizzes_analysis:question", args=[questions[0].pk])
            counts.append(queries_of(client, url, 19, django_assert_max_num_queries))
        flat(counts)


class TestApi:
    """The JSON endpoints that had no budget yet (start, read and save have theirs
    in test_api.py)."""

    def test_drills(self, client, trainee, bank, org, django_assert_max_num_queries):
        client.force_login(trainee.user)
        counts = []
        for size in (FEW, MANY):
            questions = bank(1)
            while Drill.objects.count() < size:
                drill = drill_make(questions, title=f"一口清{Drill.objects.count()}")
                drill.audience.add(org["pudong"])
            counts.append(
                queries_of(client, "/api/quizzes/drills", 8, django_assert_max_num_queries)
            )
            assert len(client.get("/api/quizzes/drills").json()) == size
        flat(counts)

    def test_due(self, client, trainee, bank, django_assert_max_num_queries):
        client.force_login(trainee.user)
        counts = []
        for size in (FEW, MANY):
            memory_states(trainee, bank(size))
            counts.append(queries_of(client, "/api/quizzes/due", 6, django_assert_max_num_queries))
        flat(counts)

    def test_open_and_finish(self, client, trainee, bank, django_assert_max_num_queries):
        """Finishing grades every answer and moves the memory model on: still the
        same number of queries for 3 answers as for 25."""
        client.force_login(trainee.user)
        client.get("/api/quizzes/drills")  # the reader's cache warms up
        counts = []
        for size in (FEW, MANY):
            drill = drill_make(bank(size), title=f"{size}題")
            attempt = take(drill, trainee, finish=False)
            base = f"/api/quizzes/attempts/{attempt.pk}"
            with django_assert_max_num_queries(6) as opened:
                assert client.post(f"{base}/items/0/open").status_code == 200
            with django_assert_max_num_queries(11) as finished:
                response = client.post(f"{base}/finish")
            assert response.status_code == 200
            assert len(response.json()["items"]) == size
            counts.append((len(opened.captured_queries), len(finished.captured_queries)))
        flat(counts)
