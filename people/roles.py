"""The five roles of Lianbing. Each is a Django group created by a data
migration (people/migrations/0002_roles.py) with the admin permissions it needs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TRAINEE = "trainee", _("Trainee")
    TRAINER = "trainer", _("Trainer")
    RISK_EXPERT = "risk_expert", _("Risk expert")
    MANAGER = "manager", _("Manager")
    ADMINISTRATOR = "administrator", _("Administrator")


# Group names are data: stable, never translated, so lookups do not depend on
# the active language. The interface shows Role labels instead.
GROUP_NAMES = {
    Role.TRAINEE: "Lianbing trainees",
    Role.TRAINER: "Lianbing trainers",
    Role.RISK_EXPERT: "Lianbing risk experts",
    Role.MANAGER: "Lianbing managers",
    Role.ADMINISTRATOR: "Lianbing administrators",
}
ROLE_BY_GROUP_NAME = {name: role for role, name in GROUP_NAMES.items()}

# Words accepted for a role in a roster file, besides the codes themselves.
ROLE_ALIASES = {
    Role.TRAINEE: {"trainee", "學員", "学员"},
    Role.TRAINER: {"trainer", "內訓師", "内训师"},
    Role.RISK_EXPERT: {"risk expert", "risk_expert", "風險專家", "风险专家"},
    Role.MANAGER: {"manager", "管理者", "經理", "经理"},
    Role.ADMINISTRATOR: {"administrator", "admin", "管理員", "管理员"},
}


def role_from_text(text: str) -> Role | None:
    wanted = text.strip().lower()
    for role, aliases in ROLE_ALIASES.items():
        if wanted == role.value or wanted in aliases:
            return role
    return None
