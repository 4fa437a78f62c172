"""The home page is a list of panels, one set per role.

Apps add panels with the Wagtail hook `lianbing_home_panels`: a function
`(user) -> list[HomePanel]`. Each panel names a template and its context.
"""

from dataclasses import dataclass, field

from wagtail import hooks


@dataclass(frozen=True)
class HomePanel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def home_panels_for(user) -> list[HomePanel]:
    panels = [panel for fn in hooks.get_hooks("lianbing_home_panels") for panel in fn(user)]
    return sorted(panels, key=lambda panel: panel.order)
