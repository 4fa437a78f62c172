from .case_submissions import (
    CaseSubmission,
    ReviewAction,
    SubmissionAttachment,
    SubmissionReview,
    SubmissionStatus,
)
from .certification import (
    Certificate,
    CertificateTemplate,
    CertificationProgramme,
    ProgrammeEnrolment,
)
from .followup import (
    BehaviourObservation,
    FollowUpKind,
    FollowUpTask,
    LearningMeasure,
    LearningPoint,
    ReactionResponse,
)
from .learning import DecisionChoice, Enrollment, LessonCompletion
from .pages import (
    CaseStudyPage,
    CourseIndexPage,
    CoursePage,
    DecisionPoint,
    LessonPage,
)
from .plans import AssignmentOrigin, PlanAssignee, PlanAssignment, Recurrence
from .refreshers import RefresherDrill
from .results import BusinessFigure, BusinessMeasure, FigureSource
from .risk import RiskCaseReviewPage, RiskFactor, RiskReviewCoursePage
from .workflow import PeerApprovalTask

__all__ = [
    "CaseSubmission",
    "Certificate",
    "CertificateTemplate",
    "CertificationProgramme",
    "ProgrammeEnrolment",
    "ReviewAction",
    "SubmissionAttachment",
    "SubmissionReview",
    "SubmissionStatus",
    "AssignmentOrigin",
    "BehaviourObservation",
    "BusinessFigure",
    "BusinessMeasure",
    "CaseStudyPage",
    "CourseIndexPage",
    "CoursePage",
    "DecisionChoice",
    "DecisionPoint",
    "Enrollment",
    "FigureSource",
    "FollowUpKind",
    "FollowUpTask",
    "LearningMeasure",
    "LearningPoint",
    "LessonCompletion",
    "LessonPage",
    "PeerApprovalTask",
    "PlanAssignee",
    "PlanAssignment",
    "ReactionResponse",
    "Recurrence",
    "RefresherDrill",
    "RiskCaseReviewPage",
    "RiskFactor",
    "RiskReviewCoursePage",
]
