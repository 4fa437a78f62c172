"""Item analysis for trainers: how hard a question is, whether it tells strong
people from weak ones, which answers people give, and its versions.

The statistics are Moodle's (classical test theory), over closed attempts
(finished, or closed at the deadline with the answers saved):

facility index   the mean score (0 to 1) of the answered items.
discrimination   the Pearson correlation between an item's score and the rest
                 of its attempt (the mean score of the attempt's other items):
                 the corrected item-total correlation, -1 to 1. Unanswered
                 items count 0, as they do in the attempt's grade. The mean
                 rather than the sum of the rest gives the same correlation
                 within one drill and keeps attempts of different lengths
                 (random and due-first drills) comparable.
                 With fewer than MIN_CORRELATION_ATTEMPTS attempts, Kelley's
                 upper and lower 27% groups (ranked by the rest score) stand
                 in: the upper group's mean item score minus the lower's.

Territory questions (owned by a person or a team) are one person's record,
not a bank item, so the overviews leave them out.
"""

from .answers import OptionCount, OptionTable
from .indices import FLAG_MIN_ANSWERS, DiscriminationMethod, discrimination_index
from .reports import (
    CLOSED,
    FLAG_WINDOW_DAYS,
    QuestionAnalysis,
    VersionHistory,
    drill_analysis,
    flagged_questions,
    question_analysis,
)

__all__ = [
    "CLOSED",
    "FLAG_MIN_ANSWERS",
    "FLAG_WINDOW_DAYS",
    "DiscriminationMethod",
    "OptionCount",
    "OptionTable",
    "QuestionAnalysis",
    "VersionHistory",
    "discrimination_index",
    "drill_analysis",
    "flagged_questions",
    "question_analysis",
]
