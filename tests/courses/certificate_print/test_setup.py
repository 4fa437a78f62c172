"""The project's own set-up installs the certificate font: the install targets
of the Makefile run apt-get for Debian's package when the file is missing."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from courses.conf import courses_settings

ROOT = Path(__file__).resolve().parents[3]


def test_the_makefile_and_the_setting_name_the_same_font():
    makefile = (ROOT / "Makefile").read_text()
    path = re.search(r"^CERTIFICATE_FONT := (.+)$", makefile, re.MULTILINE).group(1)
    assert path == courses_settings.CERTIFICATE_FONT


@pytest.mark.skipif(not shutil.which("make"), reason="no make")
@pytest.mark.parametrize("target", ["install", "install-dev"])
def test_installing_brings_the_font_when_it_is_missing(target, tmp_path):
    missing = tmp_path / "missing.ttc"
    dry_run = subprocess.run(
        ["make", "-n", f"CERTIFICATE_FONT={missing}", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "apt-get -q install -y --no-install-recommends fonts-wqy-microhei" in dry_run.stdout
