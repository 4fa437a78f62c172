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


@login_required
def team_mastery(request):
    """A manager's mastery grid: their people by topic, now or between two dates."""
    from datetime import date

    from people.selectors import managed_units_of, team_members

    from .models import Topic
    from .selectors.mastery import mastery_compare, mastery_grid

    if not managed_units_of(request.user):
        raise Http404
    members = list(team_members(request.user))
    ids = [m.pk for m in members]

    def parse(name):
        try:
            return date.fromisoformat(request.GET.get(name, ""))
        except ValueError:
            return None

    before, after = parse("before"), parse("after")
    if before and after:
        compared = mastery_compare(ids, before, after)
        cells = {
            pid: {tid: pair for tid, pair in topics.items()} for pid, topics in compared.items()
        }
    else:
        grid = mastery_grid(ids)
        cells = {
            pid: {tid: (None, m.mastery) for tid, m in topics.items()}
            for pid, topics in grid.items()
        }
    topic_ids = sorted({tid for topics in cells.values() for tid in topics})
    topics = [t for t in Topic.objects.filter(pk__in=topic_ids).order_by("name")]
    rows = [
        {
            "person": member,
            "cells": [cells.get(member.pk, {}).get(topic.pk, (None, None)) for topic in topics],
        }
        for member in members
    ]
    return render(
        request,
        "quizzes/team_mastery.html",
        {"topics": topics, "rows": rows, "before": before, "after": after},
    )
