from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from background.selectors import cluster_status_get
from frame import HomePanel
from people.roles import Role
from people.selectors import sees_everyone, user_roles


@hooks.register("lianbing_home_panels")
def authoring_panel(user):
    roles = user_roles(user)
    if not ({Role.TRAINER, Role.RISK_EXPERT} & roles) or not user.has_perm(
        "wagtailadmin.access_admin"
    ):
        return []
    return [
        HomePanel(
            _("Authoring"),
            "home/panels/authoring.html",
            {"risk_expert": Role.RISK_EXPERT in roles},
            order=30,
        )
    ]


@hooks.register("lianbing_home_panels")
def background_panel(user):
    if not sees_everyone(user):
        return []
    return [
        HomePanel(
            _("Background work"),
            "home/panels/background.html",
            {"status": cluster_status_get()},
            order=90,
        )
    ]
