"""Reads about territory fact sheets. Facts are confidential business figures:
only the person (or, for a team's sheet, the team's members) and the managers
of the subtree they belong to see them; administrators see all. Scope comes
from people.selectors; the wider scope extensions (for example a mentor's
view of a mentee) do not open anybody's territory facts."""

from django.db.models import Q, QuerySet

from people.models import OrgUnit, Person
from people.selectors import (
    managed_units_of,
    people_visible_to,
    person_for_user,
    sees_everyone,
    subtree_q,
    units_visible_to,
)

from ..models import Fact, FactSheet


def fact_upload_people(user) -> QuerySet[Person]:
    """People whose facts the user may upload and read as their manager."""
    people = people_visible_to(user)
    if sees_everyone(user):
        return people
    return people.filter(subtree_q(managed_units_of(user), prefix="unit__"))


def fact_upload_units(user) -> QuerySet[OrgUnit]:
    """Teams (units) whose facts the user may upload and read as their manager."""
    return units_visible_to(user)


def may_upload_facts(user) -> bool:
    """Whether the user manages anybody at all (or is an administrator)."""
    return user.is_authenticated and (sees_everyone(user) or bool(managed_units_of(user)))


def fact_subjects_q(user, *, person: str = "person", unit: str = "unit") -> Q:
    """Whose facts the user may see, as a filter on any model that names the
    subject of a fact sheet by a person field and a unit field (a fact sheet,
    or a question made from one): the people and teams they manage, themself
    and their own team; everyone for administrators; nobody when signed out."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if sees_everyone(user):
        return Q(pk__isnull=False)  # everything, and still a real condition under |
    scope = Q(**{f"{person}__in": fact_upload_people(user).values("pk")}) | Q(
        **{f"{unit}__in": fact_upload_units(user).values("pk")}
    )
    own = person_for_user(user)
    if own is not None:
        scope |= Q(**{person: own}) | Q(**{f"{unit}_id": own.unit_id})
    return scope


def fact_sheets_visible_to(user) -> QuerySet[FactSheet]:
    """Every fact sheet, current or replaced, the user may read."""
    if not user.is_authenticated:
        return FactSheet.objects.none()
    sheets = FactSheet.objects.select_related(
        "person", "person__unit", "unit", "uploaded_by"
    ).order_by("-uploaded_at", "-pk")
    return sheets.filter(fact_subjects_q(user))


def fact_sheet_get(user, sheet_id: int) -> FactSheet | None:
    """The sheet with this id if the user may read it, else None (callers answer 404)."""
    return fact_sheets_visible_to(user).filter(pk=sheet_id).first()


def fact_person_get(user, person_id: int) -> Person | None:
    """The person whose facts the user may read (themself, or one of the people
    they manage), else None (callers answer 404)."""
    person = person_for_user(user)
    if person is not None and person.pk == person_id:
        return person
    return fact_upload_people(user).filter(pk=person_id).first()


def facts_of(person: Person) -> QuerySet[Fact]:
    """The person's current facts: their own sheet's and their team's."""
    return (
        Fact.objects.filter(sheet__is_current=True)
        .filter(Q(sheet__person=person) | Q(sheet__unit_id=person.unit_id))
        .select_related("sheet", "sheet__unit")
        .order_by("entity", "attribute", "sheet_id", "row")
    )


def fact_entity_names() -> set[str]:
    """Every entity named in a current fact sheet (customers, companies), for
    anonymisation checks elsewhere. Names only: no values, no owners."""
    return set(
        Fact.objects.filter(sheet__is_current=True).values_list("entity", flat=True).distinct()
    )
