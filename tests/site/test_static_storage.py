"""The production static storage keeps each file's URL (hostsite.static_storage)."""

import json

import pytest

from hostsite.static_storage import StaticFilesStorage
from tests.spies import first_arguments


@pytest.fixture
def storage(tmp_path):
    manifest = {"paths": {"hostsite/site.css": "hostsite/site.0123abcd.css"}, "version": "1.1"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_the_url_is_the_manifests_and_is_worked_out_once(storage, monkeypatch, settings):
    settings.DEBUG = False
    looked_up = first_arguments(monkeypatch, storage, "stored_name")
    urls = {storage.url("hostsite/site.css") for _ in range(3)}
    assert urls == {"/static/hostsite/site.0123abcd.css"}
    assert looked_up == ["hostsite/site.css"]


def test_debug_gives_the_plain_name(storage, settings):
    settings.DEBUG = False
    assert storage.url("hostsite/site.css") == "/static/hostsite/site.0123abcd.css"
    settings.DEBUG = True
    assert storage.url("hostsite/site.css") == "/static/hostsite/site.css"


def test_a_file_missing_from_the_manifest_is_refused_every_time(storage, settings):
    settings.DEBUG = False
    for _ in range(2):
        with pytest.raises(ValueError, match="nothing.css"):
            storage.url("nothing.css")
    assert storage.urls_made == {}
