from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .selectors import managed_units_of, team_members


@login_required
def team(request):
    """A manager's people: everyone in the subtrees of the units they manage."""
    units = managed_units_of(request.user)
    if not units:
        raise PermissionDenied
    return render(
        request,
        "people/team.html",
        {"units": units, "members": team_members(request.user)},
    )
