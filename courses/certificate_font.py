"""The font that certificates are printed in: a TrueType font with Chinese
glyphs, on the server, so that the PDF and the print page show Chinese on a
machine that has no CJK font of its own.

The path is the setting COURSES_CERTIFICATE_FONT (Debian's fonts-wqy-microhei
by default, which `make install` puts there). The PDF embeds a subset of it
(courses.certificate_pdf); the print page is served a subset with just the
glyphs that its certificate uses (`font_subset`), so nothing is fetched from
outside the site.
"""

import hashlib
import io
from pathlib import Path

from django.core import checks
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from fontTools import subset
from fontTools.ttLib import TTFont

from .conf import courses_settings

# A subset is the same for the same glyphs: kept for a day, by its characters' digest.
SUBSET_CACHE_SECONDS = 24 * 3600


def certificate_font_path() -> Path:
    """The font file, or ImproperlyConfigured saying how to get it."""
    path = Path(courses_settings.CERTIFICATE_FONT)
    if not path.is_file():
        raise ImproperlyConfigured(_missing_message(path))
    return path


def font_available() -> bool:
    return Path(courses_settings.CERTIFICATE_FONT).is_file()


def _missing_message(path: Path) -> str:
    return (
        f"The certificates' font is missing: {path} (COURSES_CERTIFICATE_FONT) is not a file. "
        "Run `make install` as root (it installs Debian's fonts-wqy-microhei), or set "
        "COURSES_CERTIFICATE_FONT to a TrueType font (.ttf or .ttc) with Chinese glyphs."
    )


def open_font(path: Path) -> TTFont:
    # A collection (.ttc) holds several faces; the first is the regular one.
    number = 0 if path.suffix.lower() == ".ttc" else -1
    return TTFont(path, fontNumber=number, lazy=True)


def text_digest(text: str) -> str:
    """A short digest of the characters `text` uses (order and repeats aside):
    the print page names its font by it, so the browser keeps one per content."""
    return hashlib.sha256("".join(sorted(set(text))).encode()).hexdigest()[:16]


def font_subset(text: str) -> bytes:
    """A TrueType font with only the glyphs of `text` (kept in the cache)."""
    path = certificate_font_path()
    key = f"courses:certificate-font:{path}:{text_digest(text)}"
    data = cache.get(key)
    if data is None:
        options = subset.Options()
        options.layout_features = []  # no shaping needed for Chinese and Latin text
        options.hinting = False
        options.notdef_outline = True
        subsetter = subset.Subsetter(options=options)
        subsetter.populate(text="".join(sorted(set(text))))
        font = open_font(path)
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        data = out.getvalue()
        cache.set(key, data, SUBSET_CACHE_SECONDS)
    return data


@checks.register(checks.Tags.compatibility)
def check_certificate_font(app_configs, **kwargs):
    """Without the font, certificates cannot be printed: say so at start."""
    path = Path(courses_settings.CERTIFICATE_FONT)
    if path.is_file():
        return []
    return [
        checks.Warning(
            _missing_message(path),
            hint="apt-get install fonts-wqy-microhei (Debian), or set COURSES_CERTIFICATE_FONT.",
            id="courses.W010",
        )
    ]
