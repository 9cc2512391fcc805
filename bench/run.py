"""Load benchmarks against the production server on loopback: `make bench`.

A throwaway VAR_DIR and SQLite database, gunicorn started from gunicorn.conf.py exactly as
deployed, load from wrk in a separate process, results printed and written to
docs/performance.md (between the bench:results markers; the rest of the file is prose).

    make bench                                   # everything (about 30 minutes)
    make bench BENCH_ARGS=--quick                # a smoke of everything: 5 s runs, 20k rows
    make bench BENCH_ARGS="--only sign"          # some scenarios (then docs are not updated)
    make bench BENCH_ARGS="--only page,count -d 10 --workers 2 --threads 2"

Scenarios
  count, page, wall  the JSON count, the statement page and the home page, wall pages 1 and 10
                     (1k signatures)
  scale              the same statement copied and grown to --rows (1,000,000) confirmed
                     signatures, on a second server; count, page, wall page 1 and wall page
                     1,000 measured in rounds alternating with the 1k server
  sign               the real sign form (CSRF, validation, the write, which is also the
                     email's outbox entry) against a bare insert view on the same server,
                     alternating rounds; then once more with the background worker running
  export             the back office's CSV export of every signature, peak RSS (1k and big)
  event_page, register, reminders
                     events (issue 8), against the statement page and signing in the same
                     run: see bench/events.py
  textindex          the text index (issue 10): similar stories and search over 20,000
                     articles on SQLite and PostgreSQL, in-process: see bench/textindex.py
  article_page, news_search, similar_build
                     the newsroom (issue 10) over 20,000 articles: the article page against the
                     statement page in the same run; rebuilding the text index, indexing a
                     saved article and searching, on SQLite and PostgreSQL: see bench/newsroom.py
  motion_page        motions (issue 9): the roll-up proved exact over 20,000 bodies and 5,000
                     verified reports, then the motion page against the statement page in the
                     same run: see bench/motions.py

Load only ever goes to 127.0.0.1, and every wrk run stops by itself after its duration.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import runpy
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import events, motions, newsroom, textindex  # noqa: E402
from bench.measure import Item, Options, Result, cpu_speed, measure  # noqa: E402
from bench.stack import PYTHON, Stack, bench_env, free_port  # noqa: E402

DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
SCENARIOS = [
    "count",
    "page",
    "wall",
    "sign",
    "scale",
    "export",
    *events.SCENARIOS,
    *motions.SCENARIOS,
    *textindex.SCENARIOS,
    *newsroom.SCENARIOS,
]
SMALL = 1_000
SLUG = "stand-with-democracy-in-bolivia"


@dataclass
class Run:
    args: argparse.Namespace
    options: Options
    small: Stack
    big: Stack | None = None
    results: list[Result] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    exports: list[dict] = field(default_factory=list)
    big_wall: int = 0
    pairs: list[tuple[str, str, Result, Result]] = field(default_factory=list)
    signs: list[tuple[Result, Result, Result]] = field(default_factory=list)
    events: events.Outcome | None = None
    motions: motions.Outcome | None = None
    newsroom: newsroom.Outcome | None = None

    def measure(self, items: list[Item], rounds: int = 1) -> list[Result]:
        results = measure(items, self.options, self.small.var_dir, rounds)
        self.results += results
        return results


def scale_label(rows: int) -> str:
    return f"{rows / 1e6:g}M" if rows >= 1_000_000 else f"{rows:,}"


def fetch(stack: Stack, path: str, opener=None) -> str:
    opener = opener or urllib.request.build_opener()
    with opener.open(stack.url + path, timeout=30) as response:
        return response.read().decode()


# --- reads ----------------------------------------------------------------------------------


def count_item(stack: Stack, label: str) -> Item:
    return Item(
        f"JSON count ({label} signatures)", stack, f"/en/s/{SLUG}/count.json", target="≥ 2,000/s"
    )


def page_item(stack: Stack, label: str) -> Item:
    return Item(f"Statement page ({label} signatures)", stack, f"/en/s/{SLUG}/", target="≥ 800/s")


def home_item(stack: Stack, label: str) -> Item:
    return Item(f"Home page ({label} signatures)", stack, "/en/", target="≥ statement page")


def wall_item(stack: Stack, label: str, page: int, cursor: str) -> Item:
    path = f"/en/s/{SLUG}/signatories/" + (f"?after={cursor}" if cursor else "")
    return Item(f"Wall page {page:,} ({label} signatures)", stack, path)


def wall_cursor(stack: Stack, page: int) -> str:
    output = subprocess.run(
        [PYTHON, "bench/seed_cli.py", "cursor", str(page)],
        cwd=ROOT,
        env={**os.environ, **stack.env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(output.stdout.splitlines()[-1])["cursor"]


def judge_absolute(result: Result) -> None:
    floor = {"JSON count": 2000, "Statement page": 800}
    for prefix, minimum in floor.items():
        if result.name.startswith(prefix):
            result.ok = result.rps >= minimum and not result.errors


def scenario_reads(run: Run) -> None:
    """count, page and wall on the 1k server only (when `scale` is not asked for)."""
    wanted = run.args.scenarios
    items = []
    if "count" in wanted:
        items.append(count_item(run.small, "1k"))
    if "page" in wanted:
        items.append(page_item(run.small, "1k"))
        items.append(home_item(run.small, "1k"))
    if "wall" in wanted:
        items.append(wall_item(run.small, "1k", 1, ""))
        items.append(wall_item(run.small, "1k", 10, wall_cursor(run.small, 10)))
    results = run.measure(items, rounds=run.args.rounds)
    for result in results:
        judge_absolute(result)
    by_name = {result.name.split(" (")[0]: result for result in results}
    home, page = by_name.get("Home page"), by_name.get("Statement page")
    if home and page:
        # "At least as fast as the statement page", within the 5 % two identical runs differ by.
        home.ok = home.rps >= 0.95 * page.rps and not home.errors
        home.note = f"{home.rps / page.rps:.2f}× the statement page"


def build_big(run: Run) -> Stack:
    """A copy of the 1k database grown to --rows confirmed signatures, on its own server."""
    var_dir = Path(tempfile.mkdtemp(prefix="ayni-bench-big-"))
    port = free_port()
    env = bench_env(var_dir, port)
    source = sqlite3.connect(run.small.var_dir / "ayni.sqlite3")
    target = sqlite3.connect(var_dir / "ayni.sqlite3")
    with target:
        source.backup(target)
    source.close()
    target.close()
    shutil.copytree(run.small.var_dir / "static", var_dir / "static")
    shutil.copy(run.small.var_dir / "demo-logins.txt", var_dir / "demo-logins.txt")
    print(f"Growing a copy to {run.args.rows:,} confirmed signatures in {var_dir}…", flush=True)
    output = subprocess.run(
        [PYTHON, "bench/seed_cli.py", "grow", str(run.args.rows)],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    grown = json.loads(output.stdout.splitlines()[-1])
    inserted, seconds = grown["inserted"], grown["load_seconds"]
    run.notes.append(
        f"Scale set-up: a copy of the 1k database grown by {inserted:,} confirmed signatures "
        f"in {seconds:.0f} s ({inserted / max(seconds, 0.001):,.0f} rows/s: plain SQL in "
        f"50,000-row transactions, the tallies moved by exactly what was inserted, then "
        f"ANALYZE); the app's reconciliation against COUNT(*) took "
        f"{grown['check_seconds']:.1f} s and found "
        f"{'no drift' if not grown['drifts'] else '; '.join(grown['drifts'])}. "
        f"{grown['total']:,} confirmed, {grown['wall']:,} individual names on the public wall."
    )
    print("  " + run.notes[-1], flush=True)
    run.big_wall = grown["wall"]
    big = Stack(var_dir=var_dir, env=env, port=port)
    big.start_server(gunicorn_overrides(run.args))
    count = json.loads(fetch(big, f"/en/s/{SLUG}/count.json"))["count"]
    assert count == run.args.rows, f"count.json says {count}"
    return big


def scenario_scale(run: Run) -> None:
    big = run.big = build_big(run)
    small_label, big_label = "1k", scale_label(run.args.rows)
    deep = min(1000, run.big_wall // 50)  # page 1,000 needs 50,000 public names
    pairs = [
        (count_item(run.small, small_label), count_item(big, big_label)),
        (page_item(run.small, small_label), page_item(big, big_label)),
        (wall_item(run.small, small_label, 1, ""), wall_item(big, big_label, 1, "")),
        (
            wall_item(run.small, small_label, 10, wall_cursor(run.small, 10)),
            wall_item(big, big_label, deep, wall_cursor(big, deep)),
        ),
    ]
    titles = [
        ("JSON count", "≥ 2,000/s; 1M within 20% of 1k"),
        ("Statement page", "≥ 800/s; 1M within 20% of 1k"),
        ("Wall page 1", "1M within 20% of 1k"),
        (f"Wall page {deep:,} (page 10 at 1k)", "1M within 20% of 1k"),
    ]
    for (small_item, big_item), (title, goal) in zip(pairs, titles, strict=True):
        big_item.target = (big_item.target + "; " if big_item.target else "") + "≥ 80% of 1k"
        small_result, big_result = run.measure([small_item, big_item], rounds=run.args.rounds)
        run.pairs.append((title, goal, small_result, big_result))
        for result in (small_result, big_result):
            judge_absolute(result)
        ratio = big_result.rps / small_result.rps
        big_result.note = f"{ratio:.0%} of {small_result.name}"
        big_result.ok = (big_result.ok is not False) and ratio >= 0.8 and not big_result.errors
        print(f"    {big_result.name}: {big_result.note}", flush=True)


# --- signing ------------------------------------------------------------------------------


def csrf_pair(stack: Stack) -> tuple[str, str]:
    """A CSRF cookie and a form token for it, fetched the way a browser gets them."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = fetch(stack, f"/en/s/{SLUG}/", opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    return token, cookie


