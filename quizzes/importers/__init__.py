"""Question files in: GIFT and Aiken (Moodle's text formats) and CSV or XLSX
sheets; and GIFT out. Pure functions over bytes and text, without the
database, so the import service can parse, preview and refuse before saving
anything.

    parse_question_file(file_name, data, format=None) -> list[ParsedQuestion]

raises ImportRefused with every problem found (a file imports whole or not at all).
"""

from pathlib import PurePath

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from tabular.decoding import UndecodableFile, decode_text

from ..conf import quizzes_settings
from .aiken import parse_aiken, read_aiken
from .gift import parse_gift, read_gift
from .gift_export import export_gift
from .parsed import ImportProblem, ImportRefused, ParsedQuestion, ParseResult
from .spreadsheet import parse_spreadsheet, read_spreadsheet, template_csv

__all__ = [
    "FORMATS",
    "ImportProblem",
    "ImportRefused",
    "ParseResult",
    "ParsedQuestion",
    "detect_format",
    "export_gift",
    "parse_aiken",
    "parse_gift",
    "parse_question_file",
    "parse_spreadsheet",
    "read_question_file",
    "template_csv",
]

GIFT, AIKEN, SPREADSHEET = "gift", "aiken", "spreadsheet"
FORMATS = (GIFT, AIKEN, SPREADSHEET)
_EXTENSIONS = {".gift": GIFT, ".aiken": AIKEN, ".csv": SPREADSHEET, ".xlsx": SPREADSHEET}


def looks_like_aiken(text: str) -> bool:
    """Aiken has ANSWER: lines; GIFT always has an answer block in braces."""
    lines = [line.strip() for line in text.split("\n")]
    has_answer = any(line.startswith(("ANSWER:", "ANSWER：")) for line in lines)
    return has_answer and "{" not in text.replace("\\{", "")


def detect_format(file_name: str, text: str | None = None) -> str | None:
    """The format a file name says, reading a .txt file's text to tell GIFT from Aiken."""
    extension = PurePath(file_name).suffix.lower()
    if extension == ".txt" and text is not None:
        return AIKEN if looks_like_aiken(text) else GIFT
    return _EXTENSIONS.get(extension)


def read_question_file(
    file_name: str, data: bytes, *, format: str | None = None, max_bytes: int | None = None
) -> ParseResult:
    """Every question and every problem in an uploaded file, for a preview."""
    result = _read(file_name, data, format=format, max_bytes=max_bytes)
    if not result.questions and not result.problems:
        result.problems.append(ImportProblem(None, None, _("The file contains no questions.")))
    return result


def _problem(message: str) -> ParseResult:
    return ParseResult(problems=[ImportProblem(None, None, message)])


def _read(file_name: str, data: bytes, *, format: str | None, max_bytes: int | None) -> ParseResult:
    if format is not None and format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {format!r}")
    limit = quizzes_settings.IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        return _problem(
            _(
                "The file is %(size)s; files up to %(limit)s can be imported. Split it into smaller files."
            )
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(limit)}
        )
    if not data.strip():
        return _problem(_("The file is empty."))
    extension = PurePath(file_name).suffix.lower()
    if format == SPREADSHEET or (format is None and _EXTENSIONS.get(extension) == SPREADSHEET):
        if extension not in (".csv", ".xlsx", ".tsv", ".txt"):
            # The sheet reader goes by the extension; an XLSX workbook is a zip archive.
            file_name += ".xlsx" if data.startswith(b"PK\x03\x04") else ".csv"
        return read_spreadsheet(file_name, data)
    if format is None and extension == ".xls":
        return _problem(_("Save the sheet as .xlsx (Excel 97–2003 .xls files cannot be read)."))
    if format is None and extension not in (".gift", ".aiken", ".txt"):
        return _problem(_("Upload a .gift, .txt (GIFT or Aiken), .aiken, .csv or .xlsx file."))
    try:
        text, _encoding = decode_text(data)
    except UndecodableFile as error:
        return _problem(
            _("The file is not text in UTF-8, GB18030 or Big5 (tried %(tried)s).")
            % {"tried": error}
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chosen = format or detect_format(file_name, text)
    return read_aiken(text) if chosen == AIKEN else read_gift(text)


def parse_question_file(
    file_name: str, data: bytes, *, format: str | None = None, max_bytes: int | None = None
) -> list[ParsedQuestion]:
    """The questions of an uploaded file, by its extension or `format`
    ("gift", "aiken" or "spreadsheet"); ImportRefused with every problem if any."""
    return read_question_file(
        file_name, data, format=format, max_bytes=max_bytes
    ).questions_or_refuse()
