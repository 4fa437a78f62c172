"""Question files through the import pipeline: a preview that saves nothing,
then the apply in the background, in bulk."""

import math
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from imports.models import ImportRun
from imports.services import import_run_confirm, import_run_create, import_run_repreview
from people.roles import Role
from quizzes.models import Question, QuestionVersion
from quizzes.services.imports import CHUNK
from tests.factories import PersonFactory, TopicFactory, category_create

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "moodle-question-formats"

GIFT = """// 存款
::一年期::一年期定存利率是多少？{=1.35% ~1.10% ~1.55%}

::大額存單::個人大額存單起存金額（萬元）{#20}
"""


def many_questions(count: int) -> str:
    return "".join(f"::第{i}題::第{i}題的答案是甲嗎？{{=甲 ~乙 ~丙}}\n\n" for i in range(count))


@pytest.fixture
def target(org):
    return {"category": category_create("匯入"), "topic": TopicFactory(name="存款產品")}


def preview(target, text, name="questions.gift", encoding="utf-8", user=None):
    return import_run_create(
        kind="questions",
        user=user,
        file_name=name,
        data=text.encode(encoding),
        params={"category": target["category"].pk, "topic": target["topic"].pk},
    )


def test_the_preview_saves_no_question_then_the_confirmation_imports_them(target):
    run = preview(target, GIFT)
    assert run.status == ImportRun.Status.PREVIEWED and run.total == 2
    assert [q["name"] for q in run.preview["questions"]] == ["一年期", "大額存單"]
    assert Question.objects.count() == 0
    run = import_run_confirm(run=run)  # django-q2 runs tasks inline in tests
    assert run.status == ImportRun.Status.DONE and run.result == {"imported": 2}
    assert set(Question.objects.values_list("qtype", flat=True)) == {"single", "numeric"}
    for question in Question.objects.select_related("current_version"):
        assert question.current_version.question_id == question.pk
        assert question.current_version.number == 1
        assert question.category == target["category"] and question.topic == target["topic"]
    # Applied once only.
    assert import_run_confirm(run=run).status == ImportRun.Status.DONE
    assert Question.objects.count() == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "big5"])
def test_encodings(target, encoding):
    run = preview(target, GIFT, encoding=encoding)
    assert run.detected_encoding == encoding
    assert import_run_confirm(run=run).status == ImportRun.Status.DONE
    assert Question.objects.filter(name="一年期").exists()


def test_a_chosen_encoding_reads_the_file_again_and_is_used_to_apply(target):
    text = "::一年期::一年期定存利率是多少？{=甲 ~乙}\n"
    run = preview(target, text, encoding="big5")
    run = import_run_repreview(run=run, encoding="gb18030")
    assert run.encoding == "gb18030" and run.preview["questions"][0]["name"] != "一年期"
    run = import_run_repreview(run=run, encoding="big5")
    assert run.preview["questions"][0]["name"] == "一年期"
    assert import_run_confirm(run=run).status == ImportRun.Status.DONE
    assert Question.objects.get().name == "一年期"


def test_a_bad_file_is_refused_whole_with_located_problems(target):
    run = preview(target, GIFT + "\n::壞題::這題沒有答案 {=}\n\n::essay:: 寫一篇 {}\n")
    assert run.status == ImportRun.Status.REFUSED
    assert run.problems and all(problem["line"] for problem in run.problems)
    assert import_run_confirm(run=run).status == ImportRun.Status.REFUSED
    assert Question.objects.count() == 0


def test_unknown_topic_in_a_spreadsheet_names_the_row(target):
    from quizzes.importers.spreadsheet import template_csv

    run = preview(target, template_csv(), name="questions.csv")
    assert run.status == ImportRun.Status.REFUSED
    assert run.problems[0]["line"] == 2
    assert "主題" in run.problems[0]["message"] or "topic" in run.problems[0]["message"]
    assert Question.objects.count() == 0


def test_categories_named_by_the_file_are_made_once(target):
    text = (
        "$CATEGORY: 存款/定存\n\n"
        + many_questions(3)
        + "$CATEGORY: 存款/活存\n\n"
        + many_questions(2)
    )
    assert import_run_confirm(run=preview(target, text)).status == ImportRun.Status.DONE
    names = sorted(Question.objects.values_list("category__name", flat=True).distinct())
    assert names == ["活存", "定存"] or set(names) == {"活存", "定存"}
    assert Question.objects.count() == 5