def _signatures(prefix: str) -> int:
    """Sign-form submissions stored (the worker folds each into a signature)."""
    from ayni.statements.models import Submission

    return Submission.objects.filter(email__startswith=prefix).count()


def _email_outbox(prefix: str) -> dict[str, int]:
    """Where the bench submissions' confirmation emails are: each row is its email's outbox."""
    from django.db.models import Count, Q

    from ayni.statements.models import Submission

    return Submission.objects.filter(email__startswith=prefix).aggregate(
        waiting=Count("id", filter=~Q(email_due="") | Q(processed_at__isnull=True)),
        sent=Count("id", filter=Q(emailed_at__isnull=False)),
        lost=Count("id", filter=Q(processed_at__isnull=False, email_due="", emailed_at=None)),
    )


def sign_item(stack: Stack, token: str, cookie: str, name: str = "Sign (worker stopped)") -> Item:
    """The real sign form, a new address each request ("{phase}" keeps runs apart)."""
    path = f"/en/s/{SLUG}/sign/"
    target = "≥ 500/s, p99 < 250 ms, ≥ 0.5 × bare ORM"
    fields = (
        "kind=individual&name=Bench+Signer+{n}&country=GB&organisation=Bench+Branch&role="
        "&comment=Solidarity&show_publicly=on&website=&altcha="
    )
    args = (path, token, cookie, "{phase}", fields, "10")
    return Item(name, stack, path, "form", args, target=target)


