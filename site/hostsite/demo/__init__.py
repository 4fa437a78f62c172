"""The demo's site: the default Wagtail site is named 練兵 and its root page,
which Wagtail creates as "Welcome to your new Wagtail site!", gets a real title
(both in site.yaml beside this module).
A name or title someone has already chosen is kept, so loading again changes nothing.

Existing installs get this through `load_demo_data` only, not a data migration: the
root page's title lives in its revisions, and a migration's historical models cannot
save and publish a revision."""

from pathlib import Path

from wagtail.models import Site

from demofiles import yaml_read

DATA = Path(__file__).with_name("site.yaml")
# Wagtail's own title for the root page it creates on install.
WAGTAIL_WELCOME = "Welcome to your new Wagtail site!"


def data() -> dict:
    return yaml_read(DATA).take(["site_name", "root_title"])


def build(*, log=print) -> None:
    names = data()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        log("hostsite: no default site: not named.")
        return
    changed = []
    if not site.site_name:
        site.site_name = names["site_name"]
        site.save(update_fields=["site_name"])
        changed.append("site named")
    root = site.root_page.specific
    if root.title == WAGTAIL_WELCOME:
        root.title = root.draft_title = names["root_title"]
        root.save_revision().publish()
        changed.append("root page titled")
    log(f"hostsite: {', '.join(changed) or 'site name and root title kept'}.")


def clear(*, log=print) -> None:
    """The site and its root page stay: other installs' content hangs under them."""
