"""The newsroom benchmarks (issue 10), run by bench/run.py in the same run as the statement page.

    make bench BENCH_ARGS="--only article_page,news_search,similar_build"

All three use the same 20,000 plausible articles (bench/news_corpus.py, bulk-inserted).

Scenarios
  article_page   a public article's page (byline, body, "More from this author", "Similar
                 stories", comments' form) on a site of 20,000 articles whose text index was
                 built by `manage.py rebuild_text_index article`, in rounds alternating with the
                 statement page on the same server; target ≥ 0.9 × the statement page's rate.
  similar_build  on SQLite and on PostgreSQL, each a fresh database in a process of its own:
                 `manage.py rebuild_text_index article` over the 20,000 (target: under 10
                 minutes), then articles saved one by one as the worker indexes them
                 (`index_changed_articles`: the article read, its body rendered, index_document):
                 new articles, edits of a whole new body (often another topic: the dearest),
                 and corrections of a few words; target under 100 ms an article saved (p95).
  news_search    in the same processes: reader searches (one to three words, some phrases,
                 some Spanish typed without accents) through the text index's search, first
                 page of 20; target p50 under 50 ms.

The machine is shared: wall times come with the CPU time of the work itself (the bench process;
on PostgreSQL also the server process serving it) and the load average.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import (  # noqa: E402
    Clock,
    Item,
    Result,
    cpu_speed,
    measure_backend_in_child,
    run_table,
)

SCENARIOS = ["article_page", "news_search", "similar_build"]
PAGE_TARGET, BUILD_TARGET_S, SAVE_TARGET_MS, SEARCH_TARGET_MS = 0.9, 600, 100, 50
MARKERS = ("<!-- bench:newsroom:start -->", "<!-- bench:newsroom:end -->")
TITLE = "Newsroom (issue 10): latest results"
POSTGRES = os.environ.get("NEWS_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/wt_newsbench")


@dataclass
class Outcome:
    pair: tuple[Result, Result] | None = None
    backends: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def outcome(run: Any) -> Outcome:
    if not isinstance(getattr(run, "newsroom", None), Outcome):
        run.newsroom = Outcome()
    return run.newsroom


# --- In the bench's main database: the article page ------------------------------------------


def prepare() -> str:
    """The 20,000 articles in the bench's main database, indexed; a line saying how long."""
    from django.core.management import call_command
    from django.db.models import F

    from ayni.newsroom.models import Article
    from bench.news_corpus import write_articles

    if Article.objects.filter(slug="bench-0").exists():
        return "articles already there"
    written = write_articles()
    started = time.monotonic()
    call_command("rebuild_text_index", "article", stdout=open(os.devnull, "w"))  # noqa: SIM115
    Article.objects.update(indexed_at=F("updated_at"))
    return (
        f"{written['articles']:,} articles written in {written['seconds']:.0f} s, indexed in "
        f"{time.monotonic() - started:.0f} s"
    )


def page_slug() -> str:
    """A public English article with a full similar list and an author with other articles."""
    from ayni.newsroom import selectors
    from ayni.newsroom.models import Article

    for article in Article.objects.filter(language="en", visibility="public").order_by("-pk")[:50]:
        if len(selectors.similar_stories(article)) == 3 and selectors.more_from_authors(article):
            return article.slug
    raise RuntimeError("no article with three similar stories among the latest 50")


def scenario_article_page(run: Any, statement_page: Item) -> None:
    from django.db import connections

    slug = page_slug()
    connections.close_all()
    path = f"/en/news/{slug}/"
    with urllib.request.urlopen(run.small.url + path, timeout=30) as response:
        page = response.read().decode()
    for expected in ("Similar stories", "More from", "csrfmiddlewaretoken"):
        assert expected in page, f"{expected!r} is not on the article page"
    item = Item(
        "Article page (20,000 articles)",
        run.small,
        path,
        target=f"≥ {PAGE_TARGET} × statement page",
    )
    yardstick, result = run.measure([statement_page, item], rounds=run.args.rounds)
    ratio = result.rps / yardstick.rps if yardstick.rps else 0.0
    result.ok = ratio >= PAGE_TARGET and not result.errors
    result.note = f"{ratio:.2f} × {yardstick.name} ({yardstick.rps:,.0f}/s)"
    outcome(run).pair = (yardstick, result)
    print(f"    {result.name}: {result.note}", flush=True)


# --- One backend, in a process of its own: building, saving, searching ------------------------


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
        "max": ordered[-1],
        "n": len(ordered),
    }


