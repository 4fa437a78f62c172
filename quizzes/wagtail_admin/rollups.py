"""The administrators' line on the admin dashboard: when the daily figures
that dashboards and reports read were last computed, and whether the latest
run failed."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from people.selectors import sees_everyone

from ..selectors.rollups import rollup_last_run, rollup_latest_run


class RollupStatusPanel(Component):
    name = "rollup_status"
    template_name = "quizzes/admin/rollup_status_panel.html"
    order = 240  # after the latest imports (230)

    def __init__(self, *, last_done, latest):
        self.last_done, self.latest = last_done, latest

    def get_context_data(self, parent_context=None):
        return {"last_done": self.last_done, "latest": self.latest}


@hooks.register("construct_homepage_panels")
def add_rollup_status_panel(request, panels):
    if sees_everyone(request.user):
        panels.append(RollupStatusPanel(last_done=rollup_last_run(), latest=rollup_latest_run()))
