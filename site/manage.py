#!/usr/bin/env python
"""Django's command-line utility for the Lianbing host site."""

import os
import sys
from pathlib import Path


def main():
    # The reusable apps sit at the repository root, one level above site/.
    sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hostsite.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
