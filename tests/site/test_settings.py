"""The production settings pass Django's deployment checks once their variables are set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "hostsite.settings.production",
    "SECRET_KEY": "x" * 20 + "-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "lianbing.example.com",
}


def run_manage(*args, env_extra):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into the deploy check.
    ignored = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, str(REPO / "site" / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_check_deploy_passes_with_zero_findings():
    completed = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "no issues (0 silenced)" in completed.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_variables(missing):
    env = {**PRODUCTION_ENV, missing: ""}
    completed = run_manage("check", env_extra=env)
    assert completed.returncode != 0
    assert missing in completed.stderr


def test_production_refuses_bad_task_configuration():
    completed = run_manage(
        "check", env_extra={**PRODUCTION_ENV, "Q_TIMEOUT": "600", "Q_RETRY": "60"}
    )
    assert completed.returncode != 0
    assert "background.E002" in completed.stderr
