from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.roles import Role
from quizzes.models import Question, QuestionImport
from quizzes.services.imports import question_import_create
from tests.factories import PersonFactory, TopicFactory, category_create

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "moodle-question-formats"

GIFT = """// 存款
::一年期::一年期定存利率是多少？{=1.35% ~1.10% ~1.55%}

::大額存單::個人大額存單起存金額（萬元）{#20}
"""


@pytest.fixture
def target(org):
    return {"category": category_create("匯入"), "topic": TopicFactory(name="存款產品")}


def create(target, text, name="questions.gift", encoding="utf-8", user=None):
    return question_import_create(file_name=name, data=text.encode(encoding), user=user, **target)


def test_small_gift_file_is_imported_at_once(target):
    item = create(target, GIFT)
    assert item.status == QuestionImport.Status.DONE
    assert item.imported == 2
    assert set(Question.objects.values_list("qtype", flat=True)) == {"single", "numeric"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "big5"])
def test_encodings(target, encoding):
    assert create(target, GIFT, encoding=encoding).status == QuestionImport.Status.DONE
    assert Question.objects.filter(name="一年期").exists()


def test_a_bad_file_is_refused_whole_with_located_problems(target):
    item = create(target, GIFT + "\n::壞題::這題沒有答案 {=}\n\n::essay:: 寫一篇 {}\n")
    assert item.status == QuestionImport.Status.REFUSED
    assert all(problem["line"] for problem in item.problems)
    assert Question.objects.count() == 0


def test_large_files_go_to_the_background(target, settings):
    settings.QUIZZES_IMPORT_BACKGROUND_OVER = 1
    item = create(target, GIFT)  # django-q2 runs tasks inline in tests (sync mode)
    assert item.status == QuestionImport.Status.DONE
    assert Question.objects.count() == 2


def test_unknown_topic_in_a_spreadsheet_names_the_row(target):
    from quizzes.importers.spreadsheet import template_csv

    text = template_csv()
    item = create(target, text, name="questions.csv")
    assert item.status == QuestionImport.Status.REFUSED
    assert "topic" in item.problems[0]["message"].lower() or "主題" in item.problems[0]["message"]
    assert Question.objects.count() == 0


@pytest.mark.skipif(
    not SHARED.exists(), reason="../shared/data is absent: Moodle's fixtures are not here"
)
def test_moodle_examples_import_and_category_paths(target):
    text = (SHARED / "gift-questions-in-category.gift.txt").read_text(encoding="utf-8")
    item = create(target, text)
    assert item.status == QuestionImport.Status.DONE, item.problems
    assert Question.objects.count() == 4
    assert Question.objects.first().category.get_parent() == target["category"]


class TestImportScreens:
    def test_trainer_uploads_and_sees_the_result(self, client, org, target):
        trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
        client.force_login(trainer.user)
        assert client.get(reverse("quizzes_import:upload")).status_code == 200
        response = client.post(
            reverse("quizzes_import:upload"),
            {
                "file": SimpleUploadedFile("q.gift", GIFT.encode()),
                "category": target["category"].pk,
                "topic": target["topic"].pk,
            },
        )
        item = QuestionImport.objects.get()
        assert response["Location"] == reverse("quizzes_import:detail", args=[item.pk])
        assert client.get(response["Location"]).status_code == 200
        assert client.get(reverse("quizzes_import:progress", args=[item.pk])).json()["done"] == 2
        export = client.get(reverse("quizzes_import:export", args=[target["category"].pk]))
        assert "::一年期::" in export.content.decode()

    def test_trainee_is_refused(self, client, trainee):
        client.force_login(trainee.user)
        assert client.get(reverse("quizzes_import:upload")).status_code in (302, 403)
