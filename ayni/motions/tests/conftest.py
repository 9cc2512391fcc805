"""Every motions test keeps its private files (reports' evidence) in its own directory."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """The private storage's root for this test (empty at the start)."""
    root = tmp_path / "private"
    settings.PRIVATE_FILES_ROOT = root
    return root
