"""Retention drills: a random drill over a set of topics that the follow-up
after training assigns at each checkpoint. One drill serves everyone on the
same course (found again by its title), so the drill list does not grow with
the number of trainees."""

from django.db import transaction

from ..models import Drill, FeedbackTiming, QuestionSelection

RETENTION_QUESTIONS = 10


@transaction.atomic
def retention_drill_for_topics(
    *, topic_ids: list[int], title: str, question_count: int = RETENTION_QUESTIONS
) -> Drill:
    """The random drill of `question_count` questions on `topic_ids` named
    `title`: the existing one (its topics brought up to date) or a new one.
    No pass mark matters here: its score is what the follow-up records."""
    drill = (
        Drill.objects.select_for_update()
        .filter(title=title, selection=QuestionSelection.RANDOM)
        .order_by("pk")
        .first()
    )
    if drill is None:
        drill = Drill.objects.create(
            title=title,
            listed=False,
            selection=QuestionSelection.RANDOM,
            question_count=question_count,
            feedback=FeedbackTiming.AFTER,
            shuffle_questions=True,
        )
    drill.topics.set(topic_ids)
    return drill
