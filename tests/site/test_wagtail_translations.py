"""Wagtail's admin messages that its own zh_Hant catalog leaves in English get
Chinese from site/wagtail_overrides, and only those."""

import gettext
import json
import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.urls import reverse
from wagtail.models import Site

from courses.models import CourseIndexPage, CoursePage
from people.roles import Role
from tests.factories import PersonFactory

OVERRIDES = Path(settings.SITE_DIR) / "wagtail_overrides" / "locale"
WAGTAIL_DIR = Path(wagtail.__file__).parent
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
PLURALS: dict[tuple[str | None, str], str | None] = {}


def po_entries(path: Path) -> dict[tuple[str | None, str], list[str]]:
    """(msgctxt, msgid) -> msgstrs of a .po file, header left out."""
    entries, current, field = {}, None, None

    def flush():
        if current and current.get("msgid"):
            key = (current.get("msgctxt"), current["msgid"])
            entries[key] = current["msgstr"]
            PLURALS[key] = current.get("msgid_plural")

    for line in path.read_text("utf-8").splitlines() + [""]:
        keyword = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) ", line)
        if keyword:
            key = keyword.group(1)
            if (
                key in ("msgctxt", "msgid")
                and current
                and "msgstr" in current
                and current["msgstr"]
            ):
                flush()
                current = None
            if current is None:
                current = {"msgstr": []}
            value = json.loads(f'"{_STRING.search(line).group(1)}"')
            if key.startswith("msgstr"):
                current["msgstr"].append(value)
                field = ("msgstr", len(current["msgstr"]) - 1)
            else:
                current[key] = value
                field = key
        elif line.startswith('"') and current is not None:
            value = json.loads(f'"{_STRING.search(line).group(1)}"')
            if isinstance(field, tuple):
                current["msgstr"][field[1]] += value
            else:
                current[field] += value
        elif not line.strip():
            flush()
            current = None
    return entries


def wagtail_catalogs(language: str, domain: str = "django") -> list[gettext.GNUTranslations]:
    return [
        gettext.GNUTranslations(path.open("rb"))
        for path in WAGTAIL_DIR.rglob(f"locale/{language}/LC_MESSAGES/{domain}.mo")
    ]


def translated_by(catalog: gettext.GNUTranslations, msgctxt, msgid) -> bool:
    plural = PLURALS.get((msgctxt, msgid))
    if msgctxt and plural:
        return catalog.npgettext(msgctxt, msgid, plural, 1) != msgid
    if msgctxt:
        return catalog.pgettext(msgctxt, msgid) != msgid
    if plural:
        return catalog.ngettext(msgid, plural, 1) != msgid
    return catalog.gettext(msgid) != msgid


OURS = po_entries(OVERRIDES / "zh_Hant/LC_MESSAGES/django.po")
DOMAINS = {"django": 100, "djangojs": 20}  # each catalog, and at least how many messages


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_catalog_holds_only_what_wagtail_leaves_untranslated(domain):
    ours = po_entries(OVERRIDES / f"zh_Hant/LC_MESSAGES/{domain}.po")
    assert len(ours) > DOMAINS[domain]
    hans = po_entries(OVERRIDES / f"zh_Hans/LC_MESSAGES/{domain}.po")
    assert set(hans) <= set(ours)
    for language, entries in (("zh_Hant", ours), ("zh_Hans", hans)):
        catalogs = wagtail_catalogs(language, domain)
        assert catalogs
        already = [
            msgid
            for (msgctxt, msgid) in entries
            if any(translated_by(catalog, msgctxt, msgid) for catalog in catalogs)
        ]
        assert already == [], f"Wagtail's {language} catalog translates these now: drop them"
    # Simplified: every message Wagtail's zh_Hans lacks too.
    hans_catalogs = wagtail_catalogs("zh_Hans", domain)
    missing_in_hans = {
        key for key in ours if not any(translated_by(catalog, *key) for catalog in hans_catalogs)
    }
    assert set(hans) == missing_in_hans


