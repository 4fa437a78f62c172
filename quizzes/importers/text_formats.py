"""Imported text to the Markdown that stems, choices and feedback are stored in.

Moodle texts come in four formats. Markdown is kept as it is. Plain text is
escaped so that every character shows as typed (`<` and `&` included). Moodle's
own format and HTML allow HTML tags but show everything else literally, so
their tags and entities are kept (the renderer sanitises; nothing is decoded)
while the characters Markdown would take as syntax are escaped.
"""

import html
import re

MARKDOWN, PLAIN, HTML, MOODLE = "markdown", "plain", "html", "moodle"
FORMATS = (MARKDOWN, PLAIN, HTML, MOODLE)

# Characters that start inline Markdown anywhere in a line.
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]])")
# Lines Markdown would read as a heading, quote, list item or ordered list item.
_BLOCK_START = re.compile(
    r"^([ \t]*)(?:([#>]|[-+*](?=[ \t]|$))|(\d+)(?=\.(?:[ \t]|$)))", re.MULTILINE
)
# Lines of only - or =: a rule, an empty list item, or under a line a heading underline.
_UNDERLINE = re.compile(r"^([ \t]*)([-=])([-= \t]*)$")
_TAG = re.compile(r"<!--.*?-->|<[A-Za-z/!][^>]*>", re.DOTALL)
# Python-Markdown copies an HTML block that starts a paragraph without
# processing it, so escapes there would show; such paragraphs stay verbatim.
_HTML_BLOCK = re.compile(
    r"^\s*<(?:p|div|table|ul|ol|dl|h[1-6]|pre|blockquote|section|article|figure|hr|form|center)\b",
    re.IGNORECASE,
)
_MAY_NEED_ESCAPES = re.compile(r"[\\`*_\[\]#>+=\d-]")
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n)")


def _escape_line_starts(text: str) -> str:
    text = _BLOCK_START.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\"), text
    )
    lines = text.split("\n")
    for index, line in enumerate(lines):
        match = _UNDERLINE.match(line)
        if not match:
            continue
        indent, first, rest = match.groups()
        if first == "-":
            lines[index] = f"{indent}\\-{rest}"
        elif index and lines[index - 1].strip():
            # "=" has no backslash escape in Markdown; its character reference works.
            lines[index] = f"{indent}&#61;{rest}"
    return "\n".join(lines)


def escape_plain(text: str) -> str:
    """Markdown that shows `text` exactly as typed."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _escape_line_starts(_INLINE_SYNTAX.sub(r"\\\1", text))


def _escape_html_paragraph(paragraph: str) -> str:
    if _HTML_BLOCK.match(paragraph):
        return paragraph
    pieces = []
    position = 0
    for tag in _TAG.finditer(paragraph):
        pieces.append(_INLINE_SYNTAX.sub(r"\\\1", paragraph[position : tag.start()]))
        pieces.append(tag.group(0))
        position = tag.end()
    pieces.append(_INLINE_SYNTAX.sub(r"\\\1", paragraph[position:]))
    return _escape_line_starts("".join(pieces))


def escape_html(text: str) -> str:
    """Markdown that renders HTML text the way a browser shows it: tags and
    entities stay, the rest shows literally."""
    if not _MAY_NEED_ESCAPES.search(text):
        return text
    parts = _PARAGRAPH_BREAK.split(text)
    return "".join(
        part if index % 2 else _escape_html_paragraph(part) for index, part in enumerate(parts)
    )


def to_markdown(text: str, text_format: str) -> str:
    if text_format == MARKDOWN:
        return text
    if text_format == PLAIN:
        return escape_plain(text)
    return escape_html(text)


_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")


# Tags inside a run of words; other tags (paragraphs, breaks) separate words.
_INLINE_TAG = re.compile(
    r"</?(?:a|b|i|u|s|em|strong|span|code|sub|sup|small|big|font|del|ins|mark)\b", re.IGNORECASE
)
_STRONG = re.compile(r"(\*\*|__)([^\s*_](?:.*?[^\s*_])?)\1")
_EMPHASIS = re.compile(r"(?<![\w\\])\*(\S[^*]*?)\*")


def plain_text(markdown: str) -> str:
    """The words of a Markdown text on one line, without tags, emphasis or escapes."""
    text = _TAG.sub(lambda m: "" if _INLINE_TAG.match(m.group(0)) else " ", markdown)
    text = re.sub(r"(?<!\\)`", "", _EMPHASIS.sub(r"\1", _STRONG.sub(r"\2", text)))
    text = html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", text))
    return " ".join(text.split())


NAME_LENGTH = 60


def default_name(stem: str) -> str:
    return plain_text(stem)[:NAME_LENGTH].strip()
