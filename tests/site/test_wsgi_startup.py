"""A web process imports the URL configuration as it starts (hostsite.wsgi),
so that its first request does not (about 0.3 s, while the requests that
arrive with it wait behind the import)."""

import os
import subprocess
import sys
from pathlib import Path

SITE = Path(__file__).resolve().parents[2] / "site"


def test_importing_the_wsgi_application_loads_the_url_configuration():
    check = (
        "import sys, hostsite.wsgi\n"
        "print(all(name in sys.modules for name in ('hostsite.urls', 'courses.urls', 'quizzes.api')))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hostsite.settings.test"}
    done = subprocess.run(
        [sys.executable, "-c", check],
        cwd=SITE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
