"""Derive the Simplified Chinese catalogs from the Traditional ones.

For every app, each zh_Hans message gets its zh_Hant translation converted by
hanzi.conversion.simplify_message: the glossary's rules first (a table's rows are
列 in Taiwan and Hong Kong, 行 on the mainland), then OpenCC's Taiwan-to-mainland phrase tables (tw2sp),
so 檔案 becomes 文件 and 資訊 信息, not character by character; the glossary's
Simplified terms (hanzi/terms.toml) win over the tables; corner quotes become
“”. The zh_Hans catalogs are derived, never edited by hand:
scripts/check_terms.py fails when one differs from the conversion. A message
untranslated (or fuzzy) in zh_Hant is left untranslated in zh_Hans.

Usage: python scripts/po_hans_from_hant.py people markup ... site/hostsite
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from po_tools import parse, render, set_chinese_plural_header  # noqa: E402

from hanzi.conversion import simplify_message  # noqa: E402


def simplify_catalog(app_dir: Path, convert, domain: str = "django") -> int:
    hant_path = app_dir / f"locale/zh_Hant/LC_MESSAGES/{domain}.po"
    hans_path = app_dir / f"locale/zh_Hans/LC_MESSAGES/{domain}.po"
    hant_entries = parse(hant_path.read_text("utf-8"))
    set_chinese_plural_header(hant_entries)
    hant_path.write_text(render(hant_entries), "utf-8")
    hant = {(e.msgctxt, e.msgid): e for e in hant_entries[1:]}

    entries = parse(hans_path.read_text("utf-8"))
    set_chinese_plural_header(entries)
    changed = 0
    for entry in entries[1:]:
        source = hant.get((entry.msgctxt, entry.msgid))
        if source is None or source.fuzzy or not any(source.msgstr.values()):
            continue
        derived = {i: convert(text) for i, text in source.msgstr.items()}
        if entry.msgstr != derived or entry.fuzzy:
            entry.msgstr = derived
            entry.unfuzz()
            changed += 1
    hans_path.write_text(render(entries), "utf-8")
    return changed


def main(app_dirs: list[str]) -> None:
    for app_dir in app_dirs:
        count = simplify_catalog(Path(app_dir), simplify_message)
        # A catalog of script messages (djangojs) is derived the same way.
        if (Path(app_dir) / "locale/zh_Hant/LC_MESSAGES/djangojs.po").exists():
            count += simplify_catalog(Path(app_dir), simplify_message, domain="djangojs")
        print(f"{app_dir}: {count} Simplified message(s) derived")


if __name__ == "__main__":
    main(sys.argv[1:])
