"""How long importing bodies from CSV takes (issue 9: "a 20,000-body import must take seconds").

Makes a CSV file of one organisation's tree of `--bodies` bodies over five levels (1 national,
12 regions, then districts, branches and workplaces), then times on a throwaway database: the
dry run, the import, the same file again (nothing changes), and a file that moves one region's
districts to another region (a few hundred bodies change path and region). SQLite by default;
PostgreSQL with `--database-url postgres://…` (an empty database: it is migrated).

    .venv/bin/python bench/body_import.py [--bodies 20000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HEADER = [
    "organisation_code",
    "organisation_name",
    "organisation_kind",
    "code",
    "name",
    "type",
    "level",
    "parent_code",
    "country",
    "website",
]


def tree_rows(bodies: int, *, regions: int = 12) -> list[list[str]]:
    """`bodies` rows of one union's tree: national, `regions` regions, then each level below
    four times wider than the one above until the count is reached; children before parents
    (the file's order must not matter)."""
    rows = [["bench", "Bench Union", "union", "n", "Bench Union", "National", "1", "", "GB", ""]]
    level_codes = [["n"]]
    level_codes.append([f"r{i}" for i in range(regions)])
    rows += [
        ["bench", "", "", code, f"Region {code}", "Region", "2", "n", "GB", ""]
        for code in level_codes[1]
    ]
    level = 3
    while len(rows) < bodies and level <= 5:
        parents = level_codes[-1]
        codes: list[str] = []
        for number in range(min(len(parents) * 4 if level < 5 else bodies, bodies - len(rows))):
            parent = parents[number % len(parents)]
            code = f"l{level}-{number}"
            codes.append(code)
            rows.append(["bench", "", "", code, f"Body {code}", "", str(level), parent, "GB", ""])
        level_codes.append(codes)
        level += 1
    return list(reversed(rows))


def as_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode()


def timed(label: str, action):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    print(f"{label}: {time.perf_counter() - started:.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bodies", type=int, default=20_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="ayni-body-import-"))
    os.environ.update(
        {
            "DATABASE_URL": args.database_url or f"sqlite:///{var_dir / 'ayni.sqlite3'}",
            "VAR_DIR": str(var_dir),
            "SECRET_KEY": "bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "ayni.settings",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from ayni.motions.models import Body
    from ayni.motions.services.body_import import dry_run_body_import, import_bodies

    rows = tree_rows(args.bodies)
    data = as_csv(rows)
    print(f"{len(rows)} bodies, {len(data) / 1024:.0f} KiB, {os.environ['DATABASE_URL'][:8]}…")
    report = timed("dry run (new)", lambda: dry_run_body_import(data=data))
    assert report.ok, report.errors[:5]
    report = timed("import (new)", lambda: import_bodies(data=data))
    assert report.committed and Body.objects.filter(path="").count() == 0
    report = timed("import again (nothing changes)", lambda: import_bodies(data=data))
    assert report.counts["unchanged"] == len(rows), report.counts
    moved = [
        [*row[:7], "r1", *row[8:]] if row[7] == "r0" else row for row in rows
    ]  # region r0's districts move to r1
    report = timed(
        "import (one region's districts moved)", lambda: import_bodies(data=as_csv(moved))
    )
    print(f"  moved {report.counts['moved']}, unchanged {report.counts['unchanged']}")
    region = Body.objects.get(code="r1")
    assert not Body.objects.filter(
        path__startswith=Body.objects.get(code="r0").path, level=5
    ).exists()
    print(f"  region r1 now holds {Body.objects.filter(region=region).count()} bodies")


if __name__ == "__main__":
    main()
