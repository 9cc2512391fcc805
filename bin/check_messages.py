"""Fail when a Spanish string is missing, fuzzy, or the committed .mo is older than its .po."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
problems = []
for po in sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
                            capture_output=True, text=True)  # fmt: skip
    stats = result.stderr.strip()
    if result.returncode or "untranslated" in stats or "fuzzy" in stats:
        problems.append(f"{po.relative_to(ROOT)}: {stats}")
    mo = po.with_suffix(".mo")
    compiled = subprocess.run(["msgfmt", "-o", "-", str(po)], capture_output=True).stdout
    if not mo.exists() or mo.read_bytes() != compiled:
        problems.append(f"{mo.relative_to(ROOT)} is stale: run `make messages` and commit it")
if problems:
    sys.exit("\n".join(problems))
print("translations: complete")
