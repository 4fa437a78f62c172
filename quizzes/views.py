from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from people.selectors import people_visible_to, person_for_user

from .api import attempt_out
from .models import Attempt, Drill
from .selectors import drill_available_to, drills_available_to, due_queue


def _person_or_404(request):
    person = person_for_user(request.user)
    if person is None:
        raise Http404
    return person


@login_required
def drill_list(request):
    """The drills a person may take, today's review queue and recent results."""
    person = _person_or_404(request)
    return render(
        request,
        "quizzes/drill_list.html",
        {
            "drills": drills_available_to(person),
            "due": due_queue(person),
            "recent": Attempt.objects.filter(person=person)
            .select_related("drill")
            .order_by("-started_at")[:10],
        },
    )


@login_required
def drill_take(request, drill_id):
    """One question per screen on a phone; the page talks to the JSON API."""
    person = _person_or_404(request)
    drill = get_object_or_404(Drill, pk=drill_id, is_active=True)
    if not drill_available_to(drill, person):
        raise Http404
    return render(request, "quizzes/drill_take.html", {"drill": drill})


@login_required
def attempt_detail(request, attempt_id):
    """An attempt's results, for the person and for those who may see them."""
    attempt = get_object_or_404(
        Attempt.objects.select_related("drill", "person"),
        pk=attempt_id,
        person__in=people_visible_to(request.user),
    )
    return render(
        request, "quizzes/attempt_detail.html", {"attempt": attempt, "data": attempt_out(attempt)}
    )
