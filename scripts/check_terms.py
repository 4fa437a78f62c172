"""Check Lianbing's Chinese catalogs against the interface glossary (hanzi/terms.toml).

Fails (exit status 1, one line per problem, with the catalog and the message) when

- a zh_Hant translation uses a variant the glossary forbids (登錄 for 登入, 搜索
  for 搜尋 ...), or
- a zh_Hans translation is not the conversion of its zh_Hant one: the Simplified
  catalogs are derived by scripts/po_hans_from_hant.py, never edited by hand.

Usage: python scripts/check_terms.py people quizzes ... site/hostsite
(`make lint` runs it on every app.)
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from po_tools import parse  # noqa: E402

from hanzi.conversion import simplify_message  # noqa: E402
from hanzi.glossary import violations  # noqa: E402


def _catalog(app_dir: Path, language: str) -> Path:
    return app_dir / "locale" / language / "LC_MESSAGES" / "django.po"


def _label(entry) -> str:
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return context + entry.msgid.replace("\n", " ")[:80]


def catalog_problems(app_dir: Path) -> list[str]:
    problems = []
    hant_path = _catalog(app_dir, "zh_Hant")
    hant = {}
    for entry in parse(hant_path.read_text("utf-8"))[1:]:
        hant[(entry.msgctxt, entry.msgid)] = entry
        for text in entry.msgstr.values():
            for violation in violations(text):
                problems.append(f"{hant_path}: “{_label(entry)}”: {violation}")
    hans_path = _catalog(app_dir, "zh_Hans")
    if hans_path.exists():
        for entry in parse(hans_path.read_text("utf-8"))[1:]:
            source = hant.get((entry.msgctxt, entry.msgid))
            if source is None or source.fuzzy or not any(source.msgstr.values()):
                continue
            expected = {index: simplify_message(text) for index, text in source.msgstr.items()}
            if entry.msgstr != expected or entry.fuzzy:
                problems.append(
                    f"{hans_path}: “{_label(entry)}”: {entry.msgstr} is not the conversion "
                    f"of zh_Hant ({expected}); run `make messages`"
                )
    return problems


def main(app_dirs: list[str]) -> int:
    problems = [problem for app_dir in app_dirs for problem in catalog_problems(Path(app_dir))]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
