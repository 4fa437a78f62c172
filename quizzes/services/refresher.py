"""Refresher drills: a short drill on one topic, built for the people who
took a course and are forgetting that topic (courses' effectiveness page)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Drill, DrillQuestion, Question, QuestionSelection, Topic

RANDOM_QUESTIONS = 10


@transaction.atomic
def refresher_drill_create(*, topic: Topic, drill_ids: list[int], title: str) -> Drill:
    """A drill on `topic`: the fixed list of the topic's questions that appear
    in the drills `drill_ids` (a course's drills), in their order; when those
    drills hold none, up to ten questions at random from the topic. Personal
    questions and closed ones are left out. ValidationError when the topic has
    no question at all."""
    picked = list(
        DrillQuestion.objects.filter(
            drill_id__in=drill_ids,
            question__topic=topic,
            question__is_active=True,
            question__owner_person__isnull=True,
            question__owner_unit__isnull=True,
        )
        .order_by("drill_id", "position")
        .values_list("question_id", flat=True)
    )
    question_ids = list(dict.fromkeys(picked))
    if question_ids:
        drill = Drill.objects.create(
            title=title,
            listed=False,
            selection=QuestionSelection.FIXED,
            question_count=len(question_ids),
            shuffle_questions=True,
        )
        DrillQuestion.objects.bulk_create(
            DrillQuestion(drill=drill, question_id=qid, position=n)
            for n, qid in enumerate(question_ids)
        )
    else:
        available = Question.objects.filter(
            topic=topic, is_active=True, owner_person__isnull=True, owner_unit__isnull=True
        ).count()
        if not available:
            raise ValidationError({"topic": _("This topic has no question to drill.")})
        drill = Drill.objects.create(
            title=title,
            listed=False,
            selection=QuestionSelection.RANDOM,
            question_count=min(RANDOM_QUESTIONS, available),
        )
    drill.topics.add(topic)
    return drill
