from .attempts import Attempt, AttemptItem, AttemptMode, AttemptStatus
from .drills import Drill, DrillQuestion, FeedbackTiming, QuestionSelection
from .facts import Fact, FactSheet, FactTemplate
from .memory import MasterySnapshot, MemoryState
from .morning import MorningSession, MorningTurn
from .questions import Question, QuestionVersion
from .rollups import PersonTopicDay, RollupRun, UnitTopicDay
from .taxonomy import Category, Topic

__all__ = [
    "Attempt",
    "AttemptItem",
    "AttemptMode",
    "AttemptStatus",
    "Category",
    "Drill",
    "DrillQuestion",
    "Fact",
    "FactSheet",
    "FactTemplate",
    "FeedbackTiming",
    "MasterySnapshot",
    "MemoryState",
    "MorningSession",
    "MorningTurn",
    "PersonTopicDay",
    "Question",
    "QuestionSelection",
    "QuestionVersion",
    "RollupRun",
    "Topic",
    "UnitTopicDay",
]
