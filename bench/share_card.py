"""What a share card costs: drawing one, and the card's address on a miss, a hit and a 304.

In-process on a throwaway benchmark database (the demo statement with 1,000 signatures),
through the whole middleware stack; prints the median and the 95th percentile of each.

    .venv/bin/python bench/share_card.py [-n 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stack import bench_env  # noqa: E402

SLUG = "stand-with-democracy-in-bolivia"


def timed(label: str, n: int, one: Callable[[], object]) -> None:
    for _ in range(5):
        one()
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        one()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"{label:<44} median {statistics.median(samples):6.2f} ms   p95 {p95:6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args()
    os.environ.update(bench_env(Path(tempfile.mkdtemp(prefix="ayni-card-")), 8000))
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse
    from PIL import ImageFont

    from ayni.core import share_card as drawing
    from bench import seed

    seed.prepare(confirmed=1000)
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="en")
    path = reverse("statements:card", kwargs={"slug": SLUG})

    def get(**headers: str) -> None:
        response = client.get(path, **headers)
        assert response.status_code in (200, 304), response.status_code

    def miss() -> None:
        cache.clear()
        get()

    title = "Stand with Democracy and Social Progress in Bolivia"
    timed("load the font", args.n, lambda: ImageFont.truetype(drawing.FONT_PATH, 60))
    timed(
        "draw a card (short title, goal bar)",
        args.n,
        lambda: drawing.render_card(
            title=title,
            count_line="1,000+ signatures",
            colour="#1d4ed8",
            site_name="ayni",
            detail_line="Goal: 5,000 signatures",
            progress=0.2,
        ),
    )
    timed(
        "draw a card (200-character title, shrunk)",
        args.n,
        lambda: drawing.render_card(
            title=(title + " ") * 4,
            count_line="1,000+ signatures",
            colour="#1d4ed8",
            site_name="ayni",
        ),
    )
    timed(f"GET {path}, cache miss", args.n, miss)
    timed(f"GET {path}, cache hit", args.n, get)
    etag = client.get(path)["ETag"]
    timed(f"GET {path}, If-None-Match (304)", args.n, lambda: get(HTTP_IF_NONE_MATCH=etag))


if __name__ == "__main__":
    main()
