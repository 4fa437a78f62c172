"""The browser tests' set-up installs Chromium only when it can, and says why not."""

import pytest

from tests.e2e import support


@pytest.fixture
def machine(monkeypatch, tmp_path):
    """A pretend machine: root, with apt-get, no Chromium, no CJK font. Each
    apt-get call is recorded; `install` succeeds by creating the browser."""
    state = {"font": False, "calls": [], "fail": None}
    browser = tmp_path / "chromium"
    monkeypatch.setattr(support, "CHROMIUM", browser)
    monkeypatch.setattr(support, "INSTALL_LOCK", tmp_path / "install.lock")
    monkeypatch.setattr(support, "cjk_font_installed", lambda: state["font"])
    monkeypatch.setattr(support.os, "geteuid", lambda: 0)
    monkeypatch.setattr(support.shutil, "which", lambda name: f"/usr/bin/{name}")

    def apt_get(*args):
        state["calls"].append(args)
        if state["fail"]:
            raise RuntimeError(state["fail"])
        if args[0] == "install":
            if support.BROWSER_PACKAGE in args:
                browser.touch()
            if support.FONT_PACKAGE in args:
                state["font"] = True

    monkeypatch.setattr(support, "apt_get", apt_get)
    state["browser"] = browser
    return state


def test_nothing_is_installed_when_everything_is_there(machine):
    machine["browser"].touch()
    machine["font"] = True
    assert support.ensure_chromium() is None
    assert machine["calls"] == []


def test_installs_the_browser_and_a_cjk_font_once(machine):
    assert support.ensure_chromium() is None
    assert machine["calls"] == [
        ("update",),
        ("install", "-y", "--no-install-recommends", "chromium", "fonts-wqy-microhei"),
    ]
    assert support.ensure_chromium() is None
    assert len(machine["calls"]) == 2


def test_without_root_it_says_why(machine, monkeypatch):
    monkeypatch.setattr(support.os, "geteuid", lambda: 1000)
    assert "root" in support.ensure_chromium()
    assert machine["calls"] == []


def test_without_apt_get_it_says_why(machine, monkeypatch):
    monkeypatch.setattr(support.shutil, "which", lambda name: None)
    assert "no apt-get" in support.ensure_chromium()
    assert machine["calls"] == []


def test_a_failed_install_says_why(machine):
    machine["fail"] = "E: Unable to locate package chromium"
    why = support.ensure_chromium()
    assert "could not install chromium" in why
    assert "Unable to locate package" in why


def test_a_missing_font_alone_never_skips(machine, monkeypatch):
    machine["browser"].touch()
    machine["fail"] = "E: no network"
    assert support.ensure_chromium() is None
    monkeypatch.setattr(support.os, "geteuid", lambda: 1000)
    assert support.ensure_chromium() is None


@pytest.mark.parametrize(("value", "required"), [("1", True), ("true", True), ("", False)])
def test_ci_can_require_the_browser(monkeypatch, value, required):
    monkeypatch.setenv("LIANBING_BROWSER_REQUIRED", value)
    assert support.browser_required() is required


def test_chromium_is_started_with_the_flags_that_keep_it_offline():
    args = support.chromium_args()
    for flag in ("--no-sandbox", "--disable-background-networking", "--disable-quic"):
        assert flag in args
