"""Navigation by role.

Apps add their own entries with the Wagtail hook `lianbing_navigation`: a
function `(user) -> list[NavItem]`. The host site shows whatever the hooks
return, in order, so the frame never needs to know the apps.
"""

from dataclasses import dataclass

from wagtail import hooks


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 100


def navigation_for(user) -> list[NavItem]:
    cached = getattr(user, "_lianbing_nav", None)
    if cached is None:
        items = [item for fn in hooks.get_hooks("lianbing_navigation") for item in fn(user)]
        cached = sorted(items, key=lambda item: item.order)
        user._lianbing_nav = cached
    return cached
