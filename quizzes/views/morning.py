"""Pages of the morning-meeting drill, for the team head's one screen.
Plain forms: one tap marks an answer and brings up the next person."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from people.selectors import managed_units_of, person_for_user, units_in_managed_subtrees

from ..models import Drill, MorningSession, MorningTurn
from ..presentation import solution
from ..services.attempts import AttemptRefused
from ..services.morning import (
    morning_end,
    morning_mark,
    morning_next,
    morning_next_refusal,
    morning_skip,
    morning_start,
    morning_undo,
)


class MorningStartForm(forms.Form):
    # The teams come from people's scope when the form is made for a user.
    unit = forms.ModelChoiceField(queryset=None, label=_("Team"))
    drill = forms.ModelChoiceField(
        queryset=Drill.objects.filter(is_active=True),
        required=False,
        label=_("Questions from"),
        empty_label=_("Any question"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_in_managed_subtrees(user).order_by("path")
        if not self.is_bound:
            # A manager of one team does not choose it every morning; nor the drill, when
            # there is only one to choose from.
            managed = managed_units_of(user)
            if len(managed) == 1:
                self.initial.setdefault("unit", managed[0].pk)
                drills = list(self.fields["drill"].queryset.values_list("pk", flat=True)[:2])
                if len(drills) == 1:
                    self.initial.setdefault("drill", drills[0])


def _head(request):
    person = person_for_user(request.user)
    if person is None or not managed_units_of(request.user):
        raise PermissionDenied
    return person


@login_required
def morning_home(request):
    head = _head(request)
    form = MorningStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        session = morning_start(
            unit=form.cleaned_data["unit"], led_by=head, drill=form.cleaned_data["drill"]
        )
        _ask_next(session)
        return redirect("quizzes:morning_session", session_id=session.pk)
    recent = MorningSession.objects.filter(led_by=head).select_related("unit")[:10]
    return render(request, "quizzes/morning/home.html", {"form": form, "recent": recent})


def _ask_next(session: MorningSession) -> None:
    """Put the next question on the screen, on a POST: the session page (a GET) only
    shows it. When nobody can be asked, the session page says why."""
    try:
        morning_next(session=session)
    except AttemptRefused:
        pass


def _done(request, action) -> bool:
    """Run a session action; a refusal is said on the page the head goes back to."""
    try:
        action()
    except AttemptRefused as refused:
        messages.error(request, refused.message)
        return False
    return True


def _own_session(request, session_id) -> MorningSession:
    head = _head(request)
    return get_object_or_404(
        MorningSession.objects.select_related("unit", "drill"), pk=session_id, led_by=head
    )


@login_required
def morning_session(request, session_id):
    session = _own_session(request, session_id)
    turns = list(session.turns.select_related("person", "item__question").order_by("asked_at"))
    context = {"session": session, "turns": turns, "results": MorningTurn.Result}
    turn = next((t for t in turns if not t.result), None)
    if session.ended_at is None and turn is None:
        context["problem"] = morning_next_refusal(session=session)
    if session.ended_at is None and turn is not None:
        version = turn.item.version
        context["turn"] = turn
        context["answer"] = solution(
            qtype=turn.item.question.qtype,
            stem=version.stem,
            payload=version.payload,
            general_feedback=version.general_feedback,
            seed=0,
            shuffle=False,
        )
        context["stem"] = version.stem
        context["payload"] = version.payload
    return render(request, "quizzes/morning/session.html", context)


@login_required
@require_POST
def morning_mark_view(request, session_id, turn_id):
    session = _own_session(request, session_id)
    turn = get_object_or_404(MorningTurn, pk=turn_id, session=session)
    result = request.POST.get("result")
    if result not in MorningTurn.Result.values:
        raise Http404
    if _done(request, lambda: morning_mark(turn=turn, result=result)):
        _ask_next(session)
    return redirect("quizzes:morning_session", session_id=session.pk)


@login_required
@require_POST
def morning_next_view(request, session_id):
    """Ask the next person, when no question is waiting (the last pick found nobody)."""
    session = _own_session(request, session_id)
    _done(request, lambda: morning_next(session=session))
    return redirect("quizzes:morning_session", session_id=session.pk)


@login_required
@require_POST
def morning_end_view(request, session_id):
    session = _own_session(request, session_id)
    morning_end(session=session)
    return redirect("quizzes:morning_session", session_id=session.pk)


@login_required
@require_POST
def morning_skip_view(request, session_id, turn_id):
    """The person on the screen is absent: nothing is recorded, the next person is asked."""
    session = _own_session(request, session_id)
    turn = get_object_or_404(MorningTurn, pk=turn_id, session=session, result="")
    _done(request, lambda: morning_skip(turn=turn))
    return redirect("quizzes:morning_session", session_id=session.pk)


@login_required
@require_POST
def morning_undo_view(request, session_id):
    """Undo the last mark (a mistap), while the drill has not ended."""
    session = _own_session(request, session_id)
    _done(request, lambda: morning_undo(session=session))
    return redirect("quizzes:morning_session", session_id=session.pk)
