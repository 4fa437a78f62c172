"""Lianbing's one Markdown renderer: Python-Markdown, then the nh3 allow-list.

Everything user-written that is shown as Markdown goes through render_markdown;
nothing else may mark such text safe.
"""

import functools
import threading
import zlib

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from markdown import Markdown
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.tables import TableExtension

from hanzi.conversion import reader_wants_simplified, to_simplified

from .conf import allowed_hosts, site_hosts
from .sanitising import sanitise_html

# Python-Markdown costs about a millisecond per kilobyte, and the same course
# text is shown again and again, so short texts keep their rendering. Longer
# ones are rare and would make the cache's memory unpredictable.
CACHED_TEXT_MAX_LENGTH = 10_000
CACHE_SIZE = 256
# A drill's question is six or so short texts (stem, choices, feedback), shown
# at each start and again with the results: a branch's drills together hold
# thousands, which a cache of long texts' size would keep turning over.
SHORT_TEXT_MAX_LENGTH = 400
SHORT_CACHE_SIZE = 8192


class _Renderer:
    """One configured Markdown instance; they keep state between conversions."""

    def __init__(self) -> None:
        self.footnotes = FootnoteExtension(UNIQUE_IDS=True)
        self.markdown = Markdown(
            extensions=[
                # align="..." rather than style="text-align: ...": styles are not allowed.
                TableExtension(use_align_attribute=True),
                "fenced_code",
                self.footnotes,
                "sane_lists",
                # Chinese authors write one sentence per line without trailing
                # spaces: a single newline is a line break.
                "nl2br",
            ],
            output_format="html",
        )

    def convert(self, text: str) -> str:
        self.markdown.reset()
        # Footnote ids carry a prefix so that two documents on one page do not
        # share "fn:1". Taken from the text rather than a counter, the same
        # text always renders the same way, whichever thread renders it.
        self.footnotes.unique_prefix = zlib.crc32(text.encode()) % 1_000_000
        # Translated per call: one thread serves users of every language.
        self.footnotes.setConfig("BACKLINK_TITLE", gettext("Jump back to footnote {} in the text"))
        return self.markdown.convert(text)


# Markdown instances are not thread-safe, and building one costs more than
# converting a short text: each thread keeps its own and resets it per use.
_local = threading.local()


def _renderer() -> _Renderer:
    renderer = getattr(_local, "renderer", None)
    if renderer is None:
        renderer = _local.renderer = _Renderer()
    return renderer


def _render(text: str) -> str:
    return sanitise_html(_renderer().convert(text))


# The language (footnote titles), MEDIA_URL and the allowed hosts (which images
# and links are kept) change the output, so they are part of the key.
def _render_keyed(
    text: str, language: str | None, media_url: str, hosts: tuple[tuple[str, ...], ...]
) -> str:
    return _render(text)


_render_cached = functools.lru_cache(maxsize=CACHE_SIZE)(_render_keyed)
_render_short_cached = functools.lru_cache(maxsize=SHORT_CACHE_SIZE)(_render_keyed)


def rendering_inputs() -> tuple:
    """What decides the HTML of a text besides the text: the active language
    (footnote titles; the reader's script), MEDIA_URL and the allowed hosts.
    Whatever keeps something made of rendered texts keys it on these."""
    return get_language(), settings.MEDIA_URL, (allowed_hosts(), site_hosts())


def _html(text: str, inputs: tuple, simplified: bool) -> str:
    if simplified:
        text = to_simplified(text)
    if len(text) > CACHED_TEXT_MAX_LENGTH:
        return _render(text)
    cached = _render_short_cached if len(text) <= SHORT_TEXT_MAX_LENGTH else _render_cached
    return cached(text, *inputs)


def render_markdown(text: str | None, *, reader_script: bool = True) -> SafeString:
    """Render user-written Markdown to sanitised HTML, safe to put in a template.

    Text written in Traditional Chinese is shown in Simplified to a reader whose
    language is Simplified Chinese (hanzi.conversion, cached per text), unless
    reader_script is False: the editor's preview shows authors what they wrote.
    """
    if not text:
        return mark_safe("")
    simplified = reader_script and reader_wants_simplified()
    return mark_safe(_html(str(text), rendering_inputs(), simplified))  # sanitised by _render


class MarkdownRenderer:
    """render_markdown for many texts shown together (a drill's questions and
    choices): what decides their HTML (`inputs`, rendering_inputs()) is looked
    up once, not per text, which cost more than finding a short text's HTML in
    the cache. Whatever keeps HTML made of the same texts may key it on
    `inputs`."""

    __slots__ = ("inputs", "simplified")

    def __init__(self, *, reader_script: bool = True):
        self.inputs = rendering_inputs()
        self.simplified = reader_script and reader_wants_simplified()

    def __call__(self, text: str | None) -> SafeString:
        if not text:
            return mark_safe("")
        return mark_safe(_html(str(text), self.inputs, self.simplified))  # sanitised by _render


def markdown_renderer(*, reader_script: bool = True) -> MarkdownRenderer:
    return MarkdownRenderer(reader_script=reader_script)
