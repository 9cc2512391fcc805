"""Load benchmarks against the production server on loopback: `make bench`.

A throwaway VAR_DIR and SQLite database, gunicorn started from gunicorn.conf.py, load from
wrk in a separate process, results printed and written to docs/performance.md.

    make bench                                   # everything (about 10 minutes)
    make bench BENCH_ARGS=--quick                # 5-second smoke of every scenario, 20k rows
    make bench BENCH_ARGS="--only sign,count"    # some scenarios
    make bench BENCH_ARGS="--only page -d 10 --workers 3 --threads 2"

Scenarios: count, page, wall, sign, scale (1,000,000 rows: page, count, wall page 1,000),
export (CSV of every signature, peak RSS). Load only ever goes to 127.0.0.1, and every wrk
run stops by itself after its duration.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import json
import os
import platform
import re
import resource
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

from bench.stack import Stack, bench_env, free_port  # noqa: E402

LUA = ROOT / "bench" / "lua"
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
SCENARIOS = ["count", "page", "wall", "sign", "scale", "export"]
SMALL = 1_000


@dataclass
class Result:
    name: str
    path: str
    rps: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    requests: int
    errors: int
    cpu_busy: float
    cpu_server: float = 0.0
    cpu_wrk: float = 0.0
    cpu_others: float = 0.0
    idle_cpu: float = 0.0
    phase: str = "m0"
    cpu_ms: float = 0.0
    per_worker: list[int] = field(default_factory=list)
    speed_ms: float = 0.0
    error_kinds: str = ""
    target: str = ""
    ok: bool | None = None
    note: str = ""


@dataclass
class Run:
    args: argparse.Namespace
    stack: Stack
    slug: str = ""
    results: list[Result] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    exports: list[dict] = field(default_factory=list)


# --- measuring ---------------------------------------------------------------------------


def cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies over all cores, for the machine-wide CPU use during a run."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def process_jiffies(pid: int, *, with_reaped_children: bool = False) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    # After the ")" field 1 is the state; utime, stime, cutime, cstime are fields 12-15.
    used = int(fields[11]) + int(fields[12])
    if with_reaped_children:
        used += int(fields[13]) + int(fields[14])
    return used


def our_jiffies(run: Run) -> int:
    """CPU used so far by the server (arbiter, live workers, reaped workers) and the worker."""
    used = 0
    for process in (run.stack.server, run.stack.worker):
        if process is not None:
            used += process_jiffies(process.pid, with_reaped_children=True)
    for pid in run.stack.worker_pids():
        used += process_jiffies(pid)
    if run.stack.worker is not None:
        children = Path(f"/proc/{run.stack.worker.pid}/task/{run.stack.worker.pid}/children")
        with contextlib.suppress(OSError):
            used += sum(process_jiffies(int(pid)) for pid in children.read_text().split())
    return used


def cpu_speed() -> float:
    """CPU ms a fixed pure-Python workload takes right now (best of 5; lower is faster).

    This machine is a VM whose speed per CPU-second drifts (neighbours on the host): runs
    are only comparable when this number is about the same.
    """
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        table: dict[str, int] = {}
        for i in range(200_000):
            table[str(i % 5000)] = table.get(str(i % 7000), 0) + i
        best = min(best, time.process_time() - started)
    return best * 1000


def background_cpu(seconds: float = 1.0) -> float:
    """Machine-wide CPU busy % while we send nothing (other people's work on a shared box)."""
    busy0, total0 = cpu_times()
    time.sleep(seconds)
    busy1, total1 = cpu_times()
    return 100 * (busy1 - busy0) / max(1, total1 - total0)


def wait_for_quiet(run: Run, *, limit: float = 15.0, patience: float = 120.0) -> float:
    """Wait (up to `patience` s) until the idle server and everything else use < `limit`% CPU."""
    deadline = time.monotonic() + patience
    busy = background_cpu()
    while busy >= limit and time.monotonic() < deadline:
        print(f"    (machine busy: {busy:.0f}% CPU before load; waiting)", flush=True)
        time.sleep(4)
        busy = background_cpu()
    return busy


def wrk(run: Run, path: str, script: str, *script_args: str, duration: float) -> dict:
    """One wrk run against 127.0.0.1; returns its summary (latencies in microseconds)."""
    source = (LUA / "report.lua").read_text() + "\n" + (LUA / f"{script}.lua").read_text()
    script_file = run.stack.var_dir / f"{script}.lua"
    script_file.write_text(source)
    command = [
        "wrk", f"-t{run.args.wrk_threads}", f"-c{run.args.connections}",
        f"-d{max(1, round(duration))}s", "--timeout", "10s", "--latency",
        "-s", str(script_file), run.stack.url + path, "--", *script_args,
    ]  # fmt: skip
    busy0, total0 = cpu_times()
    ours0 = our_jiffies(run)
    each0 = {pid: process_jiffies(pid) for pid in run.stack.worker_pids()}
    wrk0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    output = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 60, check=True
    )
    wrk1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    ours1 = our_jiffies(run)
    each1 = {pid: process_jiffies(pid) for pid in run.stack.worker_pids()}
    busy1, total1 = cpu_times()
    line = next(x for x in output.stdout.splitlines() if x.startswith("BENCH_JSON "))
    summary = json.loads(line.removeprefix("BENCH_JSON "))
    total = max(1, total1 - total0)
    hz = os.sysconf("SC_CLK_TCK")
    wrk_jiffies = (wrk1.ru_utime + wrk1.ru_stime - wrk0.ru_utime - wrk0.ru_stime) * hz
    summary["cpu_busy"] = 100 * (busy1 - busy0) / total
    # Each gunicorn worker's share of one core: shows connections piling up on one worker.
    cores = os.cpu_count() or 1
    summary["per_worker"] = sorted(
        (round(100 * cores * (each1[pid] - each0.get(pid, 0)) / total) for pid in each1),
        reverse=True,
    )
    summary["cpu_server"] = 100 * (ours1 - ours0) / total
    summary["cpu_wrk"] = 100 * wrk_jiffies / total
    # Whatever else ran meanwhile (other people's tests on a shared machine), kernel included.
    summary["cpu_others"] = max(
        0.0, summary["cpu_busy"] - summary["cpu_server"] - summary["cpu_wrk"]
    )
    return summary


