"""Who may upload facts for whom, and saving a sheet with its questions, all or nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from people.models import OrgUnit, Person

from ...models import Fact, FactSheet
from ...selectors.facts import fact_upload_people, fact_upload_units
from .questions import facts_refresh_questions
from .sheets import FactProblem, FactSheetInvalid, _subject, fact_sheet_preview


def may_upload_facts_for(user, *, person: Person | None = None, unit: OrgUnit | None = None):
    """Whether `user` may upload facts for this person or team: they must lie in
    a subtree the user manages (everyone, for administrators)."""
    _subject(person, unit)
    if person is not None:
        return fact_upload_people(user).filter(pk=person.pk).exists()
    return fact_upload_units(user).filter(pk=unit.pk).exists()


def fact_sheet_apply(
    *,
    file_name: str,
    data: bytes,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    user,
    on_progress=None,
) -> FactSheet:
    """Save a fact sheet and refresh its questions, all at once or not at all.
    Raises PermissionDenied when the user may not upload for this subject, and
    FactSheetInvalid with every problem when the sheet has any. `on_progress`
    hears the number of facts saved. The queries do not grow with the sheet."""
    _subject(person, unit)
    if not may_upload_facts_for(user, person=person, unit=unit):
        raise PermissionDenied
    rows, problems = fact_sheet_preview(file_name=file_name, data=data, person=person, unit=unit)
    if problems:
        raise FactSheetInvalid(problems)

    with transaction.atomic():
        current = FactSheet.objects.select_for_update().filter(
            person=person, unit=unit, is_current=True
        )
        list(current)  # take the locks before changing anything
        current.update(is_current=False)
        sheet = FactSheet.objects.create(
            person=person,
            unit=unit,
            file_name=file_name[:255],
            uploaded_by=user,
            is_current=True,
        )
        Fact.objects.bulk_create(
            Fact(
                sheet=sheet,
                row=row.row,
                entity=row.entity,
                attribute=row.attribute,
                value=row.value,
                number=row.number,
                unit_label=row.unit_label,
                as_of=row.as_of,
            )
            for row in rows
        )
        if on_progress is not None:
            on_progress(len(rows))
        try:
            sheet.refresh_summary = facts_refresh_questions(sheet=sheet, user=user)
        except ValidationError as exc:
            raise FactSheetInvalid(
                [FactProblem(None, "", message) for message in exc.messages]
            ) from exc
    return sheet
