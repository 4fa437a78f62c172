"""The bench's drills of a fixed list of questions, made or brought back to
the same state on every run of bench_setup."""

from quizzes.models import Drill, DrillQuestion, QuestionSelection


def fixed_drill_ensure(title: str, questions: list, **fields) -> Drill:
    """The drill titled `title` asking `questions` in order, with `fields` set."""
    drill = Drill.objects.filter(title=title).first() or Drill(title=title)
    drill.selection = QuestionSelection.FIXED
    drill.question_count = len(questions)
    for name, value in fields.items():
        setattr(drill, name, value)
    drill.save()
    drill.drill_questions.all().delete()
    DrillQuestion.objects.bulk_create(
        DrillQuestion(drill=drill, question=question, position=position)
        for position, question in enumerate(questions)
    )
    return drill
