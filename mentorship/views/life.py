"""The writes of a pair's page, one POST route each. Access is the services'
(mentorship.selectors.life.pair_access): a pair the user may not open is 404,
an action they may not take in its state is 403. A refused input shows the
page again with the errors on their fields."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.life import AgreementForm, CheckInForm, EndEarlyForm, FeedbackForm, ObservationForm
from ..selectors.life import agreement_of, pair_access
from ..services.agreements import GoalInput, agreement_acknowledge, agreement_update
from ..services.checkins import checkin_log, pair_observation_record
from ..services.ending import feedback_give, pair_complete, pair_end_early
from .pairs import goal_formset, pair_or_404, render_pair


def pair_allowing(request, pair_id, action: str):
    """The pair, if the user may open it (else 404) and take `action`, a
    PairAccess property, in its present state (else 403): checked before the
    form is read, so a refusal never shows a form. The service checks again,
    under a lock."""
    pair = pair_or_404(request, pair_id)
    if not getattr(pair_access(request.user, pair), action):
        raise PermissionDenied
    return pair


def errors_onto(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on the whole form)."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def done(request, pair, message):
    messages.success(request, message)
    return redirect("mentorship:pair", pair_id=pair.pk)


@login_required
@require_POST
def agreement_edit(request, pair_id):
    pair = pair_allowing(request, pair_id, "can_edit_agreement")
    form = AgreementForm(request.POST)
    goals = goal_formset(agreement_of(pair), request.POST)
    if form.is_valid() and goals.is_valid():
        try:
            agreement_update(
                pair=pair,
                by_user=request.user,
                notes=form.cleaned_data["notes"],
                goals=[GoalInput(**goal) for goal in goals.goals()],
            )
            return done(request, pair, _("Agreement saved."))
        except ValidationError as error:
            errors_onto(form, error)
    return render_pair(request, pair, agreement_form=form, goal_formset=goals)


@login_required
@require_POST
def agreement_ack(request, pair_id):
    pair = pair_allowing(request, pair_id, "can_acknowledge")
    try:
        agreement_acknowledge(pair=pair, by_user=request.user)
    except ValidationError as error:
        return render_pair(request, pair, acknowledge_error=" ".join(error.messages))
    return done(request, pair, _("You have acknowledged the agreement."))


@login_required
@require_POST
def checkin_add(request, pair_id):
    pair = pair_allowing(request, pair_id, "can_check_in")
    return _submitted(
        request,
        pair,
        CheckInForm,
        "checkin_form",
        lambda data: checkin_log(pair=pair, by_user=request.user, **data),
        _("Check-in logged."),
    )


@login_required
@require_POST
def complete(request, pair_id):
    pair = pair_allowing(request, pair_id, "can_complete")
    pair_complete(pair=pair, by_user=request.user)
    return done(request, pair, _("The pair is completed."))


@login_required
@require_POST
def end_early(request, pair_id):
    pair = pair_allowing(request, pair_id, "can_end_early")
    return _submitted(
        request,
        pair,
        EndEarlyForm,
        "end_form",
        lambda data: pair_end_early(pair=pair, by_user=request.user, reason=data["reason"]),
        _("The pair has ended."),
    )


@login_required
@require_POST
def feedback(request, pair_id):
    pair = pair_allowing(request, pair_id, "can_give_feedback")
    return _submitted(
        request,
        pair,
        FeedbackForm,
        "feedback_form",
        lambda data: feedback_give(pair=pair, by_user=request.user, **data),
        _("Thank you for your feedback."),
    )


@login_required
@require_POST
def observation_add(request, pair_id):
    pair = pair_allowing(request, pair_id, "sees_mentee_training")
    return _submitted(
        request,
        pair,
        ObservationForm,
        "observation_form",
        lambda data: pair_observation_record(pair=pair, by_user=request.user, **data),
        _("Observation recorded."),
    )


def _submitted(request, pair, form_class, form_name: str, write, message):
    """One of the pair page's forms posted: `write(cleaned_data)` when valid, then back
    to the pair with `message`; else the page again with the form's errors in place."""
    form = form_class(request.POST)
    if form.is_valid():
        try:
            write(form.cleaned_data)
            return done(request, pair, message)
        except ValidationError as error:
            errors_onto(form, error)
    return render_pair(request, pair, **{form_name: form})