def _saves(clock: Clock, corpus: Any, rng: Any, kind: str, count: int) -> dict[str, Any]:
    """`count` articles saved one by one, each then indexed as the worker indexes it."""
    from ayni.newsroom.indexing import index_changed_articles
    from ayni.newsroom.models import Article, ArticleAuthor, Author
    from bench.news_corpus import TOPICS

    author = Author.objects.order_by("pk").first()
    published = list(
        Article.objects.filter(slug__startswith="bench-", visibility="public").values_list(
            "pk", flat=True
        )
    )
    walls, cpus, served = [], [], []
    for n in range(count):
        topic = rng.choice(list(TOPICS))
        if kind == "new":
            language = "es" if rng.random() < 0.2 else "en"
            article = Article.objects.create(
                language=language,
                slug=f"bench-new-{n}",
                state="published",
                published_at=time_now(),
                publish_at=time_now(),
                **corpus.article(language, topic),
            )
            ArticleAuthor.objects.create(article=article, author=author)
        else:
            article = Article.objects.get(pk=rng.choice(published))
            if kind == "edit":
                article.body = corpus.body(article.language, topic)
            else:  # a correction: one sentence of the body written again
                sentences = article.body.split(". ")
                sentences[rng.randrange(len(sentences))] = corpus.words(article.language, topic, 10)
                article.body = ". ".join(sentences)
            article.save(update_fields=["body", "updated_at"])
        wall, cpu, server = clock(lambda: index_changed_articles(limit=1))
        walls.append(wall)
        cpus.append(cpu)
        served.append(server)
    return {
        **_percentiles(walls),
        "cpu_p50": statistics.median(cpus),
        "cpu_p95": _percentiles(cpus)["p95"],
        "server_p50": statistics.median(served),
        "server_p95": _percentiles(served)["p95"],
    }


def time_now() -> Any:
    from django.utils import timezone

    return timezone.now()


def measure_backend(args: Any) -> dict[str, Any]:
    """Inside a process whose DATABASE_URL is the backend's fresh database."""
    import io
    import random

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import F

    from ayni.core.textindex.selectors import search
    from ayni.newsroom import selectors
    from ayni.newsroom.models import Article
    from bench.news_corpus import write_articles

    call_command("migrate", verbosity=0)
    result: dict[str, Any] = {"backend": connection.vendor, "speed_before": cpu_speed()}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            result["server"] = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            result["server"] = f"SQLite {cursor.fetchone()[0]}"
    written = write_articles(args.documents)
    corpus, topic_of = written.pop("corpus"), written.pop("topic_of")
    result["written_s"] = written["seconds"]
    clock = Clock()
    result["load_before"] = os.getloadavg()[0]
    output = io.StringIO()
    wall, cpu, server = clock(lambda: call_command("rebuild_text_index", "article", stdout=output))
    result["build"] = {"wall_s": wall / 1000, "cpu_s": cpu / 1000, "server_s": server / 1000}
    Article.objects.update(indexed_at=F("updated_at"))
    print(f"  {connection.vendor}: built in {wall / 1000:.0f} s", file=sys.stderr, flush=True)

    rng = random.Random(4)
    sample = rng.sample(sorted(topic_of), min(500, len(topic_of)))
    same = total = 0
    for pk in sample:
        for other in selectors.similar_stories(Article(pk=pk, language="en")):
            same += topic_of.get(other.pk) == topic_of[pk]
            total += 1
    result["same_topic"] = same / max(total, 1)

    queries = [corpus.query() for _ in range(args.queries)]
    times: list[float] = []
    cpus: list[float] = []
    found: list[int] = []
    for text, language in queries:
        wall, cpu, server = clock(
            lambda text=text, language=language: found.append(
                len(search(kind="article", query=text, language=language, limit=20))
            )
        )
        times.append(wall)
        cpus.append(cpu + server)
    result["search"] = {
        **_percentiles(times),
        "cpu_p50": statistics.median(cpus),
        "hits": statistics.mean(found),
        "none": sum(1 for n in found if n == 0),
    }
    for kind in ("new", "edit", "correction"):
        result[kind] = _saves(clock, corpus, rng, kind, args.saves)
        print(f"  {connection.vendor}: {kind} {result[kind]['p50']:.0f} ms", file=sys.stderr)
    result["load_after"] = os.getloadavg()[0]
    result["speed_after"] = cpu_speed()
    return result


def run_backend(backend: str, documents: int, saves: int, queries: int) -> dict[str, Any]:
    print(f"Newsroom on {backend}: {documents:,} articles…", flush=True)
    return measure_backend_in_child(
        [
            str(Path(__file__)),
            f"--documents={documents}",
            f"--saves={saves}",
            f"--queries={queries}",
        ],
        backend=backend,
        postgres=POSTGRES,
        named_by="NEWS_BENCH_POSTGRES",
    )


