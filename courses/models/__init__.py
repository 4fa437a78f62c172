from .learning import DecisionChoice, Enrollment, LessonCompletion
from .pages import (
    CaseStudyPage,
    CourseIndexPage,
    CoursePage,
    DecisionPoint,
    LessonPage,
)

__all__ = [
    "CaseStudyPage",
    "CourseIndexPage",
    "CoursePage",
    "DecisionChoice",
    "DecisionPoint",
    "Enrollment",
    "LessonCompletion",
    "LessonPage",
]
