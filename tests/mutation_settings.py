"""Settings for `make mutation`: the test settings, with the SQLite test database
kept in a file so that each mutant's test run reuses it (`--reuse-db`) instead of
migrating a new one (about 15 s) for every mutant."""

import sys
from pathlib import Path

from hostsite.settings.test import *  # noqa: F403
from hostsite.settings.test import DATABASES

# mutmut runs the tests on its copy of the tree in mutants/. An editable install
# of Lianbing (`pip install -e .`) adds an import finder that would fill in any
# module missing from that copy from the installed tree: only the copy may be
# imported, or the tests would run against code that is not the code mutated.
sys.meta_path[:] = [
    finder
    for finder in sys.meta_path
    if not type(finder).__module__.startswith("__editable__")
    and not getattr(finder, "__module__", "").startswith("__editable__")
]

DATABASES = {
    "default": {
        **DATABASES["default"],
        "TEST": {"NAME": str(Path(__file__).resolve().parent.parent / "mutation-test.sqlite3")},
    }
}
