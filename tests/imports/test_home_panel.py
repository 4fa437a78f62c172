"""The admin dashboard's "Your latest imports" panel: the newest runs a person
uploaded, of the kinds they may still use, each with its status and a link."""

import pytest
from django.urls import reverse
from django.utils import translation

from imports.models import ImportRun
from imports.selectors import latest_runs_for
from people.roles import Role
from tests.budgets import queries_of
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADING = "Your latest imports"


def run_make(user, kind, n, status=ImportRun.Status.DONE):
    return ImportRun.objects.create(
        kind=kind, created_by=user, file_name=f"{kind}-{n}.csv", status=status, total=n
    )


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en")
    return response


@pytest.fixture
def trainer(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])


@pytest.fixture
def administrator(org):
    return PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])


def test_a_trainer_sees_their_latest_question_imports_with_status_and_link(client, trainer, org):
    failed = run_make(trainer.user, "questions", 1, status=ImportRun.Status.FAILED)
    done = run_make(trainer.user, "questions", 2)
    other = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    run_make(other.user, "questions", 3)

    response = dashboard(client, trainer.user)
    assert response.status_code == 200
    html = response.content.decode()
    assert HEADING in html
    for run, status in ((failed, "Failed"), (done, "Done")):
        url = reverse("quizzes_import:detail", args=[run.pk])
        assert f'<a href="{url}">{run.file_name}</a>' in html
        assert status in html
    assert "questions-3.csv" not in html, "someone else's import"
    assert html.index("questions-2.csv") < html.index("questions-1.csv"), "newest first"
    assert f'href="{reverse("quizzes_import:list")}"' in html


def test_only_the_newest_five_and_only_kinds_the_person_may_use(trainer):
    for n in range(8):
        run_make(trainer.user, "questions", n)
    run_make(trainer.user, "roster", 99)  # no longer an administrator, say
    with translation.override("en"):
        runs = latest_runs_for(trainer.user)
    assert [r.run.file_name for r in runs] == [f"questions-{n}.csv" for n in (7, 6, 5, 4, 3)]
    assert {r.label for r in runs} == {"Import questions"}


def test_an_administrator_sees_their_roster_imports(client, administrator):
    run = run_make(administrator.user, "roster", 4)
    html = dashboard(client, administrator.user).content.decode()
    assert HEADING in html
    assert f'<a href="{reverse("people_roster:detail", args=[run.pk])}">roster-4.csv</a>' in html


@pytest.mark.parametrize("role", [Role.RISK_EXPERT, Role.MANAGER])
def test_no_panel_for_someone_without_imports(client, org, role):
    person = PersonFactory(unit=org["head"], user__roles=[role])
    response = dashboard(client, person.user)
    assert response.status_code == 200
    assert HEADING not in response.content.decode()


def test_trainees_and_anonymous_do_not_reach_the_dashboard(client, trainee):
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    response = dashboard(client, trainee.user)
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("count", [2, 40])
def test_dashboard_query_budget_with_few_and_many_runs(
    client, trainer, count, django_assert_max_num_queries
):
    for n in range(count):
        run_make(trainer.user, "questions", n)
    client.force_login(trainer.user)
    queries_of(client, reverse("wagtailadmin_home"), 24, django_assert_max_num_queries)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f"questions-{count - 1}.csv" in html
