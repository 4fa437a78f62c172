"""A mentor's own profile and nomination, and a manager's nominations and
mentee needs. Every write is a POST through mentorship.services.profiles,
which checks the scope again; refused input comes back on the form, located."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.selectors import person_for_user

from ..forms.profiles import (
    MenteeNeedForm,
    MentorProfileForm,
    NominationAnswerForm,
    NominationForm,
)
from ..models import MentorStatus
from ..selectors.profiles import (
    mentee_need_of,
    mentor_profile_of,
    mentor_profile_view,
    nomination_waiting_for,
    person_for_mentoring,
)
from ..services.profiles import (
    mentee_need_set,
    mentor_nominate,
    mentor_nomination_answer,
    mentor_opt_in,
    mentor_profile_update,
    mentor_step_back,
)


def _me(request):
    me = person_for_user(request.user)
    if me is None:
        raise Http404
    return me


def _saved(form, write) -> bool:
    """Run the service; a ValidationError lands on the form (on its field if named)."""
    try:
        write()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@login_required
def mentor_profile(request):
    """Offer to mentor, or change the offer: capacity, strengths, introduction."""
    me = _me(request)
    profile = mentor_profile_of(me)
    active = profile is not None and profile.status == MentorStatus.ACTIVE
    if request.method == "POST":
        form = MentorProfileForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            fields = {
                "by_user": request.user,
                "capacity": data["capacity"],
                "strengths": data["strengths"],
                "introduction": data["introduction"],
            }
            if active:
                write = partial(mentor_profile_update, profile=profile, **fields)
            else:
                write = partial(mentor_opt_in, person=me, **fields)
            if _saved(form, write):
                messages.success(request, _("Your mentor profile is saved."))
                return redirect("mentorship:home")
    elif active:
        form = MentorProfileForm(
            initial={
                "capacity": profile.capacity,
                "strengths": list(profile.strengths.all()),
                "introduction": profile.introduction,
            }
        )
    else:
        form = MentorProfileForm()
    return render(
        request,
        "mentorship/profile_form.html",
        {"form": form, "profile": mentor_profile_view(profile) if active else None},
    )


@login_required
@require_POST
def step_back(request):
    profile = mentor_profile_of(_me(request))
    if profile is None or profile.status != MentorStatus.ACTIVE:
        raise Http404
    try:
        mentor_step_back(profile=profile, by_user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("You have stepped back from mentoring."))
    return redirect("mentorship:home")


@login_required
def nomination_answer(request):
    """The nominee accepts or declines (with a reason) their nomination."""
    profile = nomination_waiting_for(request.user)
    if profile is None:
        raise Http404
    form = NominationAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        write = partial(
            mentor_nomination_answer,
            profile=profile,
            by_user=request.user,
            accept=form.accepted,
            reason=data["reason"],
        )
        if _saved(form, write):
            messages.success(request, _("Your answer has been sent to your manager."))
            if form.accepted:
                return redirect("mentorship:profile")
            return redirect("mentorship:home")
    return render(request, "mentorship/nomination.html", {"form": form, "profile": profile})


@login_required
def nominate(request, person_id):
    """A manager nominates one of their people as a mentor."""
    person = person_for_mentoring(request.user, person_id)
    if person is None:
        raise Http404
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        write = partial(
            mentor_nominate,
            person=person,
            by_user=request.user,
            capacity=form.cleaned_data["capacity"],
        )
        if _saved(form, write):
            messages.success(
                request, _("%(name)s has been asked to mentor.") % {"name": person.name}
            )
            return redirect("mentorship:people")
    return render(request, "mentorship/nominate.html", {"form": form, "person": person})


@login_required
def mentee_need(request, person_id):
    """A manager records what one of their people needs from a mentor."""
    person = person_for_mentoring(request.user, person_id)
    if person is None:
        raise Http404
    needs = mentee_need_of(person)
    if request.method == "POST":
        form = MenteeNeedForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            write = partial(
                mentee_need_set,
                person=person,
                by_user=request.user,
                seeking=data["seeking"],
                focus_topics=data["focus_topics"],
                manager_note=data["manager_note"],
                guidance_type=data["guidance_type"],
            )
            if _saved(form, write):
                messages.success(request, _("Saved what %(name)s needs.") % {"name": person.name})
                return redirect("mentorship:people")
    else:
        need = needs.need
        form = MenteeNeedForm(
            initial={
                "seeking": need.seeking if need else True,
                "guidance_type": person.guidance_type,
                "focus_topics": [m.topic for m in needs.focus_topics],
                "manager_note": need.manager_note if need else "",
            }
        )
    return render(
        request, "mentorship/mentee_need.html", {"form": form, "person": person, "needs": needs}
    )
