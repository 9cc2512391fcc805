"""Profile sending reminders in-process, as a worker sends them, to a local SMTP sink.

    .venv/bin/python bench/profile_reminders.py -n 1000
    .venv/bin/python bench/profile_reminders.py -n 1000 --no-profile    # just time it

Seeds the reminders benchmark's event with `n` registrants, makes their reminders due and sends
them in the worker's batches (claim, prepare, render, send over SMTP, record). Prints emails a
second of one process and the top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.profile_view import print_profile  # noqa: E402
from bench.stack import bench_env  # noqa: E402

SMTP_PORT = 8926


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--callers", default="", help="also print who calls these (a regex)")
    parser.add_argument("--callees", default="", help="also print what these call (a regex)")
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="ayni-profile-"))
    os.environ.update(bench_env(var_dir, 8000))
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{SMTP_PORT}"
    import django

    django.setup()
    from bench import events

    events.seed_reminders("profile-reminders", args.n)
    sink = events._start_sink(SMTP_PORT, var_dir / "sink.log")
    try:
        from ayni.events.models import EventEmail
        from ayni.events.services.emails import send_event_email
        from ayni.events.services.reminders import schedule_reminders
        from ayni.supporters import outbox

        schedule_reminders()
        ids = list(EventEmail.objects.filter(kind="reminder").values_list("pk", flat=True))
        batches = [ids[i : i + args.batch] for i in range(0, len(ids), args.batch)]
        outbox.send_batch(batches.pop(0), send_event_email)  # warm: templates, connection
        sent = len(ids) - args.batch
        profiler = cProfile.Profile()
        started, cpu_started = time.perf_counter(), time.process_time()
        if not args.no_profile:
            profiler.enable()
        for batch in batches:
            outbox.send_batch(batch, send_event_email)
        profiler.disable()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    finally:
        events._stop(sink)
    received = len((var_dir / "sink.log").read_text().splitlines())
    shutil.rmtree(var_dir, ignore_errors=True)  # its database and the sink's log
    how = "unprofiled" if args.no_profile else "profiled"
    print(
        f"{sent} reminders: {sent / elapsed:,.0f}/s in one process ({how}; "
        f"{cpu / sent * 1000:.2f} ms CPU each); the sink received {received}"
    )
    if not args.no_profile:
        print_profile(profiler, args)


if __name__ == "__main__":
    main()
