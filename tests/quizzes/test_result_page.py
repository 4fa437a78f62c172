"""The result page: for each question the trainee's own answer, the right
answer and the feedback whenever the drill's feedback rule allows, then the
next step (continue or try again, start the review of what is due, back to
the lesson the drill was started from). Checked in English; the Chinese
words come with the catalogues."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from people.roles import Role
from quizzes.models import Attempt, FeedbackTiming, MemoryState
from quizzes.origins import local_origin
from quizzes.services import attempt_finish, attempt_start
from tests.budgets import queries_of
from tests.factories import PersonFactory, drill_make, question_make

from .every_type import answer_wrong, every_type_drill

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def results_of(client, attempt):
    response = client.get(reverse("quizzes:attempt_detail", args=[attempt.pk]), **EN)
    assert response.status_code == 200
    return response.content.decode()


def question_block(html, stem):
    """The <li> of the question whose stem contains `stem`."""
    for block in html.split('<li class="panel result"')[1:]:
        if f"{stem}題幹" in block:
            return re.sub(r"\s+", " ", block)
    raise AssertionError(f"no question {stem!r} on the page")


@pytest.fixture
def finished(trainee):
    """A finished attempt at a drill of every type, every answer wrong."""
    drill = every_type_drill(feedback=FeedbackTiming.AFTER)
    attempt = attempt_start(drill=drill, person=trainee)
    answer_wrong(attempt, trainee)
    attempt_finish(attempt_id=attempt.pk, person=trainee)
    return attempt


def test_every_type_shows_the_answer_given_the_right_one_and_the_feedback(
    client, trainee, finished
):
    client.force_login(trainee.user)
    html = results_of(client, finished)
    ordering = question_block(html, "ordering")
    assert (
        '<dt>Your answer</dt> <dd class="result__given"><ol class="answer-list"><li>徵信</li>'
        "<li>開戶</li><li>審批</li><li>貸後</li><li>放款</li></ol></dd>"
    ) in ordering
    assert (
        '<dt>The right answer</dt> <dd class="result__right"><ol class="answer-list"><li>開戶</li>'
        "<li>徵信</li><li>審批</li><li>放款</li><li>貸後</li></ol></dd>"
    ) in ordering
    true_false = question_block(html, "true_false")
    assert '<dd class="result__given"><p>True</p></dd>' in true_false
    assert '<dd class="result__right"><p>False</p></dd>' in true_false
    assert '<div class="feedback"><p>再想想：通知存款要提前通知。</p></div>' in true_false
    matching = question_block(html, "matching")
    assert "<li>活期 → 9.99%</li><li>一年定存 → 1.75%</li>" in matching
    assert "<li>活期 → 0.35%</li><li>一年定存 → 1.75%</li>" in matching
    single = question_block(html, "single")
    assert '<dd class="result__given"><ul class="answer-list"><li>2.75%</li></ul></dd>' in single
    assert '<dd class="result__right"><ul class="answer-list"><li>3.25%</li></ul></dd>' in single
    assert '<div class="feedback"><p>這是活期利率。</p></div>' in single
    multiple = question_block(html, "multiple")
    assert '<div class="feedback"><p>戶口名簿不需要。</p></div>' in multiple
    assert "<li>身分證</li><li>印章</li>" in multiple
    short = question_block(html, "short")
    assert '<dd class="result__given"><p>定存</p></dd>' in short
    assert "<li>LPR</li>" in short
    numeric = question_block(html, "numeric")
    assert '<dd class="result__given"><p>15 萬元</p></dd>' in numeric
    assert "<li>20 萬元</li>" in numeric
    recall = question_block(html, "recall")
    assert '<dd class="result__given"><p>Again</p></dd>' in recall
    assert "貸前、貸時、貸後三查" in recall
    for stem in ("ordering", "matching", "numeric"):
        assert f'<div class="feedback"><p>{stem}的說明</p></div>' in question_block(html, stem)


def test_a_drill_showing_results_after_finishing_keeps_them_until_then(client, trainee):
    drill = every_type_drill(feedback=FeedbackTiming.AFTER)
    attempt = attempt_start(drill=drill, person=trainee)
    answer_wrong(attempt, trainee, positions={0, 1})
    client.force_login(trainee.user)
    html = results_of(client, attempt)
    assert "result__right" not in html
    assert html.count("Answered; results come when the attempt is finished.") == 2
    attempt_finish(attempt_id=attempt.pk, person=trainee)
    html = results_of(client, attempt)
    assert html.count('class="result__right"') == 2
    assert html.count("Not answered") == 6


def test_a_drill_showing_results_at_once_shows_them_while_in_progress(client, trainee):
    drill = every_type_drill(feedback=FeedbackTiming.IMMEDIATE)
    attempt = attempt_start(drill=drill, person=trainee)
    answer_wrong(attempt, trainee, positions={0})
    client.force_login(trainee.user)
    html = results_of(client, attempt)
    assert html.count('class="result__right"') == 1
    # An attempt still open is continued, not started again.
    take = reverse("quizzes:drill_take", args=[drill.pk])
    assert f'<a class="button" href="{take}">Continue</a>' in html
    assert "Try again" not in html


class TestNextSteps:
    def test_try_again_while_attempts_remain(self, client, trainee):
        drill = drill_make([question_make()], attempts_allowed=2)
        client.force_login(trainee.user)
        take = reverse("quizzes:drill_take", args=[drill.pk])
        first = attempt_start(drill=drill, person=trainee)
        attempt_finish(attempt_id=first.pk, person=trainee)
        assert f'<a class="button" href="{take}">Try again</a>' in results_of(client, first)
        second = attempt_start(drill=drill, person=trainee)
        attempt_finish(attempt_id=second.pk, person=trainee)
        html = results_of(client, second)
        assert "Try again" not in html
        assert "Back to the drills" in html

    def test_start_review_when_something_is_due(self, client, trainee):
        drill = drill_make([question_make()])
        attempt = attempt_start(drill=drill, person=trainee)
        attempt_finish(attempt_id=attempt.pk, person=trainee)
        client.force_login(trainee.user)
        assert "Start review" not in results_of(client, attempt)
        MemoryState.objects.create(
            person=trainee,
            question=question_make(stem="到期題"),
            due=timezone.now() - timedelta(hours=1),
        )
        html = re.sub(r"\s+", " ", results_of(client, attempt))
        assert (
            f'1 question is due for review. <a class="button" '
            f'href="{reverse("quizzes:daily_review")}">Start review</a>'
        ) in html

    def test_back_to_the_lesson_the_drill_was_started_from(self, client, trainee):
        drill = drill_make([question_make()])
        attempt = attempt_start(drill=drill, person=trainee)
        Attempt.objects.filter(pk=attempt.pk).update(origin="/courses/deposits/lesson-1/")
        attempt_finish(attempt_id=attempt.pk, person=trainee)
        client.force_login(trainee.user)
        html = results_of(client, attempt)
        assert (
            '<a class="button button--secondary" href="/courses/deposits/lesson-1/">'
            "Back to the lesson</a>"
        ) in html
        take = reverse("quizzes:drill_take", args=[drill.pk])
        assert f'href="{take}?next=%2Fcourses%2Fdeposits%2Flesson-1%2F">Try again' in html

    def test_an_origin_elsewhere_is_not_offered(self, client, trainee):
        drill = drill_make([question_make()])
        attempt = attempt_start(drill=drill, person=trainee)
        Attempt.objects.filter(pk=attempt.pk).update(origin="//evil.example/")
        client.force_login(trainee.user)
        html = results_of(client, attempt)
        assert "evil.example" not in html
        assert "Back to the lesson" not in html

    def test_a_manager_reads_the_results_without_the_trainees_next_steps(
        self, client, trainee, manager, finished
    ):
        MemoryState.objects.filter(person=trainee).update(due=timezone.now() - timedelta(days=1))
        client.force_login(manager.user)
        html = results_of(client, finished)
        assert "<dt>Answer given</dt>" in html
        assert "Your answer" not in html
        assert "Try again" not in html and "Start review" not in html
        assert html.count('class="result__right"') == 8


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("/courses/a/lesson/", "/courses/a/lesson/"),
        ("/courses/a/?tab=2", "/courses/a/?tab=2"),
        ("https://evil.example/", ""),
        ("//evil.example/", ""),
        ("/\\evil.example/", ""),
        ("javascript:alert(1)", ""),
        ("/" + "a" * 600, ""),
        (None, ""),
        ("", ""),
    ],
)
def test_only_a_path_on_this_site_is_kept_as_origin(url, kept):
    assert local_origin(url) == kept


def test_the_drill_page_keeps_a_local_next_for_the_attempt(client, trainee):
    drill = drill_make([question_make()])
    client.force_login(trainee.user)
    url = reverse("quizzes:drill_take", args=[drill.pk])
    assert client.get(url, {"next": "/courses/x/"}).context["origin"] == "/courses/x/"
    assert client.get(url, {"next": "https://evil.example/"}).context["origin"] == ""


class TestWhoSeesTheResults:
    """The attempt's person, those who manage them and administrators see it; nobody else."""

    @pytest.mark.parametrize(
        ("role", "status"),
        [
            (Role.TRAINEE, 404),
            (Role.TRAINER, 404),
            (Role.RISK_EXPERT, 404),
            (Role.ADMINISTRATOR, 200),  # administrators see everyone (people.selectors)
        ],
    )
    def test_others_in_another_unit(self, client, org, finished, role, status):
        other = PersonFactory(unit=org["puxi_team"], user__roles=[role])
        client.force_login(other.user)
        url = reverse("quizzes:attempt_detail", args=[finished.pk])
        assert client.get(url).status_code == status

    def test_the_trainee_and_their_manager(self, client, trainee, manager, finished):
        url = reverse("quizzes:attempt_detail", args=[finished.pk])
        for person in (trainee, manager):
            client.force_login(person.user)
            assert client.get(url).status_code == 200

    def test_anonymous_is_sent_to_log_in(self, client, finished):
        url = reverse("quizzes:attempt_detail", args=[finished.pk])
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_result_page_query_budget_for_every_type(client, trainee, django_assert_max_num_queries):
    """The page costs the same with few questions as with many, every type mixed."""
    client.force_login(trainee.user)
    counts = []
    for copies in (1, 4):
        drills = [every_type_drill(title=f"全題型{copies}-{n}") for n in range(copies)]
        questions = [dq.question for d in drills for dq in d.drill_questions.all()]
        drill = drill_make(questions, title=f"全題型{copies}", attempts_allowed=5)
        attempt = attempt_start(drill=drill, person=trainee)
        answer_wrong(attempt, trainee)
        attempt_finish(attempt_id=attempt.pk, person=trainee)
        url = reverse("quizzes:attempt_detail", args=[attempt.pk])
        counts.append(queries_of(client, url, 16, django_assert_max_num_queries))
    assert counts[0] == counts[1]