def test_no_lianbing_catalog_translates_the_same_message_differently():
    repo = Path(settings.REPO_DIR)
    for path in repo.glob("**/locale/zh_Hant/LC_MESSAGES/django.po"):
        if ".venv" in path.parts or "wagtail_overrides" in path.parts:
            continue
        for key, msgstr in po_entries(path).items():
            if key in OURS and any(msgstr):
                assert msgstr == OURS[key], (path, key)


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_is_translated_in_both_scripts_and_compiled(domain):
    ours = po_entries(OVERRIDES / f"zh_Hant/LC_MESSAGES/{domain}.po")
    hans = po_entries(OVERRIDES / f"zh_Hans/LC_MESSAGES/{domain}.po")
    for language, entries in (("zh_Hant", ours), ("zh_Hans", hans)):
        compiled = gettext.GNUTranslations(
            (OVERRIDES / language / f"LC_MESSAGES/{domain}.mo").open("rb")
        )
        for (msgctxt, msgid), msgstrs in entries.items():
            assert all(msgstrs), (language, msgid)
            assert re.findall(r"%\(\w+\)[sd]", msgstrs[0]) or not re.findall(
                r"%\(\w+\)[sd]", msgid
            ), msgid
            assert translated_by(compiled, msgctxt, msgid), f"{language} .mo is stale: {msgid}"


@pytest.fixture
def admin_pages(db, org):
    administrator = PersonFactory(unit=org["head"], user__roles=[Role.ADMINISTRATOR])
    root = Site.objects.get(is_default_site=True).root_page
    catalogue = root.add_child(instance=CourseIndexPage(title="課程", slug="courses"))
    course = catalogue.add_child(
        instance=CoursePage(
            title="贏得企業客戶", slug="win", objectives="學會", audience="客戶經理"
        )
    )
    return administrator, catalogue, course


# Screens an administrator and a trainer use, and Wagtail messages they showed in English.
SCREENS = [
    ("dashboard", lambda c, p: reverse("wagtailadmin_home"), {"Page": "個頁面"}),
    (
        "page listing",
        lambda c, p: reverse("wagtailadmin_explore", args=[c.pk]),
        {"Date updated": "更新日期", "Owner": "擁有者", "Has child pages": "有子頁面"},
    ),
    (
        "page editor",
        lambda c, p: reverse("wagtailadmin_pages:edit", args=[p.pk]),
        {
            "Content metrics": "內容指標",
            "Reading time": "閱讀時間",
            "Schedule to publish": "排程發佈",
        },
    ),
    (
        "account",
        lambda c, p: reverse("wagtailadmin_account"),
        {"Profile picture": "大頭貼", "Use server time zone": "使用伺服器時區"},
    ),
    (
        "users",
        lambda c, p: reverse("wagtailusers_users:index"),
        {"Last login": "上次登入", "Access level": "存取層級"},
    ),
]


@pytest.mark.parametrize("name,url,words", SCREENS, ids=[s[0] for s in SCREENS])
def test_admin_screens_read_chinese_in_zh_hant(client, admin_pages, name, url, words):
    administrator, catalogue, course = admin_pages
    client.force_login(administrator.user)
    response = client.get(url(catalogue, course), HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert response.status_code == 200
    html = re.sub(r"<script.*?</script>", "", response.content.decode(), flags=re.S)
    for english, chinese in words.items():
        assert chinese in html, (name, english)
        assert not re.search(rf">\s*{re.escape(english)}\s*<", html), (name, english)


def test_the_help_menu_and_shortcuts_read_chinese(client, admin_pages):
    administrator, _catalogue, _course = admin_pages
    client.force_login(administrator.user)
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    # The sidebar is drawn from JSON (non-ASCII escaped).
    assert f'"label": {json.dumps("說明")}' in html
    assert '"label": "Help"' not in html
    assert "鍵盤快速鍵" in html
    assert "Keyboard shortcuts" not in html


def test_the_admins_script_messages_read_chinese(client, admin_pages):
    administrator, _catalogue, _course = admin_pages
    client.force_login(administrator.user)
    response = client.get(
        reverse("wagtailadmin_javascript_catalog"), HTTP_ACCEPT_LANGUAGE="zh-hant"
    )
    assert response.status_code == 200
    script = response.content.decode()
    for english, chinese in (("Collapse all", "全部收合"), ("Expand all", "全部展開")):
        assert (
            f'"{english}": {json.dumps(chinese)}' in script or f'"{english}": "{chinese}"' in script
        )
