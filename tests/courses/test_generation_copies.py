"""Each process's copies of what the shared cache keeps per generation of the
page tree (courses.generation_copies): the second reader of a course page
in a process asks the shared cache nothing of its route and pages, each
gets its own copy of a page, and a change is seen on the next request
(tests/courses/test_page_tree_cache.py holds the changes one by one)."""

import pytest
from django.core.cache import cache
from django.test import Client

from courses import page_tree_cache
from courses.generation_copies import GenerationCopies

pytestmark = pytest.mark.django_db


def test_a_copy_is_fresh_and_the_least_recently_used_go_first():
    copies = GenerationCopies(limit=2)
    page = {"title": "課程"}
    copies.put_many({"a": page, "b": [1]})
    mine = copies.get_many(["a"])["a"]
    mine["title"] = "changed by one request"
    assert copies.get_many(["a"])["a"] == {"title": "課程"}  # the next one's is as kept
    copies.put_many({"c": 3})  # "b" was used least recently
    assert set(copies.get_many(["a", "b", "c"])) == {"a", "c"}


def test_the_copies_keep_within_their_bytes():
    copies = GenerationCopies(limit=100, max_bytes=8_000)
    copies.put_many({"huge": "字" * 2_000})  # more than an eighth of the budget: not held
    assert copies.get_many(["huge"]) == {}
    copies.put_many({f"k{n}": "x" * 900 for n in range(12)})  # about 11 KB in all
    held = copies.get_many([f"k{n}" for n in range(12)])
    assert "k11" in held and "k0" not in held
    assert sum(len(value) for value in held.values()) <= 8_000


@pytest.fixture
def tree_reads(monkeypatch):
    """The keys of the page tree's entries asked of the shared cache."""
    asked: list[str] = []
    get_many = cache.get_many

    def counted(keys, *args, **kwargs):
        asked.extend(key for key in keys if key.startswith(("courses:page:", "courses:tree:")))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(page_tree_cache.cache, "get_many", counted)
    return asked


def test_the_second_reader_asks_the_shared_cache_nothing_of_the_tree(
    trainee, manager, course, tree_reads
):
    first, second = Client(), Client()
    first.force_login(trainee.user)
    second.force_login(manager.user)
    assert first.get(course.url).status_code == 200
    assert tree_reads  # the route and the course's pages, read once
    tree_reads.clear()
    response = second.get(course.url)
    assert response.status_code == 200 and course.title in response.content.decode()
    assert tree_reads == []
    course.title = "新的課程名稱"
    course.save_revision().publish()  # a new generation: read again, and seen
    response = second.get(course.url)
    assert response.status_code == 200 and "新的課程名稱" in response.content.decode()
    assert tree_reads
