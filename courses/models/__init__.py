from .followup import BehaviourObservation
from .learning import DecisionChoice, Enrollment, LessonCompletion
from .pages import (
    CaseStudyPage,
    CourseIndexPage,
    CoursePage,
    DecisionPoint,
    LessonPage,
)
from .risk import RiskCaseReviewPage, RiskFactor, RiskReviewCoursePage
from .workflow import PeerApprovalTask

__all__ = [
    "BehaviourObservation",
    "CaseStudyPage",
    "CourseIndexPage",
    "CoursePage",
    "DecisionChoice",
    "DecisionPoint",
    "Enrollment",
    "LessonCompletion",
    "LessonPage",
    "PeerApprovalTask",
    "RiskCaseReviewPage",
    "RiskFactor",
    "RiskReviewCoursePage",
]