def scenario_backends(run: Any) -> None:
    """similar_build and news_search, on both backends."""
    documents, saves, queries = (2_000, 20, 100) if run.args.quick else (20_000, 100, 300)
    for backend in ("sqlite", "postgresql"):
        outcome(run).backends.append(run_backend(backend, documents, saves, queries))


# --- Report -------------------------------------------------------------------------------------


def _met(ok: bool | None) -> str:
    return {True: "yes", False: "**no**", None: ""}[ok]


def _save_cell(r: dict[str, Any]) -> str:
    server = f" + {r['server_p50']:.0f} server" if r["server_p50"] else ""
    return (
        f"{r['p50']:.0f} / {r['p95']:.0f} / {r['max']:.0f} ms "
        f"({r['cpu_p50']:.0f}{server}; p95 {r['cpu_p95'] + r['server_p95']:.0f})"
    )


def markdown(run: Any, facts: dict[str, str]) -> str:
    argv = " ".join(sys.argv[1:])
    result_of = outcome(run)
    lines = [
        f"Run on {facts['Date']}: `make bench{' BENCH_ARGS=' + repr(argv) if argv else ''}`.",
        "",
        *[f"- **{key}:** {value}" for key, value in facts.items() if key != "Date"],
        "",
    ]
    if result_of.pair:
        yardstick, result = result_of.pair
        ratio = result.rps / yardstick.rps if yardstick.rps else 0.0
        cpu = yardstick.cpu_ms / result.cpu_ms if result.cpu_ms else 0.0
        lines += [
            "| Article page | Target | Result | Met |",
            "|---|---|---|---|",
            f"| {result.name} | ≥ {PAGE_TARGET} × the statement page | {result.rps:,.0f}/s "
            f"(p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.0f} ms) against {yardstick.rps:,.0f}/s "
            f"(p99 {yardstick.p99_ms:.0f} ms): **{ratio:.2f} ×**; by server CPU a request "
            f"{result.cpu_ms:.2f} against {yardstick.cpu_ms:.2f} ms: {cpu:.2f} × | {_met(result.ok)} |",
            "",
            *run_table([yardstick, result]),
        ]
        lines.append("")
    if result_of.backends:
        lines += [
            "| Backend | articles | rebuild_text_index: wall, CPU (here + server) | new article "
            "saved: p50 / p95 / max wall (CPU p50; p95) | edit, a new body | correction of a "
            "sentence | search p50 / p95 (CPU p50) | same topic | load before / after | met |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for r in result_of.backends:
            build, found = r["build"], r["search"]
            server = f" + {build['server_s']:.0f}" if build["server_s"] else ""
            ok = (
                build["wall_s"] < BUILD_TARGET_S
                and all(r[kind]["p95"] < SAVE_TARGET_MS for kind in ("new", "edit", "correction"))
                and found["p50"] < SEARCH_TARGET_MS
            )
            lines.append(
                f"| {r['server']} | {r.get('documents', 20_000):,} | "
                f"{build['wall_s']:.0f} s ({build['cpu_s']:.0f}{server} s) | {_save_cell(r['new'])} | "
                f"{_save_cell(r['edit'])} | {_save_cell(r['correction'])} | "
                f"{found['p50']:.1f} / {found['p95']:.1f} ms ({found['cpu_p50']:.1f}) | "
                f"{r['same_topic']:.0%} | {r['load_before']:.1f} / {r['load_after']:.1f} | {_met(ok)} |"
            )
        first = result_of.backends[0]
        lines += [
            "",
            f"Targets: rebuild under {BUILD_TARGET_S // 60} minutes, an article saved under "
            f"{SAVE_TARGET_MS} ms (judged at p95 of wall time), search p50 under "
            f"{SEARCH_TARGET_MS} ms. {first['new']['n']} new articles, {first['edit']['n']} "
            f"edits and {first['correction']['n']} corrections, each indexed as the worker does "
            f"(`index_changed_articles`); {first['search']['n']} searches ({first['search']['hits']:.1f} "
            f'hits on average, {first["search"]["none"]} with none). "Same topic": the share of '
            "an article's three similar stories of its own topic (of 8). CPU: the bench "
            "process's, plus on PostgreSQL the server process serving it. Load: the 1-minute "
            "load average on 2 cores (other helpers' work shares them).",
        ]
    lines += ["", *[f"- {note}" for note in result_of.notes]]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--saves", type=int, default=100)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args(argv)
    result = measure_backend(args)
    result["documents"] = args.documents
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
