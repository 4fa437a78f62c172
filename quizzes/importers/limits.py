"""What a question file may hold: no control characters (PostgreSQL refuses a
NUL in text, and none of them can be typed into a question), and no value
longer than the column it is saved in (a longer one would be cut, or fail the
whole import after the preview said it was fine)."""

from django.utils.translation import gettext as _

from tabular.decoding import first_control_character, is_control_character

# The columns imported values are saved in, with their lengths.
NAME_LENGTH = 255  # Question.name
CATEGORY_NAME_LENGTH = 100  # Category.name, each part of a category path
TOPIC_LENGTH = 100  # Topic.name (a topic is found by its name or its shorter code)
UNIT_LENGTH = 20  # the numeric unit, as the question form keeps it
# Category.path holds 255 characters, 4 per level; the import's own category
# takes at least one level, so a path in a file has at most 62 below it.
CATEGORY_LEVELS = 62

# One rule for what a control character is, shared with the table reader.
is_control = is_control_character
first_control = first_control_character


def shown(text: str) -> str:
    """`text` with each control character as its visible picture (U+2400 ...)
    or code, so a message can quote it and still be stored and shown."""
    if first_control(text) is None:
        return text
    return "".join(_picture(char) if is_control(char) else char for char in text)


def _picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"U+{code:04X}"


def control_message(char: str) -> str:
    return _(
        "This contains the control character %(code)s, which cannot be part of a question; "
        "remove it."
    ) % {"code": f"U+{ord(char):04X}"}


def too_long_message(length: int, limit: int) -> str:
    return _("This is %(length)d characters long; at most %(limit)d fit here. Shorten it.") % {
        "length": length,
        "limit": limit,
    }


def too_deep_message(levels: int, limit: int) -> str:
    return _(
        "This category path has %(levels)d levels; at most %(limit)d fit below the category "
        "imported into."
    ) % {"levels": levels, "limit": limit}
