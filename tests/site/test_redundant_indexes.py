"""Lianbing's tables carry no index that another one leads with: every index
is one more to write on each INSERT and on each UPDATE of its columns, and
one whose columns begin a wider index answers nothing the wider one does
not. Every foreign key still leads an index (its look-ups, and the deletes
that cascade or are refused through it).

A partial index (one with a condition) is neither covered by a wider one
(it is smaller, and serves its condition) nor covers a narrower one. Many-to-many tables Django makes itself keep
their indexes: their fields cannot be altered, and they are written only
when someone edits their owner in the admin."""

from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[2]


def _lianbing_models() -> list:
    ours = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if REPOSITORY not in path.parents or {"tests", ".venv"} & set(path.parts):
            continue
        ours += [
            model for model in config.get_models() if model._meta.managed and not model._meta.proxy
        ]
    return sorted(ours, key=lambda model: model._meta.label)


MODELS = _lianbing_models()


def _partial(model) -> set[str]:
    """Names of the model's indexes and unique constraints with a condition."""
    declared = [*model._meta.indexes, *model._meta.constraints]
    return {each.name for each in declared if getattr(each, "condition", None) is not None}


def _indexes(model) -> dict[str, tuple[list[str], bool]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {
        name: (list(each["columns"]), bool(each["unique"] or each["primary_key"]))
        for name, each in found.items()
        if (each["index"] or each["unique"] or each["primary_key"]) and each["columns"]
    }


def _led_by_another(model) -> list[tuple[str, str]]:
    indexes = _indexes(model)
    partial = _partial(model)
    return [
        (name, wider_name)
        for name, (columns, unique) in indexes.items()
        if not unique and name not in partial
        for wider_name, (wider, _) in indexes.items()
        if wider_name != name
        and wider_name not in partial
        and len(wider) > len(columns)
        and wider[: len(columns)] == columns
    ]


def test_the_models_are_found():
    labels = {model._meta.label for model in MODELS}
    assert {"quizzes.AttemptItem", "courses.LessonCompletion", "mentorship.Pair"} <= labels
    assert not any(label.startswith(("wagtailcore.", "auth.")) for label in labels)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_no_index_is_led_by_another(model):
    assert _led_by_another(model) == []


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_every_foreign_key_leads_an_index(model):
    leading = {columns[0] for columns, _ in _indexes(model).values()}
    keys = [
        field.column
        for field in model._meta.local_concrete_fields
        if field.is_relation and (field.many_to_one or field.one_to_one)
    ]
    assert [key for key in keys if key not in leading] == []
