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

The manager dashboard (the host's /dashboard/) is built the same way: each app
adds its sections with the Wagtail hook `lianbing_dashboard_sections`, a
function `(user, scope) -> list[DashboardSection]`; the host has already
checked that the user may see every person of `scope` (a `DashboardScope`).
A section gives its page context and its tables for CSV and XLSX export as
functions, called only when needed; see frame.dashboard for the details.

The page around an app's screen, and the host's pages apps link to
-------------------------------------------------------------------

An app never names the host's templates or URLs, so it can be installed into
another Wagtail site (add "frame" to INSTALLED_APPS beside the apps):

- Its pages extend ``frame/page.html``, never the host's ``base.html``::

      {% extends "frame/page.html" %}

  The frame's ``page.html`` extends ``base.html`` and nothing else, so the
  blocks ``title``, ``extra_head``, ``body_class``, ``content`` and
  ``extra_js`` are the ones the site's base template must offer. A site whose
  base template has another name overrides ``frame/page.html`` in its own
  templates directory (searched before the apps') with a one-line
  ``{% extends "its_base.html" %}``.
- It links to the host's own pages (the home page, the site search, sign-in)
  through ``page_url(name)`` in Python and ``{% frame_url name %}`` in
  templates (``{% load frame %}``; ``{% frame_url "login" as login_url %}``
  stores it). The names are those of ``HOST_PAGES``; the setting
  ``LIANBING_FRAME_PAGES`` maps any of them to the site's URL name or path,
  for example ``{"home": "dashboard"}``. By default they are the URL names
  ``home`` and ``search``, and Django's ``LOGIN_URL``.
"""

import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import get_script_prefix, get_urlconf, reverse
from wagtail import hooks

from .dashboard import DashboardScope, DashboardSection, DashboardTable, dashboard_sections

__all__ = [
    "HOST_PAGES",
    "DashboardScope",
    "DashboardSection",
    "DashboardTable",
    "HomePanel",
    "NavItem",
    "RecordSection",
    "dashboard_sections",
    "home_panels_for",
    "named_url",
    "navigation_for",
    "page_url",
    "training_record_sections",
]

# The host's pages an app may link to, with the URL name (or path) each has
# unless settings.LIANBING_FRAME_PAGES says otherwise; None: settings.LOGIN_URL.
HOST_PAGES = {"home": "home", "search": "search", "login": None}


def page_url(name: str) -> str:
    """The URL of the host's page `name` (a key of HOST_PAGES): see the docstring."""
    if name not in HOST_PAGES:
        raise ValueError(f"frame: no host page {name!r}; known: {', '.join(HOST_PAGES)}")
    target = getattr(settings, "LIANBING_FRAME_PAGES", {}).get(name, HOST_PAGES[name])
    return _resolved(target if target is not None else settings.LOGIN_URL, *_url_setting())


def named_url(view_name: str) -> str:
    """reverse(view_name) of a view that takes no arguments, worked out once per
    process for each URL configuration and script prefix. The navigation's
    links are the same on every request, and every signed-in page asks for
    about ten of them: reversing each afresh was a tenth of an empty page."""
    return _reversed(view_name, *_url_setting())


def _url_setting() -> tuple:
    """What a reversed URL depends on besides its name."""
    return get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()


@functools.lru_cache(maxsize=256)
def _reversed(view_name: str, urlconf, prefix: str) -> str:
    return reverse(view_name, urlconf=urlconf)


@functools.lru_cache(maxsize=64)
def _resolved(target: str, urlconf, prefix: str) -> str:
    return resolve_url(target)


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
