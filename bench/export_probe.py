"""Peak memory of the CSV export of every signature, through the running server.

Logs in as the demo organiser, streams the back office's export of the statement over HTTP
(as a browser download would), and samples the resident memory of every gunicorn worker
meanwhile. Flat memory means the peak hardly moves between 1,000 and 1,000,000 rows.
"""

from __future__ import annotations

import http.cookiejar
import importlib.util
import re
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


def _login(base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/admin/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": password,
            "next": "/admin/",
        }
    ).encode()
    request = urllib.request.Request(f"{base}/admin/login/", data, headers={"Referer": base})
    opener.open(request, timeout=30).read()
    if not any(cookie.name == "sessionid" for cookie in jar):
        raise RuntimeError("could not log in as the demo organiser")
    return opener


def measure(stack: Any, slug: str, label: str, expected: int) -> dict[str, Any] | None:
    """Stream the export once; None when the export does not exist in this tree."""
    if importlib.util.find_spec("ayni.statements.export") is None:
        return None
    from django.urls import NoReverseMatch, reverse

    from ayni.statements.models import Statement

    statement = Statement.objects.get(slug=slug)
    try:
        path = reverse("admin:statements_statement_export", args=[statement.pk])
    except NoReverseMatch:
        return None
    logins = (stack.var_dir / "demo-logins.txt").read_text()
    username, password = re.search(r"^(organiser) / (\S+)", logins, re.MULTILINE).groups()
    opener = _login(stack.url, username, password)
    workers = stack.worker_pids()
    before = {pid: rss_kib(pid) for pid in workers}
    peak = dict(before)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in workers:
                peak[pid] = max(peak[pid], rss_kib(pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.monotonic()
    size = lines = 0
    timeline: list[tuple[int, int]] = []  # (rows so far, the biggest worker's RSS in KiB)
    with opener.open(stack.url + path, timeout=900) as response:
        while chunk := response.read(1 << 16):
            size += len(chunk)
            lines += chunk.count(b"\n")
            if expected >= 10_000 and lines >= (len(timeline) + 1) * expected / 4:
                timeline.append((lines, max(rss_kib(pid) for pid in workers)))
    seconds = time.monotonic() - started
    done.set()
    sampler.join()
    grown = {pid: peak[pid] - before[pid] for pid in workers}
    busiest = max(grown, key=grown.get)
    return {
        "label": label,
        "rows": lines - 1,
        "megabytes": size / 1e6,
        "seconds": seconds,
        "rss_before_mib": before[busiest] / 1024,
        "rss_peak_mib": peak[busiest] / 1024,
        "timeline": [(rows, kib / 1024) for rows, kib in timeline],
    }


def describe(outcome: dict[str, Any]) -> str:
    return (
        f"CSV export ({outcome['label']}): {outcome['rows']:,} rows, "
        f"{outcome['megabytes']:,.1f} MB in {outcome['seconds']:.1f} s "
        f"({outcome['rows'] / max(outcome['seconds'], 0.001):,.0f} rows/s); the serving worker's "
        f"resident memory went from {outcome['rss_before_mib']:.0f} MiB to a peak of "
        f"{outcome['rss_peak_mib']:.0f} MiB"
        + (
            " (at "
            + ", ".join(f"{rows:,} rows: {mib:.0f} MiB" for rows, mib in outcome["timeline"])
            + ")"
            if len(outcome["timeline"]) > 1
            else ""
        )
    )
