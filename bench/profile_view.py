"""Profile one URL in-process, through the whole middleware stack, on a benchmark database.

    .venv/bin/python bench/profile_view.py /s/stand-with-democracy-in-bolivia/ -n 500
    .venv/bin/python bench/profile_view.py sign -n 300          # the real sign POST, unique emails
    .venv/bin/python bench/profile_view.py event -n 300         # the events bench's event page
    .venv/bin/python bench/profile_view.py register -n 300      # its register POST, unique emails
    .venv/bin/python bench/profile_view.py count --var-dir /tmp/ayni-bench-xyz   # reuse a kept run

Prints requests per second of one process on one core and the top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stack import bench_env  # noqa: E402

FORM = "application/x-www-form-urlencoded"
SLUG = "stand-with-democracy-in-bolivia"
SHORTCUTS = {
    "page": f"/en/s/{SLUG}/",
    "count": f"/en/s/{SLUG}/count.json",
    "sign": f"/en/s/{SLUG}/sign/",
    "wall": f"/en/s/{SLUG}/signatories/",
    "bare": "/__bench__/insert/",
    "event": "/en/events/lithium-and-sovereignty/",
    "register": "/en/events/lithium-and-sovereignty/register/",
}
POSTS = {"sign": f"/en/s/{SLUG}/", "register": SHORTCUTS["event"]}  # where the form is


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("target", help=f"a path, or one of {', '.join(SHORTCUTS)}")
    parser.add_argument("-n", type=int, default=300)
    parser.add_argument("--var-dir", help="a VAR_DIR kept by `bench/run.py --keep`")
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--no-profile", action="store_true", help="just time it")
    parser.add_argument(
        "--callees", default="", help="also print what these functions call (a regex)"
    )
    parser.add_argument("--callers", default="", help="also print who calls these (a regex)")
    parser.add_argument(
        "--gc", default="", help="'freeze' and/or a gen-0 threshold, e.g. freeze,20000"
    )
    args = parser.parse_args()
    var_dir = Path(args.var_dir or tempfile.mkdtemp(prefix="ayni-profile-"))
    os.environ.update(bench_env(var_dir, 8000))
    import django

    django.setup()
    from django.test import Client

    from bench import events, seed

    if not args.var_dir:
        seed.prepare(confirmed=1000)
        events.prepare()
    path = SHORTCUTS.get(args.target, args.target)
    client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")
    page = client.get(POSTS.get(args.target, f"/en/s/{SLUG}/")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    stamp = int(time.time())

    def one(i: int) -> None:
        if args.target == "sign":
            data = {
                "csrfmiddlewaretoken": token,
                "kind": "individual",
                "name": "Profile Signer",
                "email": f"profile.{stamp}.{i}@example.net",
                "country": "GB",
                "show_publicly": "on",
            }
            # Form-encoded, as browsers and the wrk script send it (the test client's default
            # is multipart, which costs more to parse).
            response = client.post(path, urlencode(data), content_type=FORM)
        elif args.target == "register":
            data = {
                "csrfmiddlewaretoken": token,
                "name": "Profile Registrant",
                "email": f"profile.{stamp}.{i}@example.net",
                "country": "GB",
                "wants_report_back": "on",
            }
            response = client.post(path, urlencode(data), content_type=FORM)
        elif args.target == "bare":
            response = client.post(path, {"x": "1"})
        else:
            response = client.get(path)
        assert response.status_code < 400, (response.status_code, response.content[:500])

    for i in range(20):
        one(-i - 1)
    if args.gc:
        import gc

        for part in args.gc.split(","):
            if part == "freeze":
                gc.freeze()
            elif part:
                gc.set_threshold(int(part), *gc.get_threshold()[1:])
    profiler = cProfile.Profile()
    started, cpu_started = time.perf_counter(), time.process_time()
    if not args.no_profile:
        profiler.enable()
    for i in range(args.n):
        one(i)
    profiler.disable()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    how = "unprofiled" if args.no_profile else "profiled"
    print(
        f"{args.n} × {path}: {args.n / elapsed:,.0f}/s in one process ({how}; "
        f"{elapsed / args.n * 1000:.2f} ms wall, {cpu / args.n * 1000:.2f} ms CPU each)"
    )
    if not args.no_profile:
        print_profile(profiler, args)


def print_profile(profiler: cProfile.Profile, args: argparse.Namespace) -> None:
    """The top functions by `args.sort`, and the callees and callers asked for."""
    stats = pstats.Stats(profiler).sort_stats(args.sort)
    stats.print_stats(args.top)
    if args.callees:
        stats.sort_stats("cumtime").print_callees(args.callees)
    if args.callers:
        stats.sort_stats("cumtime").print_callers(args.callers)


if __name__ == "__main__":
    main()
