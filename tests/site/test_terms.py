"""The interface glossary (hanzi/terms.toml) holds in every Chinese catalog.

Traditional Chinese uses one term per concept, in the words of Taiwan and Hong
Kong; Simplified Chinese is the conversion of it, never edited by hand; and the
Wagtail and Django messages Lianbing shows are overridden where their own
translations use another word.
"""

import re
import shutil
import sys
from pathlib import Path

import django
import pytest
import wagtail
from django.utils import translation

from hanzi.glossary import parse_terms, terms, violations

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import check_terms  # noqa: E402
import po_tools  # noqa: E402


def _app_dirs() -> list[str]:
    """The apps `make messages` extracts, as the Makefile lists them."""
    line = re.search(r"^APP_DIRS := (.+)$", (ROOT / "Makefile").read_text(), re.M)
    return line.group(1).split()


def test_the_glossary_is_read():
    by_concept = {term.en: term for term in terms()}
    assert by_concept["sign in, log in"].hant == "登入"
    assert "登錄" in by_concept["sign in, log in"].forbidden
    assert by_concept["search"].forbidden == ("搜索",)


def test_a_malformed_glossary_entry_is_named():
    with pytest.raises(ValueError, match="Glossary term 2 \\(search\\)"):
        parse_terms('[[term]]\nen = "a"\nhant = "甲"\n[[term]]\nen = "search"\nhans = "搜索"\n')


def test_a_forbidden_variant_is_found_and_an_allowed_phrase_is_not():
    glossary = parse_terms(
        '[[term]]\nen = "file"\nhant = "檔案"\nforbidden = ["文件"]\nallowed = ["文件庫"]\n'
    )
    assert [v.variant for v in violations("上傳文件", glossary)] == ["文件"]
    assert violations("文件庫中的檔案", glossary) == []


@pytest.mark.parametrize("app_dir", _app_dirs())
def test_our_catalogs_follow_the_glossary(app_dir):
    assert check_terms.catalog_problems(ROOT / app_dir) == []


def _copy_app_catalogs(tmp_path: Path) -> Path:
    app = tmp_path / "app"
    for language in ("zh_Hant", "zh_Hans"):
        source = ROOT / "site/hostsite/locale" / language / "LC_MESSAGES/django.po"
        target = app / "locale" / language / "LC_MESSAGES/django.po"
        target.parent.mkdir(parents=True)
        shutil.copy(source, target)
    return app


def _edit(path: Path, msgid: str, msgstr: str) -> None:
    entries = po_tools.parse(path.read_text("utf-8"))
    [entry] = [e for e in entries if e.msgid == msgid and e.msgctxt is None]
    entry.msgstr = {0: msgstr}
    path.write_text(po_tools.render(entries), "utf-8")


def test_a_planted_mainland_term_fails_the_check(tmp_path):
    app = _copy_app_catalogs(tmp_path)
    _edit(app / "locale/zh_Hant/LC_MESSAGES/django.po", "Log out", "退出登錄")
    problems = check_terms.catalog_problems(app)
    assert any("“Log out”" in p and "“退出登錄”" in p and "“登出”" in p for p in problems)
    assert check_terms.main([str(app)]) == 1


def test_a_hand_edited_simplified_message_fails_the_check(tmp_path):
    app = _copy_app_catalogs(tmp_path)
    assert check_terms.catalog_problems(app) == []
    _edit(app / "locale/zh_Hans/LC_MESSAGES/django.po", "Log out", "注销")
    [problem] = check_terms.catalog_problems(app)
    assert "zh_Hans" in problem and "“Log out”" in problem and "退出登录" in problem


def _upstream_catalogs():
    for package in (wagtail, django):
        yield from sorted(Path(package.__file__).parent.rglob("zh_Hant/LC_MESSAGES/django.po"))


def _upstream_messages_with_other_words():
    for path in _upstream_catalogs():
        for entry in po_tools.parse(path.read_text("utf-8"))[1:]:
            if any(violations(text) for text in entry.msgstr.values()):
                yield entry


def test_upstream_messages_with_other_words_are_overridden():
    """Wagtail's and Django's own zh_Hant catalogs say 登錄, 搜索, 用戶 ... in places;
    the host site's catalog (first in LOCALE_PATHS) says them in the glossary's words."""
    entries = list(_upstream_messages_with_other_words())
    assert entries, "no upstream message uses another word: this test checks nothing"
    wrong = []
    with translation.override("zh-hant"):
        for entry in entries:
            if entry.msgid_plural is not None:
                shown = translation.ngettext(entry.msgid, entry.msgid_plural, 1)
            elif entry.msgctxt is not None:
                shown = translation.pgettext(entry.msgctxt, entry.msgid)
            else:
                shown = translation.gettext(entry.msgid)
            found = violations(shown)
            if found:
                wrong.append(f"{entry.msgid!r}: {shown} ({found[0]})")
    assert wrong == []


def test_a_mainland_row_fails_the_check(tmp_path):
    app = _copy_app_catalogs(tmp_path)
    _edit(app / "locale/zh_Hant/LC_MESSAGES/django.po", "Log out", "資料行")
    assert any("“資料行”" in p for p in check_terms.catalog_problems(app))
