"""A manager's mastery grid: their people by topic, live or between two days."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from people.selectors import managed_units_of, team_members

from ..conf import quizzes_settings
from ..forms import MasteryCompareForm
from ..models import Topic
from ..selectors.mastery import mastery_changes, mastery_grid


def _mastery_cell(old: float | None, new: float | None) -> dict:
    """A grid cell: the figures as whole percentages and which way it went."""
    old_percent = None if old is None else round(old * 100)
    new_percent = None if new is None else round(new * 100)
    change = None
    if old_percent is not None and new_percent is not None:
        change = (
            "up" if new_percent > old_percent else "down" if new_percent < old_percent else "same"
        )
    return {"old": old_percent, "new": new_percent, "change": change}


@login_required
def team_mastery(request):
    """A manager's mastery grid: their people by topic, live, or between two
    days (past days from the nightly snapshots, today live)."""
    if not managed_units_of(request.user):
        raise Http404
    members = list(team_members(request.user))
    ids = [m.pk for m in members]
    form = MasteryCompareForm(request.GET if request.GET else None)
    comparing = form.is_bound and form.comparing
    if comparing:
        before, after = form.cleaned_data["before"], form.cleaned_data["after"]
        cells = mastery_changes(ids, before, after)
    else:
        before = after = None
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
            "cells": [
                _mastery_cell(*cells.get(member.pk, {}).get(topic.pk, (None, None)))
                for topic in topics
            ],
        }
        for member in members
    ]
    today = timezone.localdate()
    return render(
        request,
        "quizzes/team_mastery.html",
        {
            "form": form,
            "topics": topics,
            "rows": rows,
            "comparing": comparing,
            "before": before,
            "after": after,
            "after_is_today": comparing and after >= today,
            "window_days": quizzes_settings.ACCURACY_WINDOW_DAYS,
        },
    )
