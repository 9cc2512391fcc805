"""Run bench/seed.py's commands in a process of their own (for a second database)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ayni.settings")

import django  # noqa: E402

django.setup()

from bench.seed import main  # noqa: E402

main(sys.argv[1:])
