from .guidance import GuidanceAdvice, MentorHonour
from .matching import MatchingRun, Suggestion, SuggestionStatus, UnmatchedReason
from .pairs import (
    Agreement,
    CheckIn,
    CheckInNudge,
    EndFeedback,
    Goal,
    Pair,
    PairEvent,
    PairEventKind,
    PairStatus,
)
from .profiles import MenteeNeed, MentorProfile, MentorStatus

__all__ = [
    "Agreement",
    "CheckIn",
    "CheckInNudge",
    "EndFeedback",
    "Goal",
    "GuidanceAdvice",
    "MatchingRun",
    "MenteeNeed",
    "MentorHonour",
    "MentorProfile",
    "MentorStatus",
    "Pair",
    "PairEvent",
    "PairEventKind",
    "PairStatus",
    "Suggestion",
    "SuggestionStatus",
    "UnmatchedReason",
]
