"""Wagtail and frame hooks of business results (imported by
courses/wagtail_hooks/__init__.py): the measures' admin screen, the entry
page in the navigation, and the figures on the training record."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from frame import NavItem, RecordSection, named_url

from ..admin_results import business_measure_viewset
from ..selectors.results import figure_series_of, last_month, may_enter_figures


@hooks.register("register_admin_viewset")
def register_business_measure_viewset():
    return business_measure_viewset


@hooks.register("lianbing_navigation")
def results_navigation(user):
    if not may_enter_figures(user):
        return []
    return [NavItem(_("Business results"), named_url("courses:results"), order=40)]


@hooks.register("lianbing_training_record_sections")
def figures_record_section(person, viewer):
    """The last 12 months of the person's business figures, one row per measure
    (the host shows the record only to those who may see the person)."""
    months, series = figure_series_of(person, last_month=last_month())
    if not series:
        return []  # no empty section on the records of people without figures
    return [
        RecordSection(
            _("Business results"),
            "courses/record/figures.html",
            {"months": months, "series": series},
            order=55,
        )
    ]
