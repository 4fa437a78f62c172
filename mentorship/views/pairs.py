from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from people.selectors import person_for_user

from ..selectors.pairs import pair_visible_to


@login_required
def pair_detail(request, pair_id):
    """One pair's page, for both sides and for the managers of the mentee:
    who, since when, where it stands. Anyone else gets 404."""
    pair = pair_visible_to(request.user, pair_id)
    if pair is None:
        raise Http404
    me = person_for_user(request.user)
    return render(
        request,
        "mentorship/pair.html",
        {
            "pair": pair,
            "is_mentor": me is not None and pair.mentor_id == me.pk,
            "is_mentee": me is not None and pair.mentee_id == me.pk,
        },
    )
