"""The trainee's drills: the list, taking one, the daily review and an attempt's result."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from people.selectors import people_visible_to, person_for_user

from ..drill_cards import drill_cards
from ..models import Attempt, AttemptStatus, Drill
from ..origins import local_origin
from ..presentation import item_review, item_seed, present
from ..selectors import (
    attempt_results_visible,
    attempts_left,
    drill_available_to,
    drills_listed_for,
    due_queue,
    recent_results_of,
    review_drill_for,
)


def _person_or_404(request):
    person = person_for_user(request.user)
    if person is None:
        raise Http404
    return person


def _take_url(drill_id: int, origin: str = "") -> str:
    url = reverse("quizzes:drill_take", args=[drill_id])
    return f"{url}?{urlencode({'next': origin})}" if origin else url


@login_required
def drill_list(request):
    """The drills a person may take (Continue where an attempt is open), today's
    review queue with the button that starts it, and recent results."""
    person = _person_or_404(request)
    drills = drills_listed_for(person, now=timezone.now())
    return render(
        request,
        "quizzes/drill_list.html",
        {
            "drills": drills,
            "drill_cards": drill_cards(drills),
            "due": due_queue(person),
            "recent": recent_results_of(person),
        },
    )


@login_required
def daily_review(request):
    """Start review: the daily review drill, which asks what the due queue
    holds. Without one open to the person, the page says so beside the queue."""
    person = _person_or_404(request)
    drill = review_drill_for(person)
    if drill is not None:
        return redirect(_take_url(drill.pk, local_origin(request.GET.get("next"), request=request)))
    return render(request, "quizzes/review_missing.html", {"due": due_queue(person)})


@login_required
def drill_take(request, drill_id):
    """One question per screen on a phone; the page talks to the JSON API.
    `?next=` names the page (a lesson) the drill was started from, kept
    when it is a path on this site."""
    person = _person_or_404(request)
    drill = get_object_or_404(Drill, pk=drill_id, is_active=True)
    if not drill_available_to(drill, person):
        raise Http404
    origin = local_origin(request.GET.get("next"), request=request)
    return render(request, "quizzes/drill_take.html", {"drill": drill, "origin": origin})


def _next_steps(attempt: Attempt, viewer) -> dict:
    """What the attempt's own person may do next: continue or try again, start
    the daily review when anything is due, go back to where the drill was
    started from. Nobody else is offered these."""
    if viewer is None or viewer.pk != attempt.person_id:
        return {}
    steps: dict = {"due": len(due_queue(viewer))}
    origin = local_origin(attempt.origin)
    steps["origin"] = origin
    drill = attempt.drill
    if drill is not None and drill.is_active and drill_available_to(drill, viewer):
        if attempt.status == AttemptStatus.IN_PROGRESS:
            steps["continue_url"] = _take_url(drill.pk, origin)
        elif attempts_left(drill, viewer) != 0:
            steps["again_url"] = _take_url(drill.pk, origin)
    return steps


@login_required
def attempt_detail(request, attempt_id):
    """An attempt's results, for the person and for those who may see them:
    for each question the answer given, the right answer and the feedback,
    when the drill's feedback rule allows; then what to do next."""
    attempt = get_object_or_404(
        Attempt.objects.select_related("drill", "person"),
        pk=attempt_id,
        person__in=people_visible_to(request.user),
    )
    show_results = attempt_results_visible(attempt)
    shuffle = attempt.drill.shuffle_choices if attempt.drill else True
    items = []
    for item in attempt.items.select_related("version", "question").order_by("position"):
        version, qtype = item.version, item.question.qtype
        seed = item_seed(attempt.seed, item.position)
        question = present(
            qtype=qtype, stem=version.stem, payload=version.payload, seed=seed, shuffle=shuffle
        )
        answered = item.answered_at is not None
        result = None
        if show_results and answered:
            result = item_review(
                qtype=qtype,
                stem=version.stem,
                payload=version.payload,
                general_feedback=version.general_feedback,
                seed=seed,
                shuffle=shuffle,
                response=item.response,
                score=item.score,
            )
        items.append(
            {
                "position": item.position,
                "answered": answered,
                "question": question,
                "result": result,
            }
        )
    finished = attempt.status != AttemptStatus.IN_PROGRESS
    viewer = person_for_user(request.user)
    return render(
        request,
        "quizzes/attempt_detail.html",
        {
            "attempt": attempt,
            "own": viewer is not None and viewer.pk == attempt.person_id,
            "data": {
                "drill_title": attempt.drill.title if attempt.drill else "",
                "score": attempt.score if finished else None,
                "passed": attempt.passed if finished else None,
                "items": items,
            },
            "next": _next_steps(attempt, viewer),
        },
    )
