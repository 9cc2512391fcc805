"""Can the sign answer's timing tell whether an address signed? (issue 6's timing finding)

Starts gunicorn as deployed on a throwaway SQLite database, with one statement, one address
that has signed and confirmed, and a blocked domain. Then sends the sign form, one request
at a time over one keep-alive-free connection each, for three kinds of address in strict
rotation (so drift in the machine's load hits all three alike): a new address, the address
that already signed, and an address in the blocked domain. Prints the median and the spread
of each and the largest difference between medians; exits non-zero if that is over the
limit (default 0.2 ms). Bounded: `--tries` requests of each kind, loopback only.

    .venv/bin/python bench/timing.py [--tries 200] [--limit-ms 0.2]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stack import ROOT, Stack, bench_env, free_port  # noqa: E402

SLUG = "timing"


def setup_database(env: dict[str, str]) -> None:
    """Migrate, and make the statement, the confirmed signer and the block, through services."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model

    from ayni.statements import services
    from ayni.statements.models import Statement, StatementTranslation, Submission

    statement = Statement.objects.create(slug=SLUG)
    StatementTranslation.objects.create(
        statement=statement, language="en", title="Timing", summary="Timing", body="Timing"
    )
    services.open_statement(statement=statement)
    services.sign_statement(
        statement=statement,
        name="Already Signed",
        email="signed@ayni.dev",
        country="BO",
        language="en",
        ip_hash="",
    )
    services.process_submissions()
    services.confirm_signature(submission=Submission.objects.get())  # as the emailed link does
    user = get_user_model().objects.create(username="timing-organiser")
    services.block_address(value="blocked.ayni.dev", reason="timing bench", user=user)


def csrf(port: int) -> tuple[str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", f"/en/s/{SLUG}/")
    response = connection.getresponse()
    page = response.read().decode()
    if response.status != 200:
        raise RuntimeError(f"statement page answered {response.status}: {page[:300]}")
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    connection.close()
    return token, cookie


def sign_once(port: int, token: str, cookie: str, email: str, client_ip: str) -> float:
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "kind": "individual",
            "name": "Timing Person",
            "email": email,
            "country": "BO",
        }
    )
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.connect()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Referer": f"http://127.0.0.1:{port}/en/s/{SLUG}/",
        "X-Forwarded-For": client_ip,
    }
    started = time.perf_counter()
    connection.request("POST", f"/en/s/{SLUG}/sign/", body, headers)
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 302:
        raise RuntimeError(f"sign answered {response.status}")
    return elapsed * 1000


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=200)
    parser.add_argument("--limit-ms", type=float, default=0.2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ayni-timing-") as tmp:
        port = free_port()
        env = bench_env(Path(tmp), port)
        # One gunicorn worker: every request meets the same process, cache and connection.
        setup_database(env)
        stack = Stack(var_dir=Path(tmp), env=env, port=port)
        stack.start_server({"GUNICORN_WORKERS": "1"})
        try:
            token, cookie = csrf(port)
            kinds = {
                "new address": lambda n: f"new{n}@ayni.dev",
                "already signed": lambda n: "Signed@ayni.dev",
                "blocked domain": lambda n: f"bot{n}@blocked.ayni.dev",
            }
            for n in range(20):  # warm-up, not measured
                for make in kinds.values():
                    sign_once(port, token, cookie, make(-n - 1), f"10.9.{n}.1")
            times: dict[str, list[float]] = {kind: [] for kind in kinds}
            for n in range(args.tries):
                for kind, make in kinds.items():
                    times[kind].append(sign_once(port, token, cookie, make(n), f"10.{n % 250}.0.1"))
        except Exception:
            print((Path(tmp) / "server.log").read_text()[-3000:])
            raise
        finally:
            stack.stop()
    medians = {kind: statistics.median(values) for kind, values in times.items()}
    for kind, values in times.items():
        quartiles = statistics.quantiles(values, n=4)
        print(
            f"{kind:15} median {medians[kind]:.3f} ms  (IQR {quartiles[0]:.3f}–{quartiles[2]:.3f})"
        )
    spread = max(medians.values()) - min(medians.values())
    verdict = "within" if spread <= args.limit_ms else "OVER"
    print(f"largest difference between medians: {spread:.3f} ms ({verdict} {args.limit_ms} ms)")
    return 0 if spread <= args.limit_ms else 1


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main(sys.argv[1:]))
