"""Settings for `make mutation`: the test settings, with the SQLite test database
kept in a file so that each mutant's test run reuses it (`--reuse-db`) instead of
migrating a new one (about 15 s) for every mutant."""

from pathlib import Path

from hostsite.settings.test import *  # noqa: F403
from hostsite.settings.test import DATABASES

DATABASES = {
    "default": {
        **DATABASES["default"],
        "TEST": {"NAME": str(Path(__file__).resolve().parent.parent / "mutation-test.sqlite3")},
    }
}
