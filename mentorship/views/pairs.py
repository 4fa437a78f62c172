from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from courses.selectors.followup import followup_tasks_open_of
from people.selectors import person_for_user
from quizzes.selectors.drills import drill_results_of
from quizzes.selectors.mastery import mastery_by_topic

from ..forms.life import (
    AgreementForm,
    CheckInForm,
    EndEarlyForm,
    FeedbackForm,
    GoalFormSet,
    ObservationForm,
    topics_by_id,
)
from ..selectors.life import pair_access, pair_page
from ..selectors.pairs import pair_visible_to


def pair_or_404(request, pair_id):
    pair = pair_visible_to(request.user, pair_id)
    if pair is None:
        raise Http404
    return pair


def goal_formset(agreement, data=None):
    initial = [
        {"topic": goal.topic_id, "due_on": goal.due_on, "notes": goal.notes}
        for goal in (agreement.goals.all() if agreement else [])
    ]
    return GoalFormSet(
        data, initial=initial, prefix="goals", form_kwargs={"topics": topics_by_id()}
    )


def render_pair(request, pair, *, status=200, **forms):
    """The pair's page, with any form the user just sent (bound, with its errors)."""
    access = pair_access(request.user, pair)
    page = pair_page(pair, access)
    agreement = page["agreement"]
    context = {"pair": pair, "access": access, **page}
    if access.can_edit_agreement:
        context["agreement_form"] = forms.get("agreement_form") or AgreementForm(
            initial={"notes": agreement.notes if agreement else ""}
        )
        context["goal_formset"] = forms.get("goal_formset") or goal_formset(agreement)
    if access.can_check_in:
        context["checkin_form"] = forms.get("checkin_form") or CheckInForm()
    if access.can_end_early:
        context["end_form"] = forms.get("end_form") or EndEarlyForm()
    if forms.get("feedback_form"):
        context["feedback_form"] = forms["feedback_form"]
    elif access.can_give_feedback and access_author_pending(request.user, page):
        context["feedback_form"] = FeedbackForm()
    if access.sees_mentee_training:
        context["mastery_rows"] = mastery_by_topic(pair.mentee)
        context["drills"] = drill_results_of(pair.mentee, limit=10)
        context["followup_tasks"] = followup_tasks_open_of(pair.mentee)
        context["observation_form"] = forms.get("observation_form") or ObservationForm()
    context["acknowledge_error"] = forms.get("acknowledge_error")
    return render(request, "mentorship/pair.html", context, status=status)


def access_author_pending(user, page) -> bool:
    """Whether the user has yet to give their feedback."""
    person = person_for_user(user)
    return person is not None and person.pk not in page["feedback_authors"]


@login_required
def pair_detail(request, pair_id):
    """One pair's page, for both sides and for the managers of the mentee:
    status and history, agreement, check-ins, the end and feedback; for the
    mentor while active, the mentee's training. Anyone else gets 404."""
    return render_pair(request, pair_or_404(request, pair_id))
