"""The admin dashboard's panel of one's latest imports."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .selectors import latest_runs_for


class LatestImportsPanel(Component):
    name = "latest_imports"
    template_name = "imports/home/latest_imports_panel.html"
    # After Wagtail's "Awaiting your review" (220) and "Your pages in a workflow" (210).
    order = 230

    def __init__(self, runs):
        self.runs = runs

    def get_context_data(self, parent_context=None):
        lists = {}
        for item in self.runs:
            lists.setdefault(item.list_url, item.label)
        return {"runs": self.runs, "lists": lists.items()}


@hooks.register("construct_homepage_panels")
def add_latest_imports_panel(request, panels):
    runs = latest_runs_for(request.user)
    if runs:
        panels.append(LatestImportsPanel(runs))
