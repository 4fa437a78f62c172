from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from frame import HomePanel, NavItem, named_url, page_url

from . import admin_urls
from .admin_viewsets import people_viewset_group
from .roles import Role
from .selectors import (
    managed_units_of,
    organisation_summary,
    person_for_user,
    reader_unit_path,
    sees_everyone,
    team_members,
    user_roles,
)


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return people_viewset_group


@hooks.register("register_admin_urls")
def register_roster_urls():
    return [path("people/roster/", include(admin_urls, namespace="people_roster"))]


class RosterMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("people.import_roster")


@hooks.register("register_admin_menu_item")
def register_roster_menu_item():
    return RosterMenuItem(
        _("Roster import"), reverse("people_roster:upload"), icon_name="upload", order=910
    )


@hooks.register("lianbing_navigation")
def people_navigation(user):
    items = [NavItem(_("Home"), page_url("home"), order=0)]
    if managed_units_of(user):
        items.append(NavItem(_("My team"), named_url("people:team"), order=20))
    if user.has_perm("wagtailadmin.access_admin"):
        items.append(NavItem(_("Admin"), named_url("wagtailadmin_home"), order=90))
    return items


@hooks.register("lianbing_home_panels")
def people_home_panels(user):
    panels = []
    person = person_for_user(user)
    roles = sorted(user_roles(user), key=list(Role).index)
    panels.append(
        HomePanel(
            _("My profile"),
            "people/panels/profile.html",
            {
                "person": person,
                "unit_path": " / ".join(reader_unit_path(user)),
                "roles": [role.label for role in roles],
            },
            order=10,
        )
    )
    managed = managed_units_of(user)
    if managed:
        members = team_members(user)
        panels.append(
            HomePanel(
                _("My team"),
                "people/panels/team.html",
                {"units": managed, "count": members.count()},
                order=20,
            )
        )
    if sees_everyone(user):
        panels.append(
            HomePanel(
                _("Organisation"),
                "people/panels/organisation.html",
                organisation_summary(),
                order=80,
            )
        )
    return panels
