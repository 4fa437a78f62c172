import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.roles import Role
from tests.factories import PersonFactory, drill_make, question_make

from .builders import take

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("quizzes_analysis:overview")


def question_url(question, drill=None):
    url = reverse("quizzes_analysis:question", args=[question.pk])
    return f"{url}?drill={drill.pk}" if drill else url


def drill_url(drill):
    return reverse("quizzes_analysis:drill", args=[drill.pk])


@pytest.fixture
def answered(org):
    """A drill whose second question nobody gets right."""
    easy = question_make(stem="**一年期**定存利率是多少？", name="定存利率")
    hard = question_make(stem="大額存單起存金額？", name="大額存單")
    drill = drill_make([easy, hard], title="利率週測")
    for _ in range(3):
        take(drill, answers={easy: "right", hard: "wrong"})
    return {"drill": drill, "easy": easy, "hard": hard}


class TestAccess:
    def test_trainer_sees_every_screen(self, client, trainer, answered):
        client.force_login(trainer.user)
        for url in (
            OVERVIEW,
            question_url(answered["easy"]),
            question_url(answered["easy"], answered["drill"]),
            drill_url(answered["drill"]),
        ):
            assert client.get(url).status_code == 200, url

    def test_trainee_is_refused(self, client, trainee, answered):
        client.force_login(trainee.user)
        for url in (OVERVIEW, question_url(answered["easy"]), drill_url(answered["drill"])):
            assert client.get(url).status_code in (302, 403)

    def test_admin_user_without_question_permissions_gets_403(self, client, org, answered):
        expert = PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT])
        client.force_login(expert.user)
        for url in (OVERVIEW, question_url(answered["easy"]), drill_url(answered["drill"])):
            assert client.get(url).status_code == 403

    def test_viewing_the_bank_is_enough_to_read(self, client, manager, answered):
        client.force_login(manager.user)
        assert client.get(OVERVIEW).status_code == 200

    def test_menu_item_only_for_authors(self, client, trainer, manager):
        client.force_login(trainer.user)
        assert OVERVIEW in client.get(reverse("wagtailadmin_home")).content.decode()
        client.force_login(manager.user)
        assert OVERVIEW not in client.get(reverse("wagtailadmin_home")).content.decode()

    def test_territory_questions_are_not_shown(self, client, org, trainer):
        person = PersonFactory(unit=org["pudong_team"])
        own = question_make(stem="你的客戶數？", owner_person=person)
        client.force_login(trainer.user)
        assert client.get(question_url(own)).status_code == 404

    def test_unknown_objects_are_404(self, client, trainer, answered):
        client.force_login(trainer.user)
        assert (
            client.get(
                drill_url(answered["drill"]).replace(str(answered["drill"].pk), "999999")
            ).status_code
            == 404
        )
        assert client.get(question_url(answered["easy"]) + "?drill=abc").status_code == 404


class TestScreens:
    def test_overview_lists_flagged_questions_and_drills(self, client, trainer, answered):
        client.force_login(trainer.user)
        html = client.get(OVERVIEW).content.decode()
        assert 'class="listing"' in html
        assert question_url(answered["hard"]) in html
        assert question_url(answered["easy"]) not in html
        assert drill_url(answered["drill"]) in html

    def test_drill_page_links_each_question_within_the_drill(self, client, trainer, answered):
        client.force_login(trainer.user)
        html = client.get(drill_url(answered["drill"])).content.decode()
        for key in ("easy", "hard"):
            assert question_url(answered[key], answered["drill"]) in html
        assert "100%" in html and "0%" in html
        assert "<title>題目分析：利率週測" in html
        english = client.get(drill_url(answered["drill"]), HTTP_ACCEPT_LANGUAGE="en")
        assert "<title>Item analysis: 利率週測" in english.content.decode()

    def test_question_page_renders_the_stem_as_markdown(self, client, trainer, answered):
        client.force_login(trainer.user)
        html = client.get(question_url(answered["easy"])).content.decode()
        assert "<strong>一年期</strong>" in html
        assert "3.25%" in html  # the choices' table
        assert reverse("questions:edit", args=[answered["easy"].pk]) in html
        assert "<title>題目分析：定存利率" in html
        assert "<td>1（當前）</td>" in html  # the versions' table
        english = client.get(question_url(answered["easy"]), HTTP_ACCEPT_LANGUAGE="en")
        assert "<title>Item analysis: 定存利率" in english.content.decode()
        assert "<td>1 (current)</td>" in english.content.decode()

    def test_typed_answers_are_escaped(self, client, org, trainer):
        payload = {"answers": [{"text": "定存", "fraction": 1.0}]}
        question = question_make(qtype="short", payload=payload)
        take(drill_make([question]), answers={question: {"text": "<script>alert(1)</script>"}})
        client.force_login(trainer.user)
        html = client.get(question_url(question)).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    @staticmethod
    def _drill_with(count: int, outcomes=("right", "wrong", "right")):
        questions = [question_make(stem=f"第{i}題") for i in range(count)]
        drill = drill_make(questions, title=f"{count}題")
        for outcome in outcomes:
            take(drill, answers=dict.fromkeys(questions, outcome))
        return drill

    def test_small_samples_name_the_group_method_in_brackets(self, client, trainer):
        drill = self._drill_with(2)  # fewer than five attempts: upper and lower groups
        client.force_login(trainer.user)
        html = client.get(drill_url(drill)).content.decode()
        assert "<small>（前後各 27% 分組比較）</small>" in html
        english = client.get(drill_url(drill), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "<small>(upper and lower 27% groups)</small>" in english

    def test_drill_page_queries_do_not_grow_with_questions(
        self, client, trainer, django_assert_max_num_queries
    ):
        client.force_login(trainer.user)
        counts = []
        for size in (3, 20):
            drill = self._drill_with(size)
            client.get(drill_url(drill))  # warm the session and permission caches alike
            with django_assert_max_num_queries(20):
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(drill_url(drill)).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]

    def test_overview_queries_do_not_grow(self, client, trainer, django_assert_max_num_queries):
        client.force_login(trainer.user)
        counts = []
        for size in (3, 20):
            self._drill_with(size, outcomes=("wrong", "wrong"))  # every question flagged
            assert len(client.get(OVERVIEW).context["flagged"]) in (3, 23)
            with django_assert_max_num_queries(20):
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(OVERVIEW).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]
