"""Reads of case studies' decision points: a learner's own choices, and how
learners chose, for trainers."""

from collections import defaultdict

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from people.selectors import person_for_user

from ..models import DecisionChoice
from .decision_rows import choices_at


def decisions_pending_for(person, page) -> bool:
    """Whether a case still has decision points the person has not decided."""
    return page.decision_points.exclude(choices__person=person).exists()


def case_context_for(page, user, drafts: dict | None = None, *, points=None) -> dict:
    """The decision points with the person's own choice at each (answers show
    only after it), and at a refused one what they wrote and why it was refused."""
    person = person_for_user(user)
    points = list(page.decision_points.all()) if points is None else points
    chosen = choices_at(person_id=person.pk, point_ids=[p.pk for p in points]) if person else {}
    decisions = []
    for point in points:
        choice = chosen.get(point.pk)
        options = point.option_list
        decisions.append(
            {
                "point": point,
                "choice": choice,
                "chosen_text": options[choice.option]
                if choice and choice.option < len(options)
                else "",
                "draft": None if choice else (drafts or {}).get(point.pk),
            }
        )
    # How it went and the lessons are revealed once every decision is made.
    return {"decisions": decisions, "all_decided": all(d["choice"] for d in decisions)}


def decision_summaries(points, *, latest: int = 50) -> list[dict]:
    """How learners chose at each decision point, and the reasoning of the
    `latest` choices of each (without names), for trainers: two queries
    whatever the number of points and choices."""

    ids = [point.pk for point in points]
    counts, reasons = {}, defaultdict(list)
    if ids:
        choices = DecisionChoice.objects.filter(decision_point_id__in=ids)
        counts = {
            (row["decision_point_id"], row["option"]): row["count"]
            for row in choices.values("decision_point_id", "option").annotate(count=Count("id"))
        }
        ranked = (
            choices.annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("decision_point_id"),
                    order_by=[F("chosen_at").desc(), F("id").desc()],
                )
            )
            .filter(rank__lte=latest)
            .order_by("decision_point_id", "rank")
            .values_list("decision_point_id", "option", "reasoning")
        )
        for point_id, option, reasoning in ranked:
            reasons[point_id].append((option, reasoning))
    return [
        {
            "point": point,
            "options": [
                (text, counts.get((point.pk, index), 0))
                for index, text in enumerate(point.option_list)
            ],
            "reasons": reasons[point.pk],
        }
        for point in points
    ]
