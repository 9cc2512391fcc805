"""The events benchmarks (issue 8), run by bench/run.py in the same run as the statements'.

    make bench BENCH_ARGS="--only event_page,register,reminders"

Scenarios
  event_page  an upcoming published event's page (the demo's online event: a panel of five,
              an agenda of six, a description) in rounds alternating with the statement page
              on the same server; target ≥ 0.9 × the statement page
  register    the real register form (CSRF, validation, the registration row and its
              confirmation email's row) in rounds alternating with the sign form; target
              ≥ 0.8 × signing; every acknowledged request must have both rows
  reminders   the real workers (`manage.py run_worker`, `--reminder-workers`, 2 by default: a
              site configured to send faster than one worker can runs several) send the
              1-hour reminders of an event with 10,000 confirmed registrants through a local
              SMTP server (bench/smtp_sink.py, its own process) at EMAIL_MAX_PER_SECOND; the
              workers' memory is sampled from /proc; each reminder must reach the server
              exactly once. Then again on a second event with the workers killed (SIGKILL)
              part-way and started afresh.

The reminders run on a database of their own (a fresh migrate), so nothing the other scenarios
left due is sent with them. Its registrants are written with the ORM's bulk_create (not
through the register form and the confirm link: that is the register scenario's business).
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import Item, Result, process_jiffies  # noqa: E402
from bench.stack import PYTHON, Stack, bench_env, free_port  # noqa: E402

SCENARIOS = ["event_page", "register", "reminders"]
EVENT_SLUG = "lithium-and-sovereignty"  # the demo's upcoming online event
PAGE_TARGET, REGISTER_TARGET = 0.9, 0.8
KILL_AT = 0.4  # the kill variant kills the workers once this share of reminders went out
STALL_SECONDS = 180  # a reminders run gives up after this long without a message
MARKERS = ("<!-- bench:events:start -->", "<!-- bench:events:end -->")
TITLE = "Events (issue 8): latest results"


@dataclass
class Pair:
    """An events item measured in alternating rounds with the statements item it is held to."""

    title: str
    goal: str
    yardstick: Result
    result: Result

    @property
    def ratio(self) -> float:
        return self.result.rps / self.yardstick.rps if self.yardstick.rps else 0.0

    @property
    def cpu_ratio(self) -> float:
        """The same comparison by the server's CPU per request, which other processes on a
        shared machine disturb far less than the rate."""
        return self.yardstick.cpu_ms / self.result.cpu_ms if self.result.cpu_ms else 0.0


@dataclass
class Outcome:
    pairs: list[Pair] = field(default_factory=list)
    reminders: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def outcome(run: Any) -> Outcome:
    if not isinstance(run.events, Outcome):
        run.events = Outcome()
    return run.events


def fetch_with_cookies(stack: Stack, path: str) -> tuple[str, http.cookiejar.CookieJar]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(stack.url + path, timeout=30) as response:
        return response.read().decode(), jar


# --- The event on the bench's main database --------------------------------------------------


def prepare() -> None:
    """The demo's upcoming online event (and its 20 fictional registrants), in the database the
    bench process is set up on. Idempotent."""
    from ayni.events.demo import seed_upcoming_event
    from ayni.events.demo.upcoming import ONLINE
    from ayni.events.models import Event

    if not Event.objects.filter(slug=EVENT_SLUG).exists():
        seed_upcoming_event(ONLINE)


def event_path(slug: str = EVENT_SLUG) -> str:
    return f"/en/events/{slug}/"


def event_page_item(stack: Stack) -> Item:
    return Item(
        "Event page (panel of 5, agenda of 6)",
        stack,
        event_path(),
        target=f"≥ {PAGE_TARGET} × statement page",
    )


def scenario_event_page(run: Any, statement_page: Item) -> None:
    page, _jar = fetch_with_cookies(run.small, event_path())
    # The page under load is the real one: the panel, the agenda and the form are on it.
    for expected in ("Tomasa Ejemplar Quispe", "Lithium, prices and power", "csrfmiddlewaretoken"):
        assert expected in page, f"{expected!r} is not on the event page"
    yardstick, result = run.measure(
        [statement_page, event_page_item(run.small)], rounds=run.args.rounds
    )
    pair = Pair("Event page", f"≥ {PAGE_TARGET} × the statement page", yardstick, result)
    result.ok = pair.ratio >= PAGE_TARGET and not result.errors
    result.note = f"{pair.ratio:.2f} × {yardstick.name} ({yardstick.rps:,.0f}/s)"
    outcome(run).pairs.append(pair)
    print(f"    {result.name}: {result.note}", flush=True)


# --- Registering -------------------------------------------------------------------------------


def register_item(stack: Stack) -> Item:
    page, jar = fetch_with_cookies(stack, event_path())
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, "no CSRF token on the event page"
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    path = f"/en/events/{EVENT_SLUG}/register/"
    fields = (
        "name=Bench+Registrant+{n}&country=GB&organisation=Bench+Branch"
        "&access_needs=Captions%2C+please.&wants_report_back=on&via=&website="
    )
    return Item(
        "Register (worker stopped)",
        stack,
        path,
        "form",
        (path, found.group(1), cookie, "{phase}", fields, "11"),
        target=f"≥ {REGISTER_TARGET} × sign",
    )


def _check_register_by_hand(stack: Stack, item: Item) -> None:
    """One registration by hand first: the form, the token and the redirect all work."""
    path, token, cookie = item.args[:3]
    data = (
        f"csrfmiddlewaretoken={token}&name=Bench+Check&email=bench.check%40example.org"
        "&country=GB&website="
    ).encode()
    request = urllib.request.Request(
        stack.url + path, data, headers={"Cookie": f"csrftoken={cookie}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert "check-inbox" in response.url, response.url


def registration_rows(prefix: str) -> dict[str, int]:
    """The registrations made from `prefix` addresses, and how their confirmation emails are:
    waiting in their rows for the dispatcher, sent, or lost (no row, or emptied unsent)."""
    from django.db.models import Count, Exists, OuterRef, Q

    from ayni.events.enums import EmailKind
    from ayni.events.models import EventEmail, Registration

    confirmations = EventEmail.objects.filter(registration=OuterRef("pk"), kind=EmailKind.CONFIRM)
    due_or_sent = confirmations.filter(~Q(email_due="") | Q(emailed_at__isnull=False))
    return Registration.objects.filter(email__startswith=prefix).aggregate(
        registrations=Count("pk"),
        with_confirmation=Count("pk", filter=Exists(confirmations)),
        waiting=Count("pk", filter=Exists(confirmations.exclude(email_due=""))),
        lost=Count("pk", filter=~Exists(due_or_sent)),
    )


def scenario_register(run: Any, sign: Item, signatures: Callable[[str], int]) -> None:
    from django.db import connections

    stack = run.small
    item = register_item(stack)
    _check_register_by_hand(stack, item)
    connections.close_all()
    yardstick, result = run.measure([sign, item], rounds=run.args.rounds)
    pair = Pair("Register", f"≥ {REGISTER_TARGET} × signing", yardstick, result)
    rows = registration_rows(f"bench.{result.phase}.")
    sign_rows = signatures(f"bench.{yardstick.phase}.")
    everything = registration_rows("bench.r")
    connections.close_all()
    result.ok = pair.ratio >= REGISTER_TARGET and not result.errors
    result.note = (
        f"{pair.ratio:.2f} × {yardstick.name} ({yardstick.rps:,.0f}/s); "
        f"{rows['registrations']:,} registrations and {rows['with_confirmation']:,} "
        f"confirmation emails for {result.requests:,} requests"
    )
    # A request still in flight when wrk stops may add a row wrk did not count: "at least".
    if min(rows["registrations"], rows["with_confirmation"]) < result.requests:
        result.ok = False
        result.note += " — ROWS MISSING"
    yardstick.note = f"{sign_rows:,} rows for {yardstick.requests:,} requests"
    if sign_rows < yardstick.requests:
        yardstick.ok = False
        yardstick.note += " — ROWS MISSING"
    note = (
        f"Register runs wrote {everything['registrations']:,} registrations (warm-ups "
        f"included): {everything['with_confirmation']:,} with their confirmation email's row, "
        f"{everything['waiting']:,} of those waiting for the dispatcher (the worker was "
        f"stopped), {everything['lost']:,} lost"
    )
    if everything["lost"]:
        note += " — EMAILS MISSING"
        result.ok = False
    outcome(run).pairs.append(pair)
    outcome(run).notes.append(note + ".")
    print(f"    {result.name}: {result.note}", flush=True)
    print(f"    {yardstick.name}: {yardstick.note}", flush=True)
    print("  " + note, flush=True)


# --- Reminders ------------------------------------------------------------------------------


def seed_reminders(slug: str, count: int) -> dict[str, Any]:
    """(In a process set up on the reminders database.) An upcoming published event starting in
    30 minutes (so its 1-hour reminder moment has passed) with `count` registrants holding a
    place since yesterday, and 100 cancelled and 100 unconfirmed ones, who must get nothing."""
    from dataclasses import replace
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from ayni.events.demo import seed_upcoming_event
    from ayni.events.demo.upcoming import ONLINE
    from ayni.events.enums import RegistrationStatus
    from ayni.events.models import Event, Registration

    call_command("migrate", "--no-input", verbosity=0)
    plan = replace(ONLINE, event={**ONLINE.event, "slug": slug}, registrants=0)
    event = seed_upcoming_event(plan)
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        starts_at=now + timedelta(minutes=30), ends_at=now + timedelta(minutes=120)
    )
    started = time.monotonic()
    yesterday = now - timedelta(days=1)
    kinds = [(RegistrationStatus.CONFIRMED, count)]
    kinds += [(RegistrationStatus.CANCELLED, 100), (RegistrationStatus.PENDING, 100)]
    rows = []
    for status, number in kinds:
        for index in range(number):
            email = f"{status}.{index}@{slug}.example.org"
            placed = status != RegistrationStatus.PENDING
            rows.append(
                Registration(
                    event=event,
                    name=f"Registrant {index}",
                    email=email,
                    email_normalised=email,
                    country="GB",
                    language="es" if index % 10 < 3 else "en",
                    status=status,
                    created_at=yesterday,
                    confirmed_at=yesterday if placed else None,
                    placed_at=yesterday if placed else None,
                    cancelled_at=now if status == RegistrationStatus.CANCELLED else None,
                )
            )
    Registration.objects.bulk_create(rows, batch_size=2000)
    return {"seconds": time.monotonic() - started, "rows": len(rows), "event_id": event.pk}


def _in_process(env: dict[str, str], *argv: str) -> dict[str, Any]:
    output = subprocess.run(
        [PYTHON, "bench/events.py", *argv],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    if output.returncode:
        raise RuntimeError(f"bench/events.py {' '.join(argv)} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.splitlines()[-1])


def _status_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a live process, in KiB ({} once it is gone)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return {
        key: int(value)
        for key, value in re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", text, re.MULTILINE)
    }


def _sink_lines(log: Path) -> list[tuple[float, str, str]]:
    lines = []
    for line in log.read_text().splitlines():
        stamp, message_id, recipients = line.split(" ", 2)
        lines.append((float(stamp), message_id, recipients))
    return lines


def _reminder_rows(var_dir: Path, event_id: int) -> dict[str, Any]:
    """The event's reminder rows as the database has them (read-only, beside the worker)."""
    from ayni.events.models import EventEmail, Registration

    emails, registrations = EventEmail._meta.db_table, Registration._meta.db_table
    uri = f"file:{var_dir / 'ayni.sqlite3'}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=30)) as db:
        rows = db.execute(
            f"SELECT e.id, e.email_due, e.emailed_at IS NOT NULL, r.status, r.email "  # noqa: S608
            f"FROM {emails} e JOIN {registrations} r ON r.id = e.registration_id "
            f"WHERE r.event_id = ? AND e.kind = 'reminder'",
            [event_id],
        ).fetchall()
    return {
        "ids": {row[0] for row in rows},
        "rows": len(rows),
        "emailed": sum(1 for row in rows if row[2]),
        "due": sum(1 for row in rows if row[1]),
        "not_confirmed": sum(1 for row in rows if row[3] != "confirmed"),
        "addresses": {row[4]: row[0] for row in rows},
    }


