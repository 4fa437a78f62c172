from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from frame import HomePanel, NavItem
from people.selectors import person_for_user

from .models import CourseIndexPage
from .selectors import my_learning


@hooks.register("lianbing_navigation")
def courses_navigation(user):
    catalogue = CourseIndexPage.objects.live().first()
    if catalogue is None:
        return []
    return [NavItem(_("Courses"), catalogue.url, order=9)]


@hooks.register("lianbing_home_panels")
def my_learning_panel(user):
    person = person_for_user(user)
    if person is None:
        return []
    return [
        HomePanel(
            _("My learning"),
            "courses/panels/my_learning.html",
            {"courses": my_learning(person)},
            order=6,
        )
    ]
