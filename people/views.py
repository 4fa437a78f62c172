from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from frame import training_record_sections

from .conf import people_settings
from .selectors import managed_units_of, person_visible_to, team_members, unit_path_names


@login_required
def team(request):
    """A manager's people: everyone in the subtrees of the units they manage,
    a page of PEOPLE_TEAM_PAGE_SIZE at a time, each a link to their training record."""
    units = managed_units_of(request.user)
    if not units:
        raise PermissionDenied
    page = Paginator(team_members(request.user), people_settings.TEAM_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "people/team.html", {"units": units, "page": page})


@login_required
def training_record(request, person_id):
    """One person's training record: what each app adds (courses, drill
    results, mastery, and later plans, certificates, mentoring) through the
    `lianbing_training_record_sections` hook (see frame). The person, their
    managers and administrators see it; for anyone else it does not exist (404)."""
    person = person_visible_to(request.user, person_id)
    if person is None:
        raise Http404
    return render(
        request,
        "people/record.html",
        {
            "person": person,
            "unit_path": " / ".join(unit_path_names(person.unit)),
            "is_self": person.user_id == request.user.pk,
            "sections": training_record_sections(person, request.user),
            "manages": bool(managed_units_of(request.user)),
        },
    )
