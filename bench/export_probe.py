"""Peak memory of the CSV export of every signature (filled in once the export exists)."""

from __future__ import annotations

import importlib.util


def measure(run) -> str:
    if importlib.util.find_spec("ayni.statements.export") is None:
        return "CSV export: not yet available (ayni.statements.export does not exist yet)."
    return "CSV export: module present, probe not written yet."
