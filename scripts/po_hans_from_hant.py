"""Fill the Simplified Chinese catalogs from the Traditional ones.

For every app, each zh_Hans message without a translation (or marked fuzzy)
gets the zh_Hant translation converted character by character with OpenCC
(t2s). Lianbing's Traditional texts use mainland vocabulary in Traditional
script (培訓計劃, 導入), so a character conversion is the right one; a
translator's own zh_Hans wording is never overwritten.

Usage: python scripts/po_hans_from_hant.py people markup ... site/hostsite
"""

import sys
from pathlib import Path

import opencc
from po_tools import parse, render, set_chinese_plural_header


def simplify_catalog(app_dir: Path, convert, domain: str = "django") -> int:
    hant_path = app_dir / f"locale/zh_Hant/LC_MESSAGES/{domain}.po"
    hans_path = app_dir / f"locale/zh_Hans/LC_MESSAGES/{domain}.po"
    hant = {(e.msgctxt, e.msgid): e for e in parse(hant_path.read_text("utf-8")) if e.msgid}
    hant_entries = parse(hant_path.read_text("utf-8"))
    set_chinese_plural_header(hant_entries)
    hant_path.write_text(render(hant_entries), "utf-8")

    entries = parse(hans_path.read_text("utf-8"))
    set_chinese_plural_header(entries)
    filled = 0
    for entry in entries[1:]:
        source = hant.get((entry.msgctxt, entry.msgid))
        if source is None or source.fuzzy or not any(source.msgstr.values()):
            continue
        if entry.fuzzy or not any(entry.msgstr.values()):
            entry.msgstr = {i: convert(text) for i, text in source.msgstr.items()}
            entry.unfuzz()
            filled += 1
    hans_path.write_text(render(entries), "utf-8")
    return filled


# Mainland Simplified text quotes with “” and ‘’, not the corner brackets of Traditional.
QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


def main(app_dirs: list[str]) -> None:
    to_simplified = opencc.OpenCC("t2s").convert

    def convert(text: str) -> str:
        return to_simplified(text).translate(QUOTES)

    for app_dir in app_dirs:
        count = simplify_catalog(Path(app_dir), convert)
        # A catalog of script messages (djangojs) is derived the same way.
        if (Path(app_dir) / "locale/zh_Hant/LC_MESSAGES/djangojs.po").exists():
            count += simplify_catalog(Path(app_dir), convert, domain="djangojs")
        print(f"{app_dir}: {count} Simplified message(s) filled")


if __name__ == "__main__":
    main(sys.argv[1:])
