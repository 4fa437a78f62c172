from pathlib import Path

import pytest
from django.utils import translation

# Moodle's own fixtures, kept beside the checkout and never copied into it
# (see ../shared/data/README.md).
MOODLE_FILES = (
    Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "moodle-question-formats"
)


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English source form, whatever the translations say."""
    with translation.override("en"):
        yield


@pytest.fixture
def moodle_file():
    if not MOODLE_FILES.is_dir():
        pytest.skip(f"Moodle's GIFT and Aiken fixtures are not at {MOODLE_FILES.resolve()}")

    def read(name: str) -> str:
        return (MOODLE_FILES / name).read_text(encoding="utf-8")

    return read