def measure(
    run: Run, name: str, path: str, script: str = "get", *script_args: str, target: str = ""
) -> Result:
    # On a shared machine someone else's work can take CPU mid-run: such a run is repeated
    # (up to --retries times) and the least disturbed one is kept.
    best = None
    for attempt in range(1 + run.args.retries):
        quiet = wait_for_quiet(run)
        # "{phase}" in an argument tells warm-up and measured runs apart (unique emails).
        if run.args.warmup:
            warm_args = [a.replace("{phase}", f"w{attempt}") for a in script_args]
            wrk(run, path, script, *warm_args, duration=run.args.warmup)
        s = wrk(run, path, script, *[a.replace("{phase}", f"m{attempt}") for a in script_args],
                duration=run.args.duration)  # fmt: skip
        s["attempt"], s["quiet"], s["speed"] = attempt, quiet, cpu_speed()
        if best is None or s["cpu_others"] < best["cpu_others"]:
            best = s
        if s["cpu_others"] <= run.args.max_others:
            break
        print(f"    (others used {s['cpu_others']:.0f}% of the machine during the run; again)")
    s = best
    quiet = s["quiet"]
    errors = sum(s[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors"))
    errors += s["timeouts"]
    result = Result(
        name=name,
        path=path,
        rps=s["requests"] / (s["duration_us"] / 1e6),
        p50_ms=s["p50"] / 1000,
        p99_ms=s["p99"] / 1000,
        max_ms=s["max"] / 1000,
        requests=s["requests"],
        errors=errors,
        cpu_busy=s["cpu_busy"],
        cpu_server=s["cpu_server"],
        cpu_wrk=s["cpu_wrk"],
        cpu_others=s["cpu_others"],
        idle_cpu=quiet,
        phase=f"m{s['attempt']}",
        per_worker=s["per_worker"],
        speed_ms=s["speed"],
        error_kinds=", ".join(
            f"{s[k]} {k.removesuffix('_errors')}"
            for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
            if s[k]
        ),
        # Server CPU time per request: comparable between runs even on a busy machine.
        cpu_ms=(s["cpu_server"] / 100 * (os.cpu_count() or 1) * s["duration_us"] / 1000)
        / max(1, s["requests"]),
        target=target,
    )
    print(
        f"  {name:<44} {result.rps:>8,.0f} req/s  p50 {result.p50_ms:6.1f} ms  "
        f"p99 {result.p99_ms:6.1f} ms  errors {errors}  {result.cpu_ms:.2f} CPU-ms/req  "
        f"cpu: server {result.cpu_server:.0f}% (workers {'/'.join(map(str, result.per_worker))}) "
        f"wrk {result.cpu_wrk:.0f}% others {result.cpu_others:.0f}%  speed {result.speed_ms:.0f}"
        + (f"  [{result.error_kinds}]" if result.error_kinds else ""),
        flush=True,
    )
    run.results.append(result)
    return result


def fetch(run: Run, path: str, opener=None) -> tuple[int, str]:
    opener = opener or urllib.request.build_opener()
    with opener.open(run.stack.url + path, timeout=30) as response:
        return response.status, response.read().decode()


# --- scenarios ------------------------------------------------------------------------------


def scenario_count(run: Run, label: str = "1k") -> Result:
    path = f"/s/{run.slug}/count.json"
    result = measure(run, f"JSON count ({label} signatures)", path, target="≥ 2,000/s")
    result.ok = result.rps >= 2000 and not result.errors
    return result


def scenario_page(run: Run, label: str = "1k") -> Result:
    path = f"/s/{run.slug}/"
    result = measure(run, f"Statement page ({label} signatures)", path, target="≥ 800/s")
    result.ok = result.rps >= 800 and not result.errors
    return result


def scenario_wall(run: Run, page: int, label: str = "1k") -> Result:
    from bench import seed

    cursor = seed.wall_cursor(_statement(run), page=page)
    path = f"/s/{run.slug}/signatories/" + (f"?after={cursor}" if cursor else "")
    return measure(run, f"Wall page {page:,} ({label} signatures)", path)


def _statement(run: Run):
    from ayni.statements.models import Statement

    return Statement.objects.get(slug=run.slug)


def csrf_pair(run: Run) -> tuple[str, str]:
    """A CSRF cookie and a form token for it, fetched the way a browser gets them."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    _status, page = fetch(run, f"/s/{run.slug}/", opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    return token, cookie


def _bench_signatures(prefix: str) -> int:
    from ayni.statements.models import Signature

    return Signature.objects.filter(email__startswith=prefix).count()


def _queued_emails() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path="ayni.statements.tasks.task_send_signature_email"
    ).count()


def scenario_sign(run: Run) -> None:
    from django.db import connections

    bare_sql = measure(run, "Bare insert view, plain SQL", "/__bench__/insert/", "post")
    bare = measure(run, "Bare insert view, ORM create()", "/__bench__/create/", "post")
    token, cookie = csrf_pair(run)
    # One signature by hand first: the form, the token and the redirect all work.
    data = urllib.parse.urlencode({
        "csrfmiddlewaretoken": token, "kind": "individual", "name": "Bench Check",
        "email": "bench.check@example.net", "country": "GB",
    }).encode()  # fmt: skip
    request = urllib.request.Request(
        f"{run.stack.url}/s/{run.slug}/sign/", data, headers={"Cookie": f"csrftoken={cookie}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert "check-your-inbox" in response.url, response.url
    variants = [("worker stopped", False)]
    if run.args.sign_with_worker:
        variants.append(("worker running", True))
    for label, with_worker in variants:
        if with_worker:
            run.stack.start_worker()
        run_id = f"{int(time.time())}{'w' if with_worker else 's'}"
        queued_before = _queued_emails()
        connections.close_all()
        result = measure(
            run, f"Sign ({label})", f"/s/{run.slug}/sign/", "sign",
            f"/s/{run.slug}/sign/", token, cookie, run_id + "{phase}",
            target="≥ 500/s, p99 < 250 ms, ≥ 0.5 × bare ORM",
        )  # fmt: skip
        if with_worker:
            run.stack.stop_worker()
        rows = _bench_signatures(f"bench.{run_id}{result.phase}.")
        all_rows = _bench_signatures(f"bench.{run_id}")
        queued = _queued_emails() - queued_before
        connections.close_all()
        ratio = result.rps / bare.rps if bare.rps else 0
        ratio_sql = result.rps / bare_sql.rps if bare_sql.rps else 0
        result.ok = result.rps >= 500 and result.p99_ms < 250 and ratio >= 0.5 and not result.errors
        # Every acknowledged request must have its row and its email task (a request still in
        # flight when wrk stops may add a row wrk did not count, hence "at least").
        result.note = (
            f"{ratio:.2f} × bare ORM create(), {ratio_sql:.2f} × bare plain SQL; "
            f"{rows:,} rows for {result.requests:,} requests, "
            f"{queued:,} email tasks for {all_rows:,} rows (warm-up included)"
        )
        if rows < result.requests or queued < all_rows:
            result.ok = False
            result.note += " — ROWS MISSING"
        print(f"    {result.note}")


def scenario_scale(run: Run) -> None:
    """The same statement grown from 1,000 to `--rows` confirmed signatures."""
    from django.db import connections

    from bench import seed

    statement = _statement(run)
    run.stack.stop_server()
    started = time.monotonic()
    inserted = seed.grow(statement, confirmed=run.args.rows)
    load_seconds = time.monotonic() - started
    started = time.monotonic()
    drifts = seed.check_counts()
    check_seconds = time.monotonic() - started
    wall = seed.wall_size(statement)
    connections.close_all()
    run.notes.append(
        f"Scale set-up: {inserted:,} rows inserted in {load_seconds:.0f} s "
        f"({inserted / max(load_seconds, 0.001):,.0f} rows/s, plain SQL in "
        f"{seed.BATCH:,}-row transactions, tallies moved by the same amounts); "
        f"reconciliation against COUNT(*) took {check_seconds:.1f} s and found "
        f"{'no drift' if not drifts else '; '.join(drifts)}. "
        f"{wall:,} individual names on the public wall."
    )
    print("  " + run.notes[-1])
    run.stack.start_server(gunicorn_overrides(run.args))
    label = f"{run.args.rows / 1e6:g}M" if run.args.rows >= 1e6 else f"{run.args.rows:,}"
    _status, body = fetch(run, f"/s/{run.slug}/count.json")
    assert json.loads(body)["count"] == run.args.rows, body
    deep_page = min(1000, wall // 50)
    pairs = [
        ("JSON count", scenario_count(run, label), "JSON count (1k signatures)"),
        ("Statement page", scenario_page(run, label), "Statement page (1k signatures)"),
        ("Wall page 1", scenario_wall(run, 1, label), "Wall page 1 (1k signatures)"),
        (f"Wall page {deep_page:,}", scenario_wall(run, deep_page, label), "Wall page 10 (1k signatures)"),
    ]  # fmt: skip
    small = {r.name: r for r in run.results}
    for _what, result, baseline_name in pairs:
        baseline = small.get(baseline_name)
        if not baseline:
            continue
        ratio = result.rps / baseline.rps
        result.note = (result.note + "; " if result.note else "") + (
            f"{ratio:.0%} of the speed at 1k ({baseline.name})"
        )
        result.target = (result.target + "; " if result.target else "") + "≥ 80% of 1k"
        result.ok = (result.ok is not False) and ratio >= 0.8 and not result.errors
        print(f"    {result.name}: {result.note}")


def scenario_export(run: Run, label: str) -> dict | None:
    from django.db import connections

    from bench import export_probe

    outcome = export_probe.measure(run, label)
    connections.close_all()
    if outcome is None:
        run.notes.append("CSV export: not available in this tree yet.")
    else:
        run.exports.append(outcome)
        run.notes.append(export_probe.describe(outcome) + ".")
    print("  " + run.notes[-1])
    if outcome and len(run.exports) > 1:
        small, big = run.exports[0], run.exports[-1]
        growth = big["rss_peak_mib"] - small["rss_peak_mib"]
        flat = growth < 25
        run.notes.append(
            f"CSV export memory: peak {small['rss_peak_mib']:.0f} MiB for {small['rows']:,} rows, "
            f"{big['rss_peak_mib']:.0f} MiB for {big['rows']:,} rows "
            f"({growth:+.0f} MiB): {'flat' if flat else '**NOT flat**'}."
        )
        print("  " + run.notes[-1])
    return outcome


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
    keys = ("workers", "worker_class", "threads", "reuse_port", "keepalive", "max_requests",
            "accesslog")  # fmt: skip
    return {key: config.get(key) for key in keys}


def machine_facts(run: Run) -> dict[str, str]:
    import django
    import gunicorn

    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.*)", cpuinfo)
    mem_kb = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    return {
        "Date": date.today().isoformat(),
        "Machine": (
            f"{os.cpu_count()} cores ({model.group(1).strip() if model else 'unknown CPU'}), "
            f"{mem_kb / 1024 / 1024:.0f} GiB RAM, Linux {platform.release()}"
        ),
        "Software": (
            f"Python {platform.python_version()}, Django {django.get_version()}, "
            f"gunicorn {gunicorn.__version__}, SQLite {sqlite3.sqlite_version}, "
            f"{wrk_version.split(' [')[0].strip()}"
        ),
        "Server": ", ".join(f"{k}={v}" for k, v in gunicorn_settings(run.stack.server_env).items()),
        "Load": (
            f"wrk -t{run.args.wrk_threads} -c{run.args.connections}, {run.args.duration:g} s per "
            f"scenario after a {run.args.warmup:g} s warm-up, on the same machine over loopback"
        ),
        "Database": "SQLite (WAL, synchronous=NORMAL, BEGIN IMMEDIATE), a fresh file per run",
    }


def markdown(run: Run) -> str:
    lines = [f"Run on {run.facts['Date']} with `{' '.join(['make bench', *sys.argv[1:]])}`.", ""]
    lines += [f"- **{key}:** {value}" for key, value in run.facts.items() if key != "Date"]
    lines += ["", "| Scenario | req/s | p50 ms | p99 ms | errors | server CPU-ms/req | CPU: server / wrk / others | target | met | notes |",
              "|---|---:|---:|---:|---:|---:|---:|---|---|---|"]  # fmt: skip
    for r in run.results:
        met = {True: "yes", False: "**no**", None: ""}[r.ok]
        lines.append(
            f"| {r.name} | {r.rps:,.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.errors} | {r.cpu_ms:.2f} | "
            f"{r.cpu_server:.0f}% / {r.cpu_wrk:.0f}% / {r.cpu_others:.0f}% | {r.target} | {met} | "
            f"{r.note} |"
        )
    if run.notes:
        lines.append("")
        lines += [f"- {note}" for note in run.notes]
    return "\n".join(lines) + "\n"


def write_doc(text: str) -> None:
    if DOC.exists():
        current = DOC.read_text()
    else:
        current = f"# Performance\n\n## Latest results\n\n{START}\n{END}\n"
    if START not in current:
        current += f"\n## Latest results\n\n{START}\n{END}\n"
    head, rest = current.split(START, 1)
    _old, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{text}{END}{tail}")


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="5 s runs, 20,000 rows, no doc update")
    parser.add_argument("--only", default="", help=f"comma-separated: {', '.join(SCENARIOS)}")
    parser.add_argument("-d", "--duration", type=float, default=30, help="seconds per scenario")
    parser.add_argument("--warmup", type=float, default=5, help="seconds of unmeasured load first")
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
        help="extra environment for the server, e.g. GUNICORN_REUSE_PORT=0",
    )
    parser.add_argument("--no-sign-with-worker", dest="sign_with_worker", action="store_false",
                        help="skip the second sign run with the background worker going")  # fmt: skip
    parser.add_argument("--write", action=argparse.BooleanOptionalAction, default=None,
                        help="update docs/performance.md (default: yes unless --quick/--only)")  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the temporary VAR_DIR")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.warmup = min(args.duration, 5), min(args.warmup, 1)
        args.rows = min(args.rows, 20_000)
    args.scenarios = [s for s in (args.only.split(",") if args.only else SCENARIOS) if s]
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    if args.write is None:
        args.write = not args.quick and not args.only
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
    from bench import seed

    run = Run(args=args, stack=Stack(var_dir=var_dir, env=env, port=port))
    print(f"Preparing {var_dir} (1,000 confirmed signatures)…", flush=True)
    statement = seed.prepare(confirmed=SMALL)
    run.slug = statement.slug
    from django.db import connections

    connections.close_all()
    try:
        run.stack.start_server(gunicorn_overrides(args))
        run.facts = machine_facts(run)
        for key, value in run.facts.items():
            print(f"{key}: {value}")
        if "count" in args.scenarios:
            scenario_count(run)
        if "page" in args.scenarios:
            scenario_page(run)
        if "wall" in args.scenarios or "scale" in args.scenarios:
            scenario_wall(run, 1)
            scenario_wall(run, 10)
        if "scale" in args.scenarios:
            if "count" not in args.scenarios:
                scenario_count(run)
            if "page" not in args.scenarios:
                scenario_page(run)
        if "export" in args.scenarios:
            scenario_export(run, "1k signatures")
        if "sign" in args.scenarios:
            scenario_sign(run)
        if "scale" in args.scenarios:
            scenario_scale(run)
            if "export" in args.scenarios:
                scenario_export(run, f"{run.args.rows:,} signatures")
    finally:
        run.stack.stop()
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)
        else:
            print(f"Kept {var_dir}")
    report = markdown(run)
    print()
    print(report)
    if args.write:
        write_doc(report)
        print(f"Wrote {DOC.relative_to(ROOT)}")
    missed = [r.name for r in run.results if r.ok is False]
    if missed:
        print("Missed targets: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
