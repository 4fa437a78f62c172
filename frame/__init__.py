"""The site frame's extension points, shared by the host site and the apps.

Apps add navigation entries with the Wagtail hook `lianbing_navigation`, a
function `(user) -> list[NavItem]`, and home page panels with
`lianbing_home_panels`, a function `(user) -> list[HomePanel]`. The host site
shows whatever the hooks return, in order, so the frame never needs to know
the apps, and no app needs to import the host site.
"""

from dataclasses import dataclass, field

from wagtail import hooks


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 100


@dataclass(frozen=True)
class HomePanel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def navigation_for(user) -> list[NavItem]:
    cached = getattr(user, "_lianbing_nav", None)
    if cached is None:
        items = [item for fn in hooks.get_hooks("lianbing_navigation") for item in fn(user)]
        cached = sorted(items, key=lambda item: item.order)
        user._lianbing_nav = cached
    return cached


def home_panels_for(user) -> list[HomePanel]:
    panels = [panel for fn in hooks.get_hooks("lianbing_home_panels") for panel in fn(user)]
    return sorted(panels, key=lambda panel: panel.order)
