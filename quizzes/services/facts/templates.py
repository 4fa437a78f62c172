"""Fact templates as a sheet meets them: the ones for each attribute, and what
they need of a fact."""

from ...models import FactTemplate
from ...normalise import fold


def templates_by_attribute() -> dict[str, list[FactTemplate]]:
    by_attribute: dict[str, list[FactTemplate]] = {}
    for template in FactTemplate.objects.select_related("topic", "category").order_by("pk"):
        by_attribute.setdefault(fold(template.attribute), []).append(template)
    return by_attribute


def asks_highest(template: FactTemplate) -> bool:
    return template.kind == FactTemplate.Kind.CHOICE and "{value}" not in template.stem


def needs_number(templates: list[FactTemplate]) -> bool:
    return any(t.kind == FactTemplate.Kind.NUMERIC or asks_highest(t) for t in templates)


class Placeholders(dict):
    """Format values for a stem; an unknown placeholder stays as written."""

    def __missing__(self, key):
        return "{" + key + "}"
