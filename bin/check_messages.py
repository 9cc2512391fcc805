"""Fail CI when a Spanish string is missing or fuzzy, or the committed .mo is stale.

First re-extracts every marked string (makemessages, needs GNU gettext) so a string added
to the code but never put in the catalogue counts as untranslated too.
"""

from __future__ import annotations

import gettext
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
IGNORE = ["-i", ".venv/*", "-i", "var/*", "-i", "bench/*", "-i", "tests/*", "-i", "docs/*"]


def catalogue(mo: Path) -> dict:
    with mo.open("rb") as handle:
        entries = dict(gettext.GNUTranslations(handle)._catalog)  # noqa: SLF001
    entries.pop("", None)  # the header changes with every extraction
    return entries


def check() -> list[str]:
    problems: list[str] = []
    for po in sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
        result = subprocess.run(
            ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
            capture_output=True,
            text=True,
        )
        stats = result.stderr.strip()
        if result.returncode or "untranslated" in stats or "fuzzy" in stats:
            problems.append(f"{po.relative_to(ROOT)}: {stats}")
        mo = po.with_suffix(".mo")
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "fresh.mo"
            subprocess.run(["msgfmt", "-o", str(fresh), str(po)], check=True)
            if not mo.exists() or catalogue(mo) != catalogue(fresh):
                problems.append(
                    f"{mo.relative_to(ROOT)} is stale: run `make messages` and commit it"
                )
    return problems


# makemessages rewrites the catalogues in place: check the re-extracted ones, then put the
# committed files back so running the check never leaves the working tree changed.
originals = {po: po.read_bytes() for po in (ROOT / "locale").glob("*/LC_MESSAGES/*.po")}
try:
    subprocess.run(
        [PYTHON, "manage.py", "makemessages", "-l", "es", "--no-obsolete", "-v0", *IGNORE],
        cwd=ROOT,
        check=True,
    )
    problems = check()
finally:
    for po, content in originals.items():
        po.write_bytes(content)
if problems:
    sys.exit("Translations incomplete:\n" + "\n".join(problems))
print("translations: complete")
