from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from frame import HomePanel, NavItem, RecordSection, named_url
from people.selectors import managed_units_of, person_for_user

from .conf import quizzes_settings
from .selectors import due_queue
from .selectors.drills import drill_results_of
from .selectors.facts import may_upload_facts
from .selectors.mastery import mastery_by_topic
from .views.dashboard import dashboard_sections_of
from .wagtail_admin import analysis, imports, rollups  # noqa: F401  (they register their own hooks)
from .wagtail_admin.choosers import drill_chooser_viewset
from .wagtail_admin.viewsets import quizzes_viewset_group


@hooks.register("register_admin_viewset")
def register_quizzes_viewsets():
    return quizzes_viewset_group


@hooks.register("register_admin_viewset")
def register_drill_chooser():
    return drill_chooser_viewset


@hooks.register("lianbing_navigation")
def quizzes_navigation(user):
    if person_for_user(user) is None:
        return []
    items = [
        NavItem(_("Drills"), named_url("quizzes:drill_list"), order=10),
        NavItem(_("My territory"), named_url("quizzes_facts:mine"), order=11),
    ]
    if may_upload_facts(user):
        items.append(NavItem(_("Fact sheets"), named_url("quizzes_facts:sheet_list"), order=12))
    if managed_units_of(user):
        items.append(NavItem(_("Morning drill"), named_url("quizzes:morning_home"), order=21))
        items.append(NavItem(_("Team mastery"), named_url("quizzes:team_mastery"), order=22))
    return items


@hooks.register("lianbing_home_panels")
def quizzes_home_panels(user):
    person = person_for_user(user)
    if person is None:
        return []
    due = due_queue(person)
    return [HomePanel(_("Due today"), "quizzes/panels/due.html", {"due": due}, order=5)]


@hooks.register("lianbing_training_record_sections")
def quizzes_record_sections(person, viewer):
    """Drill results and live mastery by topic on a person's training record."""
    return [
        RecordSection(
            _("Drill results"), "quizzes/record/drill_results.html", drill_results_of(person), 20
        ),
        RecordSection(
            _("Mastery by topic"),
            "quizzes/record/mastery.html",
            {
                "rows": mastery_by_topic(person),
                "window_days": quizzes_settings.ACCURACY_WINDOW_DAYS,
            },
            30,
        ),
    ]


@hooks.register("lianbing_dashboard_sections")
def quizzes_dashboard_sections(user, scope):
    """Mastery heatmap, reviews due and trends on the manager dashboard."""
    return dashboard_sections_of(user, scope)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("quizzes/import/", include((imports.urlpatterns, "quizzes_import")))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("quizzes.add_question")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import questions"), reverse("quizzes_import:upload"), icon_name="upload", order=310
    )
