"""Confidentiality levels of risk case reviews, and which roles may read each.

The rule alone, beside conf at the bottom of the app: the review page checks it
when it is served, and courses.confidentiality turns it into the Wagtail view
restrictions that every listing, search and export honours.
"""

from people.roles import Role
from people.selectors import user_roles

LEVEL_ROLES = {
    "internal": {Role.TRAINEE, Role.TRAINER, Role.RISK_EXPERT, Role.MANAGER, Role.ADMINISTRATOR},
    "confidential": {Role.TRAINEE, Role.TRAINER, Role.RISK_EXPERT, Role.MANAGER},
    "restricted": {Role.RISK_EXPERT, Role.MANAGER},
}
# A risk review course is as open as its most open review may be.
COURSE_LEVEL = "confidential"


def roles_for_level(level: str) -> set[Role]:
    return LEVEL_ROLES.get(level, LEVEL_ROLES["restricted"])


def user_may_read_review(user, page) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return bool(user_roles(user) & roles_for_level(page.confidentiality))
