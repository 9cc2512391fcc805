"""manage.py import_bodies FILE [--commit] (management/commands/import_bodies.py)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from ayni.motions.models import Body
from ayni.motions.tests.factories import body_csv

pytestmark = pytest.mark.django_db

TREE = body_csv(
    ["unite", "Unite the Union", "union", "nat", "Unite", "", "1", "", "GB", ""],
    ["unite", "", "", "leeds", "Leeds Branch", "", "4", "nat", "GB", ""],
)


def test_without_commit_it_reports_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "bodies.csv"
    path.write_bytes(TREE)

    call_command("import_bodies", str(path))

    out = capsys.readouterr().out
    assert "Organisations: 1 new (unite), 0 changed." in out
    assert "Bodies: 2 new, 0 moved, 0 changed, 0 unchanged." in out
    assert "Dry run: nothing was written." in out
    assert not Body.objects.exists()


def test_with_commit_it_imports_and_again_changes_nothing(tmp_path, capsys):
    path = tmp_path / "bodies.csv"
    path.write_bytes(TREE)

    call_command("import_bodies", str(path), "--commit")
    call_command("import_bodies", str(path), "--commit")

    out = capsys.readouterr().out
    assert "Imported." in out
    assert "Bodies: 0 new, 0 moved, 0 changed, 2 unchanged." in out
    assert Body.objects.count() == 2


def test_a_file_with_errors_fails_naming_rows_and_imports_nothing(tmp_path, capsys):
    path = tmp_path / "bodies.csv"
    path.write_bytes(TREE + b"unite,,,x,X,,4,nowhere,,\n")

    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_bodies", str(path), "--commit")

    assert "row 4, parent_code: No body of unite has the code “nowhere”" in capsys.readouterr().err
    assert not Body.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_bodies", str(tmp_path / "nope.csv"))
