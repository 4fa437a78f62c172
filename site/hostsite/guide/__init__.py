"""Lianbing's guide for trainers, risk experts, managers and administrators:
short pages written in Markdown and kept beside this module (pages/*.md),
served by the site itself to signed-in people. The admin's help links point
here, since an intranet reaches no outside help site (hostsite.home.wagtail_hooks).

A page's file is named NN-slug.md: NN orders the index, the first line is
"# Title", the first paragraph after it is the summary shown in the index."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent / "pages"


@dataclass(frozen=True)
class GuidePage:
    slug: str
    title: str
    summary: str
    text: str  # Markdown, without the title line


def _read(path: Path) -> GuidePage:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("# "):
        raise ValueError(f"{path.name}: a guide page starts with '# Title'.")
    body = "\n".join(lines[1:]).strip()
    summary = body.split("\n\n", 1)[0].strip()
    return GuidePage(
        slug=path.stem.split("-", 1)[1],
        title=lines[0][2:].strip(),
        summary=summary,
        text=body,
    )


@cache
def guide_pages() -> tuple[GuidePage, ...]:
    """Every page, in the order of their file names (read once per process)."""
    return tuple(_read(path) for path in sorted(PAGES_DIR.glob("[0-9]*-*.md")))


def guide_page_get(slug: str) -> GuidePage | None:
    return next((page for page in guide_pages() if page.slug == slug), None)
