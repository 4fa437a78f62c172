from .learning import DecisionChoice, Enrollment, LessonCompletion
from .pages import (
    CaseStudyPage,
    CourseIndexPage,
    CoursePage,
    DecisionPoint,
    LessonPage,
)
from .risk import RiskCaseReviewPage, RiskFactor, RiskReviewCoursePage

__all__ = [
    "CaseStudyPage",
    "CourseIndexPage",
    "CoursePage",
    "DecisionChoice",
    "DecisionPoint",
    "Enrollment",
    "LessonCompletion",
    "LessonPage",
    "RiskCaseReviewPage",
    "RiskFactor",
    "RiskReviewCoursePage",
]