def scenario_sign(run: Run) -> None:
    from django.db import connections

    stack = run.small
    token, cookie = csrf_pair(stack)
    # One signature by hand first: the form, the token and the redirect all work.
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "kind": "individual",
            "name": "Bench Check",
            "email": "bench.check@example.net",
            "country": "GB",
        }
    ).encode()
    request = urllib.request.Request(
        f"{stack.url}/en/s/{SLUG}/sign/", data, headers={"Cookie": f"csrftoken={cookie}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert "check-your-inbox" in response.url, response.url
    connections.close_all()
    bare_sql, bare_orm, sign = run.measure(
        [
            Item("Bare insert view, plain SQL", stack, "/__bench__/insert/", "post"),
            Item("Bare insert view, ORM create()", stack, "/__bench__/create/", "post"),
            sign_item(stack, token, cookie),
        ],
        rounds=run.args.rounds,
    )
    results = [sign]
    run.signs.append((sign, bare_orm, bare_sql))
    if run.args.sign_with_worker:
        stack.start_worker()
        time.sleep(2)
        [with_worker] = run.measure([sign_item(stack, token, cookie, "Sign (worker running)")])
        stack.stop_worker()
        results.append(with_worker)
        run.signs.append((with_worker, bare_orm, bare_sql))
    all_rows = _signatures("bench.r")
    outbox = _email_outbox("bench.r")
    for result in results:
        rows = _signatures(f"bench.{result.phase}.")
        ratio = result.rps / bare_orm.rps if bare_orm.rps else 0
        ratio_sql = result.rps / bare_sql.rps if bare_sql.rps else 0
        result.ok = result.rps >= 500 and result.p99_ms < 250 and ratio >= 0.5 and not result.errors
        # Every acknowledged request must have its row (a request still in flight when wrk
        # stops may add one wrk did not count, hence "at least").
        result.note = (
            f"{ratio:.2f} × bare ORM create(), {ratio_sql:.2f} × bare plain SQL; "
            f"{rows:,} rows for {result.requests:,} requests"
        )
        if rows < result.requests:
            result.ok = False
            result.note += " — ROWS MISSING"
        print(f"    {result.name}: {result.note}", flush=True)
    connections.close_all()
    note = (
        f"Sign runs wrote {all_rows:,} signatures (warm-ups included): {outbox['sent']:,} "
        f"confirmation emails sent by the worker while it ran, {outbox['waiting']:,} waiting in "
        f"their rows for the dispatcher, {outbox['lost']:,} lost"
    )
    if outbox["lost"] or outbox["sent"] + outbox["waiting"] < all_rows:
        note += " — EMAILS MISSING"
        for result in results:
            result.ok = False
    run.notes.append(note + ".")
    print("  " + run.notes[-1], flush=True)


# --- export ---------------------------------------------------------------------------------


def scenario_export(run: Run, stack: Stack, label: str, expected: int) -> None:
    from bench import export_probe

    outcome = export_probe.measure(stack, SLUG, label, expected)
    if outcome is None:
        run.notes.append("CSV export: not available in this tree yet.")
    else:
        run.exports.append(outcome)
        run.notes.append(export_probe.describe(outcome) + ".")
    print("  " + run.notes[-1], flush=True)
    if outcome and len(run.exports) > 1:
        small, big = run.exports[0], run.exports[-1]
        growth = big["rss_peak_mib"] - small["rss_peak_mib"]
        # SQLite's page cache (cache_size, 20 MB a connection) fills while the export reads
        # through the table; flat means it stops growing once that is full.
        timeline = big["timeline"]
        late = timeline[-1][1] - timeline[0][1] if len(timeline) > 1 else growth
        run.notes.append(
            f"CSV export memory: peak {small['rss_peak_mib']:.0f} MiB for {small['rows']:,} rows, "
            f"{big['rss_peak_mib']:.0f} MiB for {big['rows']:,} rows ({growth:+.0f} MiB, "
            f"{late:+.0f} MiB over the last three quarters of the rows): "
            + ("flat." if late < 10 else "**NOT flat**.")
        )
        print("  " + run.notes[-1], flush=True)


# --- report -----------------------------------------------------------------------------------


def gunicorn_overrides(args: argparse.Namespace) -> dict[str, str]:
    overrides = {}
    if args.workers:
        overrides["GUNICORN_WORKERS"] = str(args.workers)
    if args.threads:
        overrides["GUNICORN_THREADS"] = str(args.threads)
    if args.worker_class:
        overrides["GUNICORN_WORKER_CLASS"] = args.worker_class
    for assignment in args.env:
        name, _sep, value = assignment.partition("=")
        overrides[name] = value
    return overrides


def gunicorn_settings(env: dict[str, str]) -> dict[str, object]:
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    keys = (
        "workers",
        "worker_class",
        "threads",
        "reuse_port",
        "keepalive",
        "max_requests",
        "accesslog",
    )
    return {key: config.get(key) for key in keys}


def machine_facts(run: Run) -> dict[str, str]:
    import django
    import gunicorn

    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.*)", cpuinfo)
    mem_kb = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    args = run.args
    return {
        "Date": date.today().isoformat(),
        "Machine": (
            f"{os.cpu_count()} cores ({model.group(1).strip() if model else 'unknown CPU'}), "
            f"{mem_kb / 1024 / 1024:.0f} GiB RAM, Linux {platform.release()}; a VM shared "
            f"with other work (see the CPU columns); speed probe {cpu_speed():.0f} ms at start"
        ),
        "Software": (
            f"Python {platform.python_version()}, Django {django.get_version()}, "
            f"gunicorn {gunicorn.__version__}, SQLite {sqlite3.sqlite_version}, "
            f"{wrk_version.split(' [')[0].strip()}"
        ),
        "Server": ", ".join(f"{k}={v}" for k, v in gunicorn_settings(run.small.server_env).items()),
        "Load": (
            f"wrk -t{args.wrk_threads} -c{args.connections} over loopback, on the same 2 "
            f"cores; {args.duration:g} s runs after a {args.warmup:g} s warm-up; "
            f"compared scenarios in {args.rounds} alternating rounds, median shown"
        ),
        "Database": (
            "SQLite (WAL, synchronous=NORMAL, BEGIN IMMEDIATE), a fresh file per run; "
            "signature rate limits set to 10^9 (they are applied by the worker anyway)"
        ),
    }


def _met(ok: bool | None) -> str:
    return {True: "yes", False: "**no**", None: ""}[ok]


def summary(run: Run) -> list[str]:
    """One line per target: the numbers a reader wants first."""
    big = scale_label(run.args.rows)
    lines = [
        f"| Scenario | Target | 1k signatures | {big} signatures | {big} vs 1k | Met |",
        "|---|---|---:|---:|---:|---|",
    ]
    for title, goal, small, large in run.pairs:
        ok = all(r.ok is not False for r in (small, large))
        lines.append(
            f"| {title} | {goal} | {small.rps:,.0f}/s (p99 {small.p99_ms:,.0f} ms) | "
            f"{large.rps:,.0f}/s (p99 {large.p99_ms:,.0f} ms) | {large.rps / small.rps:.0%} | "
            f"{_met(ok)} |"
        )
    for sign, bare_orm, bare_sql in run.signs:
        lines.append(
            f"| {sign.name} | ≥ 500/s for {run.args.duration:g} s, p99 < 250 ms, ≥ 0.5 × a bare "
            f"insert | {sign.rps:,.0f}/s (p99 {sign.p99_ms:,.0f} ms); "
            f"{sign.rps / bare_orm.rps:.2f} × bare ORM create() ({bare_orm.rps:,.0f}/s), "
            f"{sign.rps / bare_sql.rps:.2f} × bare plain SQL ({bare_sql.rps:,.0f}/s) | | | "
            f"{_met(sign.ok)} |"
        )
    if len(run.exports) > 1:
        small, large = run.exports[0], run.exports[-1]
        timeline = large["timeline"]
        late = timeline[-1][1] - timeline[0][1] if len(timeline) > 1 else 0.0
        lines.append(
            f"| CSV export, all signatures | streams in flat memory | {small['rows']:,} rows: "
            f"peak RSS {small['rss_peak_mib']:.0f} MiB | {large['rows']:,} rows in "
            f"{large['seconds']:.0f} s: peak RSS {large['rss_peak_mib']:.0f} MiB | "
            f"{late:+.0f} MiB over the last ¾ | {_met(late < 10)} |"
        )
    return lines if len(lines) > 2 else []


def markdown(run: Run) -> str:
    argv = " ".join(sys.argv[1:])
    lines = [
        f"Run on {run.facts['Date']}: `make bench{' BENCH_ARGS=' + repr(argv) if argv else ''}`.",
        "",
    ]
    lines += [f"- **{key}:** {value}" for key, value in run.facts.items() if key != "Date"]
    top = summary(run)
    if top:
        lines += ["", *top]
    if run.events:
        lines += ["", *events.summary_table(run)]
    lines += [
        "",
        "Every run (compared ones: median of the alternating rounds):",
        "",
        "| Scenario | req/s | p50 ms | p99 ms | errors | server CPU ms/req | CPU: server / wrk / others | target | met | notes |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for r in run.results:
        met = {True: "yes", False: "**no**", None: ""}[r.ok]
        spread = f" (rounds {min(r.rounds):,.0f}–{max(r.rounds):,.0f})" if len(r.rounds) > 1 else ""
        lines.append(
            f"| {r.name} | {r.rps:,.0f}{spread} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | "
            f"{r.errors}{' (' + r.error_kinds + ')' if r.error_kinds else ''} | {r.cpu_ms:.2f} | "
            f"{r.cpu_server:.0f}% / {r.cpu_wrk:.0f}% / {r.cpu_others:.0f}% | {r.target} | {met} | "
            f"{r.note} |"
        )
    notes = run.notes + (run.events.notes if run.events else [])
    if notes:
        lines.append("")
        lines += [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def write_doc(text: str, start: str = START, end: str = END, title: str = "Latest results") -> None:
    current = DOC.read_text() if DOC.exists() else "# Performance\n"
    if start not in current:
        current += f"\n## {title}\n\n{start}\n{end}\n"
    head, rest = current.split(start, 1)
    _old, tail = rest.split(end, 1)
    DOC.write_text(f"{head}{start}\n{text}{end}{tail}")


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="5 s runs, 1 round, 20,000 rows, no docs update"
    )
    parser.add_argument("--only", default="", help=f"comma-separated: {', '.join(SCENARIOS)}")
    parser.add_argument("-d", "--duration", type=float, default=30, help="seconds per run")
    parser.add_argument("--warmup", type=float, default=5, help="seconds of unmeasured load first")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="alternating rounds for compared scenarios (median reported)",
    )
    parser.add_argument("-c", "--connections", type=int, default=32)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument(
        "--retries",
        type=int,
        default=3,
        help="repeat a run disturbed by other processes up to this many times",
    )
    parser.add_argument(
        "--max-others",
        type=float,
        default=10,
        help="%% of the machine other processes may use before a run is repeated",
    )
    parser.add_argument("--rows", type=int, default=1_000_000, help="signatures for `scale`")
    parser.add_argument("--workers", type=int, help="GUNICORN_WORKERS for this run")
    parser.add_argument("--threads", type=int, help="GUNICORN_THREADS for this run")
    parser.add_argument("--worker-class", help="GUNICORN_WORKER_CLASS for this run")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="more environment for the servers, e.g. GUNICORN_REUSE_PORT=0",
    )
    parser.add_argument(
        "--no-sign-with-worker",
        dest="sign_with_worker",
        action="store_false",
        help="skip the sign run with the background worker going",
    )
    parser.add_argument(
        "--reminders", type=int, default=10_000, help="confirmed registrants for `reminders`"
    )
    parser.add_argument(
        "--reminder-rate", type=float, default=200, help="EMAIL_MAX_PER_SECOND for `reminders`"
    )
    parser.add_argument(
        "--reminder-workers",
        type=int,
        default=2,
        help="worker processes for `reminders` (a site sending faster than one worker can "
        "runs several: docs/deployment.md)",
    )
    parser.add_argument(
        "--no-reminder-kill",
        dest="reminder_kill",
        action="store_false",
        help="skip the reminders run with the worker killed part-way",
    )
    parser.add_argument(
        "--write",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="update docs/performance.md (default: only for a full run)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary VAR_DIRs")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.warmup = min(args.duration, 5), min(args.warmup, 1)
        args.rows, args.rounds = min(args.rows, 20_000), 1
        args.reminders, args.reminder_kill = min(args.reminders, 500), False
    args.scenarios = [s for s in (args.only.split(",") if args.only else SCENARIOS) if s]
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    # A run of the events scenarios alone updates only their section of the docs; so does a
    # run of the motions' (with the statement page they are compared with).
    events_only = set(args.scenarios) <= set(events.SCENARIOS)
    motions_only = set(args.scenarios) <= {"page", *motions.SCENARIOS}
    textindex_only = set(args.scenarios) <= set(textindex.SCENARIOS)
    newsroom_only = set(args.scenarios) <= {"page", *newsroom.SCENARIOS}
    args.write_events = args.write_motions = args.write_textindex = args.write
    args.write_newsroom = args.write
    if args.write is None:
        args.write = not args.quick and not args.only
        args.write_events = not args.quick and (not args.only or events_only)
        args.write_motions = not args.quick and (not args.only or motions_only)
        args.write_textindex = not args.quick and "textindex" in args.scenarios
        args.write_newsroom = not args.quick and (not args.only or newsroom_only)
    elif events_only or motions_only or textindex_only or newsroom_only:
        args.write = False
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if not shutil.which("wrk"):
        sys.exit("bench needs wrk (apt install wrk)")
    var_dir = Path(tempfile.mkdtemp(prefix="ayni-bench-"))
    port = free_port()
    env = bench_env(var_dir, port)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connections

    from bench import seed

    options = Options(
        duration=args.duration,
        warmup=args.warmup,
        connections=args.connections,
        wrk_threads=args.wrk_threads,
        retries=args.retries,
        max_others=args.max_others,
    )
    run = Run(args=args, options=options, small=Stack(var_dir=var_dir, env=env, port=port))
    print(f"Preparing {var_dir} ({SMALL:,} confirmed signatures)…", flush=True)
    seed.prepare(confirmed=SMALL)
    events.prepare()
    if "motion_page" in args.scenarios:
        print(f"Preparing the motion ({motions.BODIES:,} bodies)…", flush=True)
        built = motions.prepare()
        print(f"  {built}", flush=True)
    if "article_page" in args.scenarios:
        print("Preparing 20,000 articles…", flush=True)
        print(f"  {newsroom.prepare()}", flush=True)
    connections.close_all()
    started = time.monotonic()
    try:
        run.small.start_server(gunicorn_overrides(args))
        run.facts = machine_facts(run)
        for key, value in run.facts.items():
            print(f"{key}: {value}")
        wanted = set(args.scenarios)
        if "export" in wanted:
            scenario_export(run, run.small, "1k signatures", SMALL)
        if "scale" in wanted:
            scenario_scale(run)
        elif wanted & {"count", "page", "wall"}:
            scenario_reads(run)
        if "sign" in wanted:
            scenario_sign(run)
        if "event_page" in wanted:
            events.scenario_event_page(run, page_item(run.small, "1k"))
        if "register" in wanted:
            sign = sign_item(run.small, *csrf_pair(run.small))
            events.scenario_register(run, sign, _signatures)
        if "reminders" in wanted:
            events.scenario_reminders(run)
        if "motion_page" in wanted:
            motions.scenario_motion_page(run, page_item(run.small, "1k"))
        if "textindex" in wanted:
            textindex.scenario(run)
        if "article_page" in wanted:
            newsroom.scenario_article_page(run, page_item(run.small, "1k"))
        if wanted & {"similar_build", "news_search"}:
            newsroom.scenario_backends(run)
        if "export" in wanted and run.big:
            scenario_export(run, run.big, f"{scale_label(args.rows)} signatures", args.rows)
    finally:
        for stack in (run.small, run.big):
            if stack:
                stack.stop()
                if not args.keep:
                    shutil.rmtree(stack.var_dir, ignore_errors=True)
                else:
                    print(f"Kept {stack.var_dir}")
    run.notes.append(f"The whole run took {(time.monotonic() - started) / 60:.0f} minutes.")
    report = markdown(run)
    print()
    print(report)
    if args.write:
        write_doc(report)
        print(f"Wrote {DOC.relative_to(ROOT)}")
    if args.write_events and run.events:
        write_doc(events.markdown(run, run.facts), *events.MARKERS, title=events.TITLE)
        print(f"Wrote the events section of {DOC.relative_to(ROOT)}")
    if args.write_motions and run.motions:
        write_doc(motions.markdown(run, run.facts), *motions.MARKERS, title=motions.TITLE)
        print(f"Wrote the motions section of {DOC.relative_to(ROOT)}")
    if args.write_newsroom and run.newsroom:
        write_doc(newsroom.markdown(run, run.facts), *newsroom.MARKERS, title=newsroom.TITLE)
        print(f"Wrote the newsroom section of {DOC.relative_to(ROOT)}")
    missed = [r.name for r in run.results if r.ok is False]
    if missed:
        print("Missed targets: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