@pytest.mark.skipif(
    not SHARED.exists(), reason="../shared/data is absent: Moodle's fixtures are not here"
)
def test_moodle_examples_import_and_category_paths(target):
    text = (SHARED / "gift-questions-in-category.gift.txt").read_text(encoding="utf-8")
    run = import_run_confirm(run=preview(target, text))
    assert run.status == ImportRun.Status.DONE, run.problems
    assert Question.objects.count() == 4
    assert Question.objects.first().category.get_parent() == target["category"]


def bulk_rounds(count: int) -> int:
    """Rounds of bulk writes for `count` questions: chunks of CHUNK, each
    split further only where the database limits the parameters of one query
    (SQLite: 999)."""
    fields = [f for f in Question._meta.concrete_fields if not f.primary_key]
    per_query = connection.ops.bulk_batch_size(fields, [None] * CHUNK) or CHUNK
    return math.ceil(count / min(CHUNK, per_query))


@pytest.mark.parametrize("count", [5, 1500])
def test_applying_takes_the_same_queries_for_few_and_many_questions(
    client, org, target, count, django_assert_max_num_queries
):
    """Bulk writes: the apply's queries do not grow per question (1500 is two
    rounds of bulk writes; the budget holds for both sizes)."""
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    client.force_login(trainer.user)
    run = preview(target, many_questions(count), user=trainer.user)
    assert run.status == ImportRun.Status.PREVIEWED, run.problems[:3]
    with django_assert_max_num_queries(40 + 3 * bulk_rounds(count)):
        response = client.post(reverse("quizzes_import:confirm", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE, run.reason
    assert Question.objects.filter(current_version__isnull=False).count() == count
    assert QuestionVersion.objects.count() == count


class TestImportScreens:
    def upload(self, client, target, text=GIFT):
        return client.post(
            reverse("quizzes_import:upload"),
            {
                "file": SimpleUploadedFile("q.gift", text.encode()),
                "category": target["category"].pk,
                "topic": target["topic"].pk,
            },
        )

    def test_trainer_previews_confirms_and_sees_the_result(self, client, org, target):
        trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
        client.force_login(trainer.user)
        assert client.get(reverse("quizzes_import:upload")).status_code == 200
        response = self.upload(client, target)
        run = ImportRun.objects.get()
        assert response["Location"] == reverse("quizzes_import:detail", args=[run.pk])
        page = client.get(response["Location"])
        assert page.status_code == 200
        html = page.content.decode()
        assert "一年期" in html and "大額存單" in html
        assert Question.objects.count() == 0
        status = client.get(reverse("quizzes_import:status", args=[run.pk])).json()
        assert (status["status"], status["done"], status["total"]) == ("previewed", 0, 2)
        response = client.post(reverse("quizzes_import:confirm", args=[run.pk]))
        assert response.status_code == 302
        status = client.get(reverse("quizzes_import:status", args=[run.pk])).json()
        assert (status["status"], status["done"], status["total"]) == ("done", 2, 2)
        assert Question.objects.count() == 2
        export = client.get(reverse("quizzes_import:export", args=[target["category"].pk]))
        assert "::一年期::" in export.content.decode()

    def test_trainee_manager_and_risk_expert_are_refused(
        self, client, org, target, trainee, manager
    ):
        expert = PersonFactory(unit=org["head"], user__roles=[Role.RISK_EXPERT])
        trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
        client.force_login(trainer.user)
        self.upload(client, target)
        run = ImportRun.objects.get()
        for person in (trainee, manager, expert):
            client.force_login(person.user)
            for name in ("upload", "list"):
                assert client.get(reverse(f"quizzes_import:{name}")).status_code in (302, 403)
            for name in ("detail", "status"):
                url = reverse(f"quizzes_import:{name}", args=[run.pk])
                assert client.get(url).status_code in (302, 403)
            response = client.post(reverse("quizzes_import:confirm", args=[run.pk]))
            assert response.status_code in (302, 403)
        assert ImportRun.objects.get().status == ImportRun.Status.PREVIEWED
        assert Question.objects.count() == 0

    def test_a_trainer_sees_only_their_own_imports_and_administrators_all(
        self, client, org, target
    ):
        author = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
        other = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
        administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
        client.force_login(author.user)
        self.upload(client, target)
        run = ImportRun.objects.get()
        detail = reverse("quizzes_import:detail", args=[run.pk])
        client.force_login(other.user)
        assert client.get(detail).status_code == 404
        assert client.get(reverse("quizzes_import:status", args=[run.pk])).status_code == 404
        assert client.post(reverse("quizzes_import:confirm", args=[run.pk])).status_code == 404
        listing = client.get(reverse("quizzes_import:list"))
        assert listing.status_code == 200 and "q.gift" not in listing.content.decode()
        client.force_login(administrator.user)
        assert client.get(detail).status_code == 200
        listing = client.get(reverse("quizzes_import:list"))
        assert listing.status_code == 200 and "q.gift" in listing.content.decode()

    @pytest.mark.parametrize("count", [3, 300])
    def test_preview_page_budget(self, client, org, target, count, django_assert_max_num_queries):
        trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
        client.force_login(trainer.user)
        self.upload(client, target, many_questions(count))
        run = ImportRun.objects.get()
        with django_assert_max_num_queries(20):
            response = client.get(reverse("quizzes_import:detail", args=[run.pk]))
        assert response.status_code == 200
        assert f"第{count - 1}題" in response.content.decode()


def test_command_previews_then_imports(target, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "q.gift"
    path.write_text(GIFT, encoding="utf-8")
    ids = ["--category", str(target["category"].pk), "--topic", str(target["topic"].pk)]
    call_command("import_questions", str(path), *ids)
    assert "Dry run" in capsys.readouterr().out and Question.objects.count() == 0
    call_command("import_questions", str(path), *ids, "--apply")
    assert "2 question(s) imported" in capsys.readouterr().out
    assert Question.objects.count() == 2
    assert ImportRun.objects.filter(status=ImportRun.Status.DONE).count() == 1


def test_command_reports_problems_by_line(target, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    path = tmp_path / "q.gift"
    path.write_text(GIFT + "\n::壞題::這題沒有答案 {=}\n", encoding="utf-8")
    ids = ["--category", str(target["category"].pk), "--topic", str(target["topic"].pk)]
    with pytest.raises(CommandError):
        call_command("import_questions", str(path), *ids, "--apply")
    assert "q.gift: line 6" in capsys.readouterr().err
    assert Question.objects.count() == 0


class TestAfterAnImport:
    """A finished question import leads on: to the questions, and to a drill of them."""

    FILE = "$CATEGORY: 定存\n\n::一年期::一年期定存利率是多少？{=1.35% ~1.10% ~1.55%}\n\n" + (
        "$CATEGORY: \n\n::大額存單::個人大額存單起存金額（萬元）{#20}\n"
    )

    def imported(self, client, org, target):
        trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
        client.force_login(trainer.user)
        run = preview(target, self.FILE, user=trainer.user)
        assert run.status == ImportRun.Status.PREVIEWED, run.problems
        response = client.post(reverse("quizzes_import:confirm", args=[run.pk]))
        assert response.status_code == 302
        run.refresh_from_db()
        return run

    def test_the_result_links_to_the_questions_and_to_a_new_drill(self, client, org, target):
        run = self.imported(client, org, target)
        response = client.get(reverse("quizzes_import:detail", args=[run.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        category = target["category"].pk
        assert f'href="{reverse("questions:index")}?category={category}"' in html
        assert f'href="{reverse("drills:add")}?category={category}"' in html

    def test_the_questions_link_lists_the_imported_questions_only(self, client, org, target):
        run = self.imported(client, org, target)
        other = category_create("其他")
        from tests.factories import question_make

        question_make(name="別處的題目", category=other)
        assert run.result["imported"] == 2
        response = client.get(reverse("questions:index"), {"category": target["category"].pk})
        assert response.status_code == 200
        html = response.content.decode()
        assert "一年期" in html and "大額存單" in html  # the subcategory's question too
        assert "別處的題目" not in html

    def test_the_drill_link_opens_a_random_drill_of_the_category(self, client, org, target):
        self.imported(client, org, target)
        response = client.get(reverse("drills:add"), {"category": target["category"].pk})
        assert response.status_code == 200
        form = response.context["form"]
        assert form.initial["selection"] == "random"
        assert list(form.initial["categories"]) == [target["category"].pk]
        chosen = form["categories"].value()
        assert [int(pk) for pk in chosen] == [target["category"].pk]
        assert form["selection"].value() == "random"
