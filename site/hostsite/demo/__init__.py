"""The demo's site: the default Wagtail site is named 練兵 and its root page,
which Wagtail creates as "Welcome to your new Wagtail site!", gets a real title.
A name or title someone has already chosen is kept, so loading again changes nothing.

Existing installs get this through `load_demo_data` only, not a data migration: the
root page's title lives in its revisions, and a migration's historical models cannot
save and publish a revision."""

from wagtail.models import Site

SITE_NAME = "練兵"
ROOT_TITLE = "練兵"
# Wagtail's own title for the root page it creates on install.
WAGTAIL_WELCOME = "Welcome to your new Wagtail site!"


def build(*, log=print) -> None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        log("hostsite: no default site: not named.")
        return
    changed = []
    if not site.site_name:
        site.site_name = SITE_NAME
        site.save(update_fields=["site_name"])
        changed.append("site named")
    root = site.root_page.specific
    if root.title == WAGTAIL_WELCOME:
        root.title = root.draft_title = ROOT_TITLE
        root.save_revision().publish()
        changed.append("root page titled")
    log(f"hostsite: {', '.join(changed) or 'site name and root title kept'}.")


def clear(*, log=print) -> None:
    """The site and its root page stay: other installs' content hangs under them."""
