"""The suggestions page of a manager: ask for a run, follow it, decide on
each line or all at once, assign by hand. Only managers of a unit and
administrators; a run or a suggestion of another manager is 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ..forms.matching import ChangeMentorForm, HandAssignForm, add_rule_errors
from ..rules import rule_messages
from ..selectors.matching import can_request_suggestions, run_of, run_state, suggestion_of
from ..selectors.suggestion_page import hand_mentee_choices, hand_mentor_choices, suggestion_page
from ..services.matching_decisions import (
    suggestion_accept,
    suggestion_change_mentor,
    suggestion_reject,
    suggestions_accept_all,
)
from ..services.matching_runs import suggestions_run_start
from ..services.pairs import PairingRuleBroken, pair_create

PAGE = "mentorship:suggestions"


def _manager_only(request):
    if not can_request_suggestions(request.user):
        raise Http404


@login_required
def suggestions(request):
    _manager_only(request)
    context = suggestion_page(request.user, page_number=request.GET.get("page"))
    context["hand_form"] = HandAssignForm(
        mentees=hand_mentee_choices(request.user), mentors=hand_mentor_choices(request.user)
    )
    return render(request, "mentorship/suggestions.html", context)


@login_required
@require_POST
def run_start(request):
    _manager_only(request)
    run = suggestions_run_start(user=request.user)
    if run.status == run.Status.QUEUED:
        messages.success(request, _("The suggestions are being worked out in the background."))
    return redirect(PAGE)


@login_required
def run_progress(request, run_id):
    """The state of a run as JSON, for the page's progress bar."""
    _manager_only(request)
    run = run_of(request.user, run_id)
    if run is None:
        raise Http404
    return JsonResponse(run_state(run))


def _waiting_suggestion(request, suggestion_id):
    _manager_only(request)
    suggestion = suggestion_of(request.user, suggestion_id)
    if suggestion is None:
        raise Http404
    return suggestion


def _refused(request, broken: PairingRuleBroken):
    messages.error(request, " ".join(rule_messages(broken.codes)))
    return redirect(PAGE)


@login_required
@require_POST
def accept(request, suggestion_id):
    suggestion = _waiting_suggestion(request, suggestion_id)
    try:
        suggestion_accept(suggestion=suggestion, by_user=request.user)
    except PairingRuleBroken as broken:
        return _refused(request, broken)
    messages.success(request, _("%(mentee)s is paired with %(mentor)s.") % _names(suggestion))
    return redirect(PAGE)


@login_required
@require_POST
def change(request, suggestion_id):
    suggestion = _waiting_suggestion(request, suggestion_id)
    form = ChangeMentorForm(request.POST, mentors=hand_mentor_choices(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose a mentor from the list."))
        return redirect(PAGE)
    try:
        suggestion_change_mentor(
            suggestion=suggestion, mentor=form.cleaned_data["mentor"], by_user=request.user
        )
    except PairingRuleBroken as broken:
        return _refused(request, broken)
    messages.success(request, _("%(mentee)s is paired with %(mentor)s.") % _names(suggestion))
    return redirect(PAGE)


@login_required
@require_POST
def reject(request, suggestion_id):
    suggestion = _waiting_suggestion(request, suggestion_id)
    suggestion_reject(suggestion=suggestion, by_user=request.user)
    messages.success(request, _("Suggestion rejected."))
    return redirect(PAGE)


@login_required
@require_POST
def accept_all(request, run_id):
    _manager_only(request)
    run = run_of(request.user, run_id)
    if run is None:
        raise Http404
    result = suggestions_accept_all(run=run, by_user=request.user)
    count = len(result.pairs)
    messages.success(
        request,
        ngettext("%(count)s pair made.", "%(count)s pairs made.", count) % {"count": count},
    )
    for suggestion, codes in result.refused:
        messages.error(
            request,
            _("%(mentee)s and %(mentor)s: not paired. %(why)s")
            % {**_names(suggestion), "why": " ".join(rule_messages(codes))},
        )
    return redirect(PAGE)


@login_required
def assign(request):
    """Assign a mentor by hand (GET: the form; POST: assign). A broken rule is
    shown on the form, naming it."""
    _manager_only(request)
    form = HandAssignForm(
        request.POST if request.method == "POST" else None,
        mentees=hand_mentee_choices(request.user),
        mentors=hand_mentor_choices(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            pair_create(
                mentor=form.cleaned_data["mentor"],
                mentee=form.cleaned_data["mentee"],
                by_user=request.user,
            )
        except PairingRuleBroken as broken:
            add_rule_errors(form, broken)
        else:
            messages.success(
                request,
                _("%(mentee)s is paired with %(mentor)s.")
                % {
                    "mentee": form.cleaned_data["mentee"].name,
                    "mentor": form.cleaned_data["mentor"].name,
                },
            )
            return redirect(PAGE)
    status = 400 if request.method == "POST" else 200
    return render(request, "mentorship/assign.html", {"hand_form": form}, status=status)


def _names(suggestion) -> dict:
    return {"mentee": suggestion.mentee.name, "mentor": suggestion.mentor.name}
