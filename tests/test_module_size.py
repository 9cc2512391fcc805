"""No module of the project grows past what one reader can hold: split it by topic instead."""

from __future__ import annotations

from pathlib import Path

import ayni

LIMIT = 550  # "about 500 lines", with room for a docstring before the split is due
PROJECT = Path(ayni.__file__).parent


def long_modules(root: Path = PROJECT) -> dict[str, int]:
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "migrations" in parts or "tests" in parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LIMIT:
            found[str(path.relative_to(root))] = lines
    return found


def test_no_module_is_over_the_limit():
    assert long_modules() == {}


def test_the_check_finds_a_long_module_but_not_migrations_or_tests(tmp_path):
    for name in ("app/views.py", "app/migrations/0001_initial.py", "app/tests/test_views.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n" * (LIMIT + 1))
    (tmp_path / "app/models.py").write_text("x = 1\n" * LIMIT)

    assert long_modules(tmp_path) == {"app/views.py": LIMIT + 1}
