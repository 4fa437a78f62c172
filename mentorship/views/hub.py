"""The mentoring hub (/mentoring/) and a manager's people (/mentoring/people/)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from people.selectors import person_for_user

from ..models import MentorStatus
from ..selectors.profiles import (
    may_manage_mentoring,
    mentee_needs_for,
    mentor_profile_of,
    mentor_profile_view,
    nomination_waiting_for,
    pairs_of_person,
    people_for_mentoring,
    person_takes_part,
)
from ..selectors.report import may_honour, may_see_report

PEOPLE_PER_PAGE = 25


@login_required
def home(request):
    """What mentoring asks of the signed-in person: a nomination to answer,
    their mentor profile (or the offer to mentor), their pairs, and for a
    manager the way to their people."""
    me = person_for_user(request.user)
    # Someone with no profile, need or pair (the cached answer the navigation
    # reads too) has no profile, nomination or pair to look for.
    takes_part = me is not None and person_takes_part(me)
    profile = mentor_profile_of(me) if takes_part else None
    shown = profile is not None and profile.status in (MentorStatus.ACTIVE, MentorStatus.WITHDRAWN)
    return render(
        request,
        "mentorship/home.html",
        {
            "me": me,
            "profile": mentor_profile_view(profile) if shown else None,
            "nomination": nomination_waiting_for(request.user) if takes_part else None,
            "pairs": list(pairs_of_person(me)) if takes_part else [],
            "manages": may_manage_mentoring(request.user),
            "sees_report": may_see_report(request.user),
            "honours": may_honour(request.user),
        },
    )


@login_required
def people(request):
    """A manager's people with their mentor and mentee state, a page at a time
    (the same queries for any number of rows)."""
    if not may_manage_mentoring(request.user):
        raise Http404
    page = Paginator(people_for_mentoring(request.user), PEOPLE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = list(page.object_list)
    needs = mentee_needs_for(rows)
    return render(
        request,
        "mentorship/people.html",
        {"page": page, "rows": [(person, needs[person.pk]) for person in rows]},
    )
