from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from background.selectors import cluster_status_get
from frame import HomePanel, NavItem, named_url
from hostsite.dashboard.scope import may_see_dashboard
from people.roles import Role
from people.selectors import sees_everyone, user_roles


@hooks.register("lianbing_navigation")
def dashboard_navigation(user):
    """The team dashboard, for managers and administrators."""
    if not may_see_dashboard(user):
        return []
    return [NavItem(_("Team dashboard"), named_url("dashboard:home"), order=19)]


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


# Wagtail's help menu links to its guide and release notes on the internet,
# which an intranet does not reach: they give way to Lianbing's own guide.
WAGTAIL_ONLINE_HELP = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("register_help_menu_item")
def guide_menu_item():
    return MenuItem(
        _("Lianbing guide"),
        reverse("guide:index"),
        name="lianbing-guide",
        icon_name="help",
        order=900,
    )


@hooks.register("construct_help_menu")
def drop_online_help(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_ONLINE_HELP)]
