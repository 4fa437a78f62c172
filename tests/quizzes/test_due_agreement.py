"""Home, the drills page, the API and the daily review agree on what is due
today and how many: one selector (quizzes.selectors.due_queue) answers for all,
with the daily cap and the person's own day in their time zone. Each count
has one "Start review" button beside it, which opens the daily review (the
first due-first drill open to the person)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from people.roles import Role
from quizzes.models import Attempt, MemoryState, Question, QuestionSelection
from quizzes.selectors import due_queue
from quizzes.services import attempt_start
from tests.budgets import queries_of
from tests.factories import PersonFactory, drill_make, question_make

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
# 17:00 UTC on 10 March is 01:00 on the 11th in Shanghai.
NOW = datetime(2026, 3, 10, 17, 0, tzinfo=UTC)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def state(person, *, due, last_review=None, active=True):
    question = question_make(stem=f"題{MemoryState.objects.count()}")
    if not active:
        Question.objects.filter(pk=question.pk).update(is_active=False)
    return MemoryState.objects.create(
        person=person,
        question=question,
        due=due,
        last_review=last_review,
        reviews=1 if last_review else 0,
    )


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


@pytest.fixture
def review_drill(org):
    return drill_make([], title="每日複習", selection=QuestionSelection.DUE, question_count=1)


@pytest.fixture
def queue(trainee, settings):
    """Seven states of the trainee in Shanghai, a cap of 4: three are due."""
    UserProfile.objects.update_or_create(
        user=trainee.user, defaults={"current_time_zone": "Asia/Shanghai"}
    )
    settings.QUIZZES_DAILY_REVIEW_CAP = 4
    overdue = [state(trainee, due=NOW - timedelta(days=4 - n)) for n in range(4)]
    # 23:30 on the 11th in Shanghai: today there (tomorrow in UTC).
    late_today = state(trainee, due=utc(2026, 3, 11, 15, 30))
    # 00:30 on the 12th in Shanghai: tomorrow.
    state(trainee, due=utc(2026, 3, 11, 16, 30))
    # Reviewed at 00:30 today in Shanghai: counts against the cap.
    state(trainee, due=NOW + timedelta(days=4), last_review=utc(2026, 3, 10, 16, 30))
    # Reviewed at 23:00 yesterday in Shanghai: does not.
    state(trainee, due=NOW + timedelta(days=4), last_review=utc(2026, 3, 10, 15, 0))
    # A question closed since: no longer asked, so not due.
    state(trainee, due=NOW - timedelta(days=9), active=False)
    assert late_today  # due today, but the cap leaves room for the three most overdue only
    return [s.question_id for s in overdue[:3]]


def count_on(html):
    text = re.sub(r"<[^>]+>", "", html)
    match = re.search(r"(\d+) questions? (?:is |are )?(?:due for review|to review today)", text)
    return int(match.group(1)) if match else 0


def test_home_drills_page_api_and_daily_review_agree(client, trainee, review_drill, queue, frozen):
    assert [s.question_id for s in due_queue(trainee)] == queue
    client.force_login(trainee.user)
    review = reverse("quizzes:daily_review")
    start = f'<a class="button" href="{review}">Start review</a>'

    home = client.get("/", **EN).content.decode()
    assert count_on(home) == 3
    assert start in home
    drills = client.get(reverse("quizzes:drill_list"), **EN).content.decode()
    assert count_on(drills) == 3
    assert drills.count(start) == 1
    assert [d["question_id"] for d in client.get("/api/quizzes/due").json()] == queue

    response = client.get(review)
    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:drill_take", args=[review_drill.pk])
    started = client.post(
        f"/api/quizzes/drills/{review_drill.pk}/attempts", content_type="application/json"
    )
    assert started.status_code == 200
    attempt = Attempt.objects.get(pk=started.json()["id"])
    assert list(attempt.items.order_by("position").values_list("question_id", flat=True)) == queue


def test_the_daily_review_tops_up_with_new_questions_when_little_is_due(
    trainee, review_drill, frozen
):
    due = state(trainee, due=NOW - timedelta(hours=1))
    fresh = question_make(stem="新題")
    review_drill.question_count = 2
    review_drill.save()
    attempt = attempt_start(drill=review_drill, person=trainee)
    asked = list(attempt.items.order_by("position").values_list("question_id", flat=True))
    assert asked == [due.question_id, fresh.pk]


def test_nothing_due_no_start_button(client, trainee, review_drill):
    client.force_login(trainee.user)
    for url in ("/", reverse("quizzes:drill_list")):
        html = client.get(url, **EN).content.decode()
        assert "Nothing is due: well remembered." in html
        assert "Start review" not in html


def test_without_a_review_drill_the_page_says_so_beside_the_queue(client, trainee, queue, frozen):
    client.force_login(trainee.user)
    response = client.get(reverse("quizzes:daily_review"), **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert count_on(html) == 3
    assert "No review drill is open to you yet" in html


def test_a_review_drill_for_another_unit_is_not_offered(client, org, trainee, queue, frozen):
    drill = drill_make([], title="浦西複習", selection=QuestionSelection.DUE)
    drill.audience.add(org["puxi"])
    client.force_login(trainee.user)
    assert client.get(reverse("quizzes:daily_review")).status_code == 200


def test_the_lessons_path_goes_along_to_the_review(client, trainee, review_drill):
    client.force_login(trainee.user)
    url = reverse("quizzes:daily_review")
    take = reverse("quizzes:drill_take", args=[review_drill.pk])
    assert client.get(url, {"next": "/courses/a/"})["Location"] == f"{take}?next=%2Fcourses%2Fa%2F"
    assert client.get(url, {"next": "//evil.example/"})["Location"] == take


class TestWhoReviews:
    @pytest.mark.parametrize(
        "role", [Role.TRAINEE, Role.TRAINER, Role.RISK_EXPERT, Role.MANAGER, Role.ADMINISTRATOR]
    )
    def test_everyone_with_a_profile_reviews_their_own(self, client, org, review_drill, role):
        person = PersonFactory(unit=org["pudong_team"], user__roles=[role])
        client.force_login(person.user)
        assert client.get(reverse("quizzes:daily_review")).status_code == 302

    def test_a_login_without_a_profile_finds_nothing(self, client, django_user_model):
        user = django_user_model.objects.create_user("ghost", password="pass-word-123")
        client.force_login(user)
        assert client.get(reverse("quizzes:daily_review")).status_code == 404

    def test_anonymous_is_sent_to_log_in(self, client):
        response = client.get(reverse("quizzes:daily_review"))
        assert response.status_code == 302 and "login" in response["Location"]


class TestContinue:
    def test_the_drills_page_says_continue_for_an_open_attempt(self, client, trainee, frozen):
        drill = drill_make([question_make()], title="開著的", time_limit=600)
        other = drill_make([question_make()], title="沒開始的")
        attempt_start(drill=drill, person=trainee)
        client.force_login(trainee.user)
        html = client.get(reverse("quizzes:drill_list"), **EN).content.decode()
        take = reverse("quizzes:drill_take", args=[drill.pk])
        assert f'<a class="button" href="{take}">Continue</a>' in html
        take_other = reverse("quizzes:drill_take", args=[other.pk])
        assert f'<a class="button" href="{take_other}">Start</a>' in html

    def test_an_attempt_past_its_deadline_is_started_again(self, client, trainee, monkeypatch):
        drill = drill_make([question_make()], title="過時的", time_limit=60)
        attempt_start(drill=drill, person=trainee, now=timezone.now() - timedelta(hours=1))
        client.force_login(trainee.user)
        html = client.get(reverse("quizzes:drill_list"), **EN).content.decode()
        assert "Continue" not in html


@pytest.mark.parametrize("with_drill", [True, False])
def test_daily_review_query_budget(client, trainee, org, with_drill, django_assert_max_num_queries):
    client.force_login(trainee.user)
    counts = []
    for size in (3, 25):
        if with_drill:
            for index in range(size // 3):
                other = drill_make([], title=f"複習{size}-{index}", selection="due")
                other.audience.add(org["puxi"])
            drill_make([], title=f"每日複習{size}", selection="due")
        for _ in range(size):
            state(trainee, due=timezone.now() - timedelta(days=1))
        status = 302 if with_drill else 200
        url = reverse("quizzes:daily_review")
        counts.append(queries_of(client, url, 12, django_assert_max_num_queries, status=status))
    assert counts[0] == counts[1]
