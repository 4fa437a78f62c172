"""The site frame's extension points, shared by the host site and the apps.

Apps add navigation entries with the Wagtail hook `lianbing_navigation`, a
function `(user) -> list[NavItem]`, and home page panels with
`lianbing_home_panels`, a function `(user) -> list[HomePanel]`. The host site
shows whatever the hooks return, in order, so the frame never needs to know
the apps, and no app needs to import the host site.

A person's training record (one page per person, `people:record`) is built the
same way: each app adds its sections with the Wagtail hook
`lianbing_training_record_sections`, a function `(person, viewer) ->
list[RecordSection]`. `person` is the people.Person whose record it is,
`viewer` the signed-in user reading it; the people app has already checked
that the viewer may see the person (themself, a manager whose units contain
them, an administrator), so a section only leaves out what the *viewer* may
not read (a confidential course, say). A section's template gets `section`
(with `section.context`) and `person`; it renders its own `<h2>`-less body, the
frame adds the heading from `section.title`. Each section must cost a fixed
number of queries whatever the number of rows. For example::

    @hooks.register("lianbing_training_record_sections")
    def certificates_section(person, viewer):
        return [RecordSection(_("Certificates"), "certs/record.html",
                              {"certificates": certificates_of(person)}, order=40)]

Orders in use: 10 courses, 20 drill results, 30 mastery by topic; training
plans, certificates and mentoring take 40 and up.
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


@dataclass(frozen=True)
class RecordSection:
    """One section of a person's training record (see the module docstring)."""

    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def training_record_sections(person, viewer) -> list[RecordSection]:
    """Every app's sections of `person`'s record as `viewer` reads it, in order.
    Call it only once the viewer is known to be allowed to see the person."""
    sections = [
        section
        for fn in hooks.get_hooks("lianbing_training_record_sections")
        for section in fn(person, viewer)
    ]
    return sorted(sections, key=lambda section: section.order)
