"""Question types and the shape of their content.

A question's content is a QuestionVersion: a Markdown stem, a general
feedback, and a `payload` dict whose shape depends on the type. Versions are
immutable once answered; choices and items are referred to by their index in
the version's lists, so an index means the same thing for ever.

Payload per type ("fraction" is Moodle's weight: 1.0 full credit, 0.5 half,
negative a penalty; "feedback" is optional Markdown shown after answering):

single       {"choices": [{"text", "fraction", "feedback"}, ...]}
             one choice may be picked; its fraction (never below 0) is the score.
multiple     {"choices": [{"text", "fraction", "feedback"}, ...]}
             several may be picked; the score is the sum of their fractions, 0 to 1.
true_false   {"answer": bool, "feedback_true": str, "feedback_false": str}
short        {"answers": [{"text", "fraction", "feedback"}, ...]}
             "*" as the text of an answer matches anything (Moodle's catch-all).
             Matching ignores case, full-width versus half-width forms and
             Traditional versus Simplified characters.
numeric      {"answers": [{"value": float, "tolerance": float,
                           "tolerance_kind": "absolute" | "percent",
                           "fraction", "feedback"}, ...], "unit": str}
ordering     {"items": [str, ...]}             the list in its correct order.
matching     {"pairs": [{"left": str, "right": str}, ...], "distractors": [str, ...]}
recall       {"back": str}                     the stem is the front of the card;
             the learner rates their own recall: again, hard, good, easy.

Responses (what a client sends, by type):

single {"choice": int} · multiple {"choices": [int]} · true_false {"answer": bool}
short {"text": str} · numeric {"value": str | float} · ordering {"order": [int]}
matching {"pairs": {"<left index>": <right index>}} (right indices count the
pairs' right sides first, then the distractors) · recall {"rating": 1..4}
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    SHORT = "short", _("Short answer")
    NUMERIC = "numeric", _("Numeric")
    ORDERING = "ordering", _("Ordering")
    MATCHING = "matching", _("Matching")
    RECALL = "recall", _("Recall card")


CHOICE_TYPES = {QuestionType.SINGLE, QuestionType.MULTIPLE}
