"""The layers hold: core, then supporters, then the domain apps, and the house order inside an
app (the import-linter contracts in pyproject.toml, also run by `make lint` and CI)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_import_contract_is_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"

    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_core_and_supporters_name_no_app_above_them():
    below = [*ROOT.glob("ayni/core/**/*.py"), *ROOT.glob("ayni/supporters/**/*.py")]

    naming = [
        str(path.relative_to(ROOT)) for path in below if "ayni.statements" in path.read_text()
    ]

    assert naming == []
