"""GIFT export of a bank: the same number of queries for 10 questions as for 200."""

import pytest
from django.urls import reverse

from people.roles import Role
from quizzes.importers import export_gift, parse_gift
from quizzes.selectors.exports import category_export_list
from tests.budgets import queries_of
from tests.factories import PersonFactory, TopicFactory, category_create, question_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(org):
    """A bank with two levels of sub-categories, filled by `fill(count)`."""
    root = category_create("產品知識")
    deposits = category_create("存款", parent=root)
    fixed = category_create("定期", parent=deposits)
    wealth = category_create("理財", parent=root)
    places = [root, deposits, fixed, wealth]
    topic = TopicFactory()
    made = []

    def fill(count):
        for index in range(len(made), count):
            made.append(
                question_make(
                    category=places[index % len(places)],
                    topic=topic,
                    name=f"第{index:03d}題",
                    stem=f"第{index}題：一年期定存利率是多少？",
                )
            )
        return root

    return fill


def test_the_export_list_takes_two_queries_at_10_and_at_200_questions(
    bank, django_assert_num_queries
):
    for size in (10, 200):
        root = bank(size)
        with django_assert_num_queries(2):
            exported = category_export_list(category=root)
        assert len(exported) == size
    paths = {question.name: question.category for question in exported}
    assert paths["第000題"] == ""
    assert paths["第001題"] == "存款"
    assert paths["第002題"] == "存款/定期"
    assert paths["第003題"] == "理財"


def test_the_export_list_reads_back_as_the_same_bank(bank):
    root = bank(12)
    exported = category_export_list(category=root)
    again = parse_gift(export_gift(exported))
    assert [(q.name, q.category, q.stem) for q in again] == [
        (q.name, q.category, q.stem) for q in exported
    ]


def test_the_export_list_of_a_sub_category_starts_its_paths_there(bank):
    root = bank(8)
    deposits = root.get_children().get(name="存款")
    exported = category_export_list(category=deposits)
    assert sorted({q.category for q in exported}) == ["", "定期"]


def test_territory_questions_are_not_exported(bank, org):
    root = bank(4)
    question_make(category=root, name="客戶甲", owner_unit=org["pudong_team"])
    assert "客戶甲" not in {q.name for q in category_export_list(category=root)}


def test_the_admin_export_has_the_same_budget_for_10_and_200_questions(
    client, org, bank, django_assert_max_num_queries
):
    trainer = PersonFactory(unit=org["head"], user__roles=[Role.TRAINER])
    client.force_login(trainer.user)
    counts = []
    for size in (10, 200):
        url = reverse("quizzes_import:export", args=[bank(size).pk])
        counts.append(queries_of(client, url, 25, django_assert_max_num_queries))
        assert client.get(url).content.decode().count("::第") == size
    assert counts[0] == counts[1]
