"""The measured speed-ups are used only where a benchmark earned them (docs/performance.md): a new
app reads and writes with the plain ORM and renders plainly until its own benchmark shows the
need, and then adds itself here with the figure in performance.md."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SPEEDUPS = {
    "ayni.core.mail_bytes",
    "ayni.core.mail_shapes",
    "ayni.core.microcache",
    "ayni.core.page_cache",
    "ayni.core.prepared_insert",
    "ayni.core.prepared_select",
    "ayni.core.shared_form_fields",
    "ayni.events.page_cache",
    "ayni.motions.rollup_cache",
    "ayni.statements.page_cache",
    "ayni.statements.sql_selectors",
    "ayni.supporters.outbox_sql",
}
# Who may use each, and why (the measurement is in docs/performance.md).
EARNED = {
    ("ayni.wsgi", "ayni.core.microcache"),  # count.json
    ("ayni.core.views", "ayni.core.page_cache"),  # the home page
    ("ayni.statements.page_cache", "ayni.core.page_cache"),  # its rule for a personal request
    ("ayni.statements.views", "ayni.core.page_cache"),  # the statement page, kept whole
    ("ayni.events.views.page", "ayni.core.page_cache"),  # the event page, kept whole
    ("ayni.events.views.page", "ayni.events.page_cache"),  # its key
    ("ayni.motions.views.pages", "ayni.core.page_cache"),  # the motion page, kept whole
    ("ayni.motions.views.rollup", "ayni.motions.rollup_cache"),  # its roll-up, kept by stamp
    ("ayni.events.services.registering", "ayni.core.prepared_insert"),  # the registration row
    ("ayni.events.services.places", "ayni.core.prepared_insert"),  # its confirmation email's row
    ("ayni.statements.services.signing", "ayni.core.prepared_insert"),  # the sign row
    ("ayni.statements.sql_selectors", "ayni.core.prepared_select"),  # the statement signing reads
    ("ayni.events.selectors", "ayni.core.prepared_select"),  # registering, an email's rows
    ("ayni.newsroom.views.cached", "ayni.core.page_cache"),  # a public article's page, kept whole
    ("ayni.newsroom.selectors", "ayni.core.prepared_select"),  # its key
    ("ayni.supporters.outbox", "ayni.supporters.outbox_sql"),  # claim and record each email
    ("ayni.core.mail", "ayni.core.mail_shapes"),  # for a sender that names personal values
    ("ayni.core.mail", "ayni.core.mail_bytes"),  # a text-and-HTML email written out
    ("ayni.statements.forms", "ayni.core.shared_form_fields"),  # the sign form
    ("ayni.events.forms", "ayni.core.shared_form_fields"),  # the register form
    ("ayni.statements.views", "ayni.statements.page_cache"),  # the statement page
    ("ayni.statements.page_cache", "ayni.statements.sql_selectors"),  # its stamp
    ("ayni.statements.selectors", "ayni.statements.sql_selectors"),  # the sign view's read
}


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def speedup_imports(root: Path = ROOT) -> set[tuple[str, str]]:
    """(importer, speed-up module) for every import of a speed-up outside the tests."""
    found = set()
    for path in sorted(root.glob("ayni/**/*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        importer = module_name(path, root)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            found.update((importer, name) for name in names if name in SPEEDUPS)
    return found


def test_the_speedups_are_used_only_where_measured():
    assert speedup_imports() == EARNED


def test_a_new_app_copying_a_speedup_is_caught(tmp_path):
    app = tmp_path / "ayni" / "events"
    (app / "tests").mkdir(parents=True)
    (app / "services.py").write_text("from ayni.core.prepared_insert import insert_row\n")
    (app / "views.py").write_text(
        "from ayni.statements import page_cache\nimport ayni.core.microcache\n"
    )
    (app / "tests" / "test_views.py").write_text("from ayni.statements import page_cache\n")

    assert speedup_imports(tmp_path) == {
        ("ayni.events.services", "ayni.core.prepared_insert"),
        ("ayni.events.views", "ayni.statements.page_cache"),
        ("ayni.events.views", "ayni.core.microcache"),
    }