def _start_sink(port: int, log: Path) -> subprocess.Popen:
    sink = subprocess.Popen(
        [PYTHON, "bench/smtp_sink.py", str(port), str(log)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert sink.stdout is not None and sink.stdout.readline().strip() == "ready"
    return sink


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def reminder_run(
    stack: Stack, smtp_port: int, slug: str, count: int, rate: float, *, kill: bool, workers: int
) -> dict[str, Any]:
    """Seed the event, start the sink and `workers` workers, sample until every reminder is
    sent. The kill variant kills every worker (SIGKILL) part-way and starts them afresh."""
    seeded = _in_process(stack.env, "seed-reminders", slug, str(count))
    log = stack.var_dir / f"sink-{slug}.log"
    log.touch()
    sink = _start_sink(smtp_port, log)
    samples: list[tuple[float, int, int]] = []  # (seconds since start, sent, largest RSS KiB)
    peaks: list[int] = []
    cpu_jiffies = 0
    killed: dict[str, Any] = {}
    started = time.monotonic()

    def start() -> list[subprocess.Popen]:
        return [stack.start_worker(extra=n > 0) for n in range(workers)]

    def gather(processes: list[subprocess.Popen]) -> int:
        """Their peak RSS into `peaks`; returns their CPU jiffies (their children's too)."""
        jiffies = 0
        for process in processes:
            peaks.append(_status_kib(process.pid).get("VmHWM", 0))
            jiffies += process_jiffies(process.pid, with_reaped_children=True)
        return jiffies

    running = start()
    # However slow a shared machine makes it, a run ends when every reminder is out, or
    # once nothing has arrived for STALL_SECONDS (a killed worker's work waits about
    # WORKER_STALE_SECONDS to be taken over).
    progress = (0, started)
    rows: dict[str, Any] = {}
    try:
        while time.monotonic() - progress[1] < STALL_SECONDS:
            time.sleep(0.5)
            sizes = [_status_kib(process.pid) for process in running]
            sent = len(log.read_text().splitlines())
            if sent > progress[0]:
                progress = (sent, time.monotonic())
            if all(sizes):
                rss = max(size["VmRSS"] for size in sizes)
                samples.append((time.monotonic() - started, sent, rss))
            if kill and not killed and sent >= count * KILL_AT:
                # Their peaks and CPU so far, read before they go (a dead process has none).
                cpu_jiffies += gather(running)
                for process in running:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
                killed = {"at_sent": sent, "at_seconds": time.monotonic() - started}
                stack.stop_worker()
                running = start()
                continue
            if sent >= count:
                rows = _reminder_rows(stack.var_dir, seeded["event_id"])
                if rows["rows"] >= count and rows["emailed"] >= count and not rows["due"]:
                    break
        # A little longer: a second copy of anything would arrive now.
        time.sleep(3)
        cpu_jiffies += gather(running)
    finally:
        stack.stop_worker()
        _stop(sink)
    rows = _reminder_rows(stack.var_dir, seeded["event_id"])
    received = _sink_lines(log)
    result = _judge(count, rate, seeded, rows, received, samples, peaks, cpu_jiffies, killed)
    result["workers"] = workers
    return result


def _judge(
    count: int,
    rate: float,
    seeded: dict[str, Any],
    rows: dict[str, Any],
    received: list[tuple[float, str, str]],
    samples: list[tuple[float, int, int]],
    peaks: list[int],
    cpu_jiffies: int,
    killed: dict[str, Any],
) -> dict[str, Any]:
    from ayni.core.mail import message_id

    ids = Counter(message_id for _stamp, message_id, _to in received)
    expected = {message_id(f"event-email-{pk}") for pk in rows["ids"]}
    recipients = {to for _stamp, _id, to in received}
    strangers = recipients - set(rows["addresses"])
    stamps = [stamp for stamp, _id, _to in received]
    seconds = max(stamps) - min(stamps) if len(stamps) > 1 else 0.0
    # Memory over the run: the RSS when a quarter had gone out, against the end.
    after_quarter = [rss for _t, sent, rss in samples if sent >= count / 4]
    late_growth = (after_quarter[-1] - after_quarter[0]) / 1024 if after_quarter else 0.0
    # Never twice, never to anyone else, each the message its row names…
    at_most_once = (
        len(received) == len(ids)
        and set(ids) <= expected
        and not strangers
        and not rows["not_confirmed"]
    )
    # …and every one of them sent, and recorded as sent.
    exactly_once = (
        at_most_once
        and len(ids) == count
        and rows["rows"] == count
        and rows["emailed"] == count
        and not rows["due"]
    )
    return {
        "count": count,
        "rate": rate,
        "seed_seconds": seeded["seconds"],
        "seed_rows": seeded["rows"],
        "received": len(received),
        "distinct": len(ids),
        "twice": sum(1 for n in ids.values() if n > 1),
        "unexpected": len(set(ids) - expected),
        "strangers": len(strangers),
        "rows": rows["rows"],
        "emailed": rows["emailed"],
        "due": rows["due"],
        "seconds": seconds,
        "achieved": (len(received) - 1) / seconds if seconds else 0.0,
        "total_seconds": samples[-1][0] if samples else 0.0,
        "peak_mib": max(peaks, default=0) / 1024,
        "late_growth_mib": late_growth,
        "timeline": [
            (round(t), sent, round(rss / 1024))
            for t, sent, rss in samples[:: max(1, len(samples) // 8)]
        ],
        "cpu_ms_per_email": 1000 * cpu_jiffies / os.sysconf("SC_CLK_TCK") / max(1, len(received)),
        "killed": killed,
        "at_most_once": at_most_once,
        "exactly_once": exactly_once,
    }


def describe_reminders(result: dict[str, Any]) -> str:
    killed = result["killed"]
    workers = result.get("workers", 1)
    them = "the worker" if workers == 1 else f"the {workers} workers"
    how = (
        f"{them} killed (SIGKILL) after {killed['at_sent']:,} and started afresh"
        if killed
        else ("one worker" if workers == 1 else f"{workers} workers")
    )
    proof = (
        f"{result['received']:,} messages at the SMTP server, {result['distinct']:,} distinct "
        f"Message-IDs (each the one its row names; {result['twice']} twice, "
        f"{result['strangers']} to anyone else), {result['emailed']:,} of {result['rows']:,} "
        f"reminder rows marked emailed, {result['due']} still due"
    )
    if result["exactly_once"]:
        verdict = "exactly once"
    elif result["at_most_once"]:
        verdict = (
            f"none twice, but **{result['due']:,} still due** when the run stopped "
            f"({STALL_SECONDS} s without a message)"
        )
    else:
        verdict = "**NOT exactly once**"
    return (
        f"Reminders, {result['count']:,} confirmed registrants, {how}: sent in "
        f"{result['seconds']:.1f} s from first to last ({result['achieved']:.0f}/s against "
        f"EMAIL_MAX_PER_SECOND {result['rate']:g}; {result['total_seconds']:.0f} s from the "
        f"workers' start), {result['cpu_ms_per_email']:.1f} worker CPU-ms an email; peak RSS of "
        f"a worker {result['peak_mib']:.0f} MiB, {result['late_growth_mib']:+.1f} MiB after the "
        f"first quarter (RSS by time: "
        + ", ".join(f"{t} s {sent:,} sent {mib} MiB" for t, sent, mib in result["timeline"])
        + f"); {proof}: {verdict}. Seeded with bulk_create: {result['seed_rows']:,} registrations in "
        f"{result['seed_seconds']:.1f} s (plus 100 cancelled and 100 unconfirmed, sent nothing)."
    )


def scenario_reminders(run: Any) -> None:
    args = run.args
    var_dir = Path(tempfile.mkdtemp(prefix="ayni-bench-reminders-"))
    port, smtp_port = free_port(), free_port()
    env = {
        **bench_env(var_dir, port),
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "EMAIL_MAX_PER_SECOND": f"{args.reminder_rate:g}",
    }
    stack = Stack(var_dir=var_dir, env=env, port=port)
    variants = [("reminders", False)] + ([("reminders-kill", True)] if args.reminder_kill else [])
    try:
        for slug, kill in variants:
            print(
                f"Reminders: {args.reminders:,} registrants, {args.reminder_workers} worker(s) "
                f"at {args.reminder_rate:g}/s{' (killed part-way)' if kill else ''}…",
                flush=True,
            )
            result = reminder_run(
                stack,
                smtp_port,
                slug,
                args.reminders,
                args.reminder_rate,
                kill=kill,
                workers=args.reminder_workers,
            )
            outcome(run).reminders.append(result)
            outcome(run).notes.append(describe_reminders(result))
            print("  " + outcome(run).notes[-1], flush=True)
    finally:
        stack.stop()
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)
        else:
            print(f"Kept {var_dir}")


# --- Report ---------------------------------------------------------------------------------


def summary_table(run: Any) -> list[str]:
    """The events' targets, one line each: the numbers a reader wants first."""
    lines = ["| Events scenario | Target | Result | Met |", "|---|---|---|---|"]
    for pair in run.events.pairs:
        r, y = pair.result, pair.yardstick
        lines.append(
            f"| {pair.title} | {pair.goal} | {r.rps:,.0f}/s (p99 {r.p99_ms:,.0f} ms) against "
            f"{y.rps:,.0f}/s (p99 {y.p99_ms:,.0f} ms): **{pair.ratio:.2f} ×**; by server "
            f"CPU a request {r.cpu_ms:.1f} against {y.cpu_ms:.1f} ms: {pair.cpu_ratio:.2f} × | "
            f"{_met(r.ok)} |"
        )
    for result in run.events.reminders:
        killed = ", killed part-way" if result["killed"] else ""
        workers = result.get("workers", 1)
        lines.append(
            f"| Reminders, {result['count']:,} registrants, {workers} worker"
            f"{'s' if workers > 1 else ''}{killed} | at "
            f"EMAIL_MAX_PER_SECOND ({result['rate']:g}/s), flat memory, each once | "
            f"{result['achieved']:.0f}/s ({result['seconds']:.0f} s), peak RSS "
            f"{result['peak_mib']:.0f} MiB ({result['late_growth_mib']:+.1f} MiB after the first "
            f"quarter), {result['distinct']:,} distinct Message-IDs of {result['received']:,} "
            f"messages | {_met(_reminders_met(result))} |"
        )
    return lines


def _reminders_met(result: dict[str, Any]) -> bool:
    return bool(
        result["exactly_once"]
        and result["late_growth_mib"] < 10
        and (result["killed"] or result["achieved"] >= 0.9 * result["rate"])
    )


def _met(ok: bool | None) -> str:
    return {True: "yes", False: "**no**", None: ""}[ok]


def markdown(run: Any, facts: dict[str, str]) -> str:
    """The events section of docs/performance.md."""
    argv = " ".join(sys.argv[1:])
    lines = [
        f"Run on {facts['Date']}: `make bench{' BENCH_ARGS=' + repr(argv) if argv else ''}`.",
        "",
        *[f"- **{key}:** {value}" for key, value in facts.items() if key != "Date"],
        "",
        *summary_table(run),
        "",
        "| Run | req/s | p50 ms | p99 ms | errors | server CPU ms/req | CPU: server / wrk / "
        "others | notes |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for pair in run.events.pairs:
        for r in (pair.yardstick, pair.result):
            spread = f" ({min(r.rounds):,.0f}–{max(r.rounds):,.0f})" if len(r.rounds) > 1 else ""
            lines.append(
                f"| {r.name} | {r.rps:,.0f}{spread} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | "
                f"{r.errors} | {r.cpu_ms:.2f} | {r.cpu_server:.0f}% / {r.cpu_wrk:.0f}% / "
                f"{r.cpu_others:.0f}% | {r.note} |"
            )
    lines += ["", *[f"- {note}" for note in run.events.notes]]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    """`python bench/events.py seed-reminders SLUG COUNT` on the DATABASE_URL in the env."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ayni.settings")
    import django

    django.setup()
    command = argv[0]
    if command == "seed-reminders":
        print(json.dumps(seed_reminders(argv[1], int(argv[2]))))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
