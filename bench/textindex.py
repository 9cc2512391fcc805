"""The text index benchmark (issue 10): similar stories and site search over 20,000 articles,
on SQLite and on PostgreSQL. In-process: no server, the services and selectors called as an
app would call them.

    .venv/bin/python bench/textindex.py                      # both backends, writes the docs
    .venv/bin/python bench/textindex.py --backends sqlite --documents 2000 --no-write
    make bench BENCH_ARGS="--only textindex"                 # the same, from bench/run.py

For each backend, a fresh database (a temporary SQLite file; the PostgreSQL database named by
--postgres, dropped and created again: give it a throwaway name) gets the migrations, then:

  rebuild   `rebuild(kind=...)` of the whole synthetic corpus: texts, term counts, vectors,
            every document's similar list. Target: under 10 minutes in all.
  save      `index_document` of --saves new articles one by one (each its own transaction, as
            an article's save would be), then of as many edits of existing ones (a new body,
            so lists that held it are revisited; the lists worked out again are counted).
            Target: p95 under 100 ms a save; the CPU time beside it (on PostgreSQL the
            server's too) is what a quiet machine would see.
  search    `search()` of --queries reader queries (one to three words drawn as readers'
            words are: mostly common, some rare, a few phrases and alternatives), first page
            of 20. Target: p50 under 50 ms.
  similar   `similar()` of random articles: the lookup an article page makes.

The corpus is deterministic (seeded): made-up words with a Zipf distribution (a shared
vocabulary, and one of eight topics' per article, each topic's own words a third of its
text), each language's real stop-words at their usual share, 80 % English and 20 % Spanish,
bodies of 250 to 900 words. Quality check: the share of each article's three similar
articles that are of its own topic.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import Clock, measure_backend_in_child  # noqa: E402

SCENARIOS = ["textindex"]
MARKERS = ("<!-- bench:textindex:start -->", "<!-- bench:textindex:end -->")
TITLE = "Text index (issue 10): latest results"
DOC = ROOT / "docs" / "performance.md"
KIND = "bench-article"
TOPICS = 8
REBUILD_TARGET_S, SAVE_TARGET_MS, SEARCH_TARGET_MS = 600, 100, 50
POSTGRES = "postgres://postgres@127.0.0.1:5432/ayni_bench_textindex"
# Made-up words of each language's look: consonant-vowel syllables and some typical endings.
SYLLABLES = {
    "en": [c + v for c in "bcdfglmnprstvw" for v in "aeiou"]
    + ["ar", "er", "in", "on", "st", "th", "nd", "tr", "ing", "ent", "ion", "ers", "ate"],
    "es": [c + v for c in "bcdfglmnprstvñ" for v in "aeiou"]
    + ["ción", "dad", "mente", "ando", "iendo", "llo", "rra", "rro"],
}


# --- The corpus -------------------------------------------------------------------------------


class Language:
    """One language's made-up vocabulary: shared words, each topic's words, stop-words."""

    def __init__(self, code: str, rng: random.Random) -> None:
        from stop_words import get_stop_words

        made: set[str] = set()

        def words(count: int) -> list[str]:
            found = []
            while len(found) < count:
                word = "".join(rng.choice(SYLLABLES[code]) for _ in range(rng.randint(2, 4)))
                if word not in made:
                    made.add(word)
                    found.append(word)
            return found

        self.shared = words(20_000)
        self.topics = [words(1_500) for _ in range(TOPICS)]
        self.stop = sorted(get_stop_words("english" if code == "en" else "spanish"))[:150]
        # Zipf's law: the n-th most common word is used in proportion to 1/n.
        self.shared_weights = _cumulative(len(self.shared))
        self.topic_weights = _cumulative(1_500)
        self.stop_weights = _cumulative(len(self.stop))

    def text(self, rng: random.Random, topic: int, length: int) -> str:
        """`length` words: 45 % stop-words, then shared and topic words two to one."""
        picks = []
        for _ in range(length):
            roll = rng.random()
            if roll < 0.45:
                picks.append(rng.choices(self.stop, cum_weights=self.stop_weights)[0])
            elif roll < 0.82:
                picks.append(rng.choices(self.shared, cum_weights=self.shared_weights)[0])
            else:
                picks.append(rng.choices(self.topics[topic], cum_weights=self.topic_weights)[0])
        return " ".join(picks)


def _cumulative(count: int) -> list[float]:
    total, sums = 0.0, []
    for n in range(1, count + 1):
        total += 1 / n
        sums.append(total)
    return sums


class Corpus:
    def __init__(self, seed: int = 10) -> None:
        self.rng = random.Random(seed)
        self.languages = {code: Language(code, self.rng) for code in ("en", "es")}
        self.topic_of: dict[int, int] = {}

    def article(self, object_id: int) -> Any:
        from ayni.core.textindex.services import Document

        rng = self.rng
        language = "en" if rng.random() < 0.8 else "es"
        topic = rng.randrange(TOPICS)
        self.topic_of[object_id] = topic
        words = self.languages[language]
        title = words.text(rng, topic, rng.randint(5, 11)).capitalize()
        summary = words.text(rng, topic, rng.randint(18, 35)).capitalize() + "."
        return Document(
            object_id=object_id,
            language=language,
            title=title,
            summary=summary,
            body=self.body(language, topic),
        )

    def body(self, language: str, topic: int) -> str:
        paragraphs = [
            self.languages[language].text(self.rng, topic, self.rng.randint(40, 120)).capitalize()
            + "."
            for _ in range(self.rng.randint(4, 9))
        ]
        return "\n\n".join(paragraphs)

    def query(self) -> tuple[str, str]:
        """A reader's query and its language: one to three words, mostly common ones."""
        rng = self.rng
        language = "en" if rng.random() < 0.8 else "es"
        words = self.languages[language]
        topic = rng.randrange(TOPICS)
        picked = []
        for _ in range(rng.choice([1, 1, 2, 2, 2, 3])):
            if rng.random() < 0.5:
                picked.append(rng.choices(words.topics[topic], cum_weights=words.topic_weights)[0])
            else:
                picked.append(
                    rng.choices(words.shared[:3000], cum_weights=words.shared_weights[:3000])[0]
                )
        roll = rng.random()
        if roll < 0.1 and len(picked) > 1:
            return f'"{" ".join(picked)}"', language
        if roll < 0.2 and len(picked) > 1:
            return " OR ".join(picked), language
        return " ".join(picked), language


# --- One backend, in its own process ----------------------------------------------------------


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _timed(clock: Any, calls: list[Any], cpu: list[float] | None = None) -> list[float]:
    """Each call's wall time in ms; its CPU time (this process's and, on PostgreSQL, the
    server's serving it) appended to `cpu`."""
    times = []
    for call in calls:
        wall, here, server = clock(call)
        times.append(wall)
        if cpu is not None:
            cpu.append(here + server)
    return times


def _counting_refills(counted: list[int]) -> None:
    """Every list worked out again from now on (`neighbours.refill`) counted in `counted`."""
    from ayni.core.textindex import neighbours

    refill = neighbours.refill

    def counting(document_ids: Any) -> None:
        document_ids = list(document_ids)
        counted.append(len(document_ids))
        refill(document_ids)

    neighbours.refill = counting


def measure_backend(args: argparse.Namespace) -> dict[str, Any]:
    """Run inside a process whose DATABASE_URL is the backend's fresh database."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from ayni.core.textindex.models import TextDocument, TextPosting, TextTerm
    from ayni.core.textindex.selectors import search, similar
    from ayni.core.textindex.services import index_document, rebuild

    corpus = Corpus()
    result: dict[str, Any] = {"backend": connection.vendor, "documents": args.documents}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            result["server"] = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    else:
        result["server"] = f"SQLite {sqlite3.sqlite_version}"

    # Made first, so the rebuild's time is the index's alone (about 80 MB of text).
    made = time.monotonic()
    documents = [corpus.article(n) for n in range(1, args.documents + 1)]
    result["corpus_s"] = time.monotonic() - made
    stages: dict[str, float] = {}
    result["load_before"] = os.getloadavg()[0]
    started, used = time.monotonic(), time.process_time()
    last = [started]

    def progress(stage: str, done: int) -> None:
        now = time.monotonic()
        stages[stage] = stages.get(stage, 0.0) + now - last[0]
        last[0] = now
        if done % 5000 == 0:
            print(
                f"  {result['backend']}: {stage} {done:,} ({now - started:.0f} s)", file=sys.stderr
            )

    rebuild(kind=KIND, documents=iter(documents), progress=progress)
    del documents
    result["rebuild_s"] = time.monotonic() - started
    result["rebuild_cpu_s"] = time.process_time() - used
    result["stages_s"] = stages
    result["terms"] = TextTerm.objects.filter(kind=KIND).count()
    result["postings"] = TextPosting.objects.count()
    print(f"  {result['backend']}: rebuilt in {result['rebuild_s']:.0f} s", file=sys.stderr)

    # Quality: how many of each article's three similar ones share its topic.
    rng = random.Random(3)
    sample = rng.sample(range(1, args.documents + 1), min(500, args.documents))
    same = total = 0
    for object_id in sample:
        for other in similar(kind=KIND, object_id=object_id):
            same += corpus.topic_of[other] == corpus.topic_of[object_id]
            total += 1
    result["same_topic"] = same / max(total, 1)

    new_ids = range(args.documents + 1, args.documents + 1 + args.saves)
    new = [corpus.article(n) for n in new_ids]
    cpu: dict[str, list[float]] = {"save": [], "edit": [], "search": []}
    clock = Clock()
    result["save_ms"] = _timed(
        clock, [(lambda d=d: index_document(kind=KIND, **d.__dict__)) for d in new], cpu["save"]
    )
    edited = rng.sample(range(1, args.documents + 1), args.saves)
    edits = []
    for object_id in edited:
        row = TextDocument.objects.get(kind=KIND, object_id=object_id)
        body = corpus.body(row.language, rng.randrange(TOPICS))  # a new text, maybe a new topic
        edits.append(
            lambda row=row, body=body: index_document(
                kind=KIND,
                object_id=row.object_id,
                language=row.language,
                title=row.title,
                summary=row.summary,
                body=body,
            )
        )
    refilled: list[int] = []
    _counting_refills(refilled)
    result["edit_ms"] = _timed(clock, edits, cpu["edit"])
    result["edit_refilled"] = sum(refilled)
    queries = [corpus.query() for _ in range(args.queries)]
    found: list[int] = []

    def run_search(text: str, language: str) -> None:
        found.append(len(search(kind=KIND, query=text, language=language, limit=20)))

    result["search_ms"] = _timed(
        clock, [lambda q=q: run_search(*q) for q in queries], cpu["search"]
    )
    result["search_hits_mean"] = statistics.mean(found) if found else 0
    lookups = rng.sample(range(1, args.documents + 1), min(1000, args.documents))
    result["similar_ms"] = _timed(
        clock, [lambda o=o: similar(kind=KIND, object_id=o) for o in lookups]
    )
    for key in ("save_ms", "edit_ms", "search_ms", "similar_ms"):
        values = result.pop(key)
        result[key.replace("_ms", "")] = {
            "p50": statistics.median(values),
            "p95": _percentile(values, 0.95),
            "max": max(values),
            "n": len(values),
        }
    for key, values in cpu.items():
        result[key]["cpu_p50"] = statistics.median(values)
        result[key]["cpu_p95"] = _percentile(values, 0.95)
    result["load_after"] = os.getloadavg()[0]
    return result


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    """The backend measured in a child process with its own fresh database."""
    print(f"Text index on {backend}: {args.documents:,} articles…", flush=True)
    return measure_backend_in_child(
        [
            str(Path(__file__)),
            "--child",
            f"--documents={args.documents}",
            f"--saves={args.saves}",
            f"--queries={args.queries}",
        ],
        backend=backend,
        postgres=args.postgres,
        named_by="--postgres",
    )


# --- Report -------------------------------------------------------------------------------------


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def markdown(results: list[dict[str, Any]], argv: str) -> str:
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    lines = [
        f"Run on {date.today().isoformat()}: `.venv/bin/python bench/textindex.py{' ' + argv if argv else ''}`"
        f" on {os.cpu_count()} cores ({cpu.group(1).strip() if cpu else 'unknown CPU'}), a VM "
        f"shared with other work; Python {platform.python_version()}; "
        + ", ".join(r["server"] for r in results)
        + " (the machine's PostgreSQL as installed, its defaults).",
        "",
        "| Backend | articles | rebuild: wall (texts / vectors / lists), CPU here | save p50 / p95 / max (CPU p50 / p95) | edit p50 / p95 / max (CPU p50 / p95; lists worked out again) | search p50 / p95 (CPU p50) | similar p50 | same topic | load before / after | met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        stages = " / ".join(
            f"{r['stages_s'].get(s, 0):.0f}" for s in ("texts", "vectors", "neighbours")
        )
        ok = (
            r["rebuild_s"] < REBUILD_TARGET_S
            and r["save"]["p95"] < SAVE_TARGET_MS
            and r["edit"]["p95"] < SAVE_TARGET_MS
            and r["search"]["p50"] < SEARCH_TARGET_MS
        )
        save, edit, found = r["save"], r["edit"], r["search"]
        lines.append(
            f"| {r['backend']} | {r['documents']:,} | {r['rebuild_s']:.0f} s ({stages}), "
            f"{r['rebuild_cpu_s']:.0f} s | "
            f"{save['p50']:.0f} / {save['p95']:.0f} / {save['max']:.0f} ms "
            f"({save['cpu_p50']:.0f} / {save['cpu_p95']:.0f}) | "
            f"{edit['p50']:.0f} / {edit['p95']:.0f} / {edit['max']:.0f} ms "
            f"({edit['cpu_p50']:.0f} / {edit['cpu_p95']:.0f}; {r['edit_refilled']:,}) | "
            f"{found['p50']:.1f} / {found['p95']:.1f} ms ({found['cpu_p50']:.1f}) | "
            f"{r['similar']['p50']:.2f} ms | {r['same_topic']:.0%} | "
            f"{r['load_before']:.1f} / {r['load_after']:.1f} | {_met(ok)} |"
        )
    first = results[0]
    lines += [
        "",
        f"Targets: rebuild under {REBUILD_TARGET_S // 60} minutes, a save (new or edited article) "
        f"under {SAVE_TARGET_MS} ms (judged at p95), search p50 under {SEARCH_TARGET_MS} ms. "
        f"{first['save']['n']} new articles and {first['edit']['n']} edits saved one by one "
        f"after the rebuild, {first['search']['n']} searches (first page of 20, "
        f"{first['search_hits_mean']:.1f} hits on average), {first['similar']['n']} lookups of "
        f"similar articles. The corpus: {first['terms']:,} terms, {first['postings']:,} postings "
        f'on {first["backend"]}. "Same topic": the share of an article\'s three similar articles that are '
        f'of its own topic (of {TOPICS}), a check that the lists mean something. "CPU here" '
        f"(the rebuild): the bench process's own CPU time, which on SQLite is all of it; "
        f'"CPU" (a save, an edit, a search): the bench process\'s and, on PostgreSQL, the '
        f"server process's serving it (read from /proc in 10 ms ticks); \"lists worked out "
        f'again": by all the edits, each a scoring query; "load": the machine\'s 1-minute '
        f"load average on 2 cores (other work shares it).",
    ]
    return "\n".join(lines) + "\n"


def write_doc(text: str) -> None:
    start, end = MARKERS
    doc = DOC.read_text()
    block = f"{start}\n{text}{end}"
    if start in doc:
        doc = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, doc, flags=re.S)
    else:
        doc = doc.rstrip("\n") + f"\n\n## {TITLE}\n\n{block}\n"
    DOC.write_text(doc)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--postgres", default=os.environ.get("TEXTINDEX_BENCH_POSTGRES", POSTGRES))
    parser.add_argument("--no-write", dest="write", action="store_false")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.child:
        print(json.dumps(measure_backend(args)))
        return 0
    results = [run_backend(backend, args) for backend in args.backends.split(",") if backend]
    report = markdown(results, " ".join(argv))
    print(report)
    if args.write and args.documents == 20_000:
        write_doc(report)
        print(f"Wrote the text index section of {DOC.relative_to(ROOT)}")
    return 0


def scenario(run: Any) -> None:
    """From bench/run.py (`--only textindex`): both backends, its section of the docs written
    as run.py decides (`write_textindex`); --quick runs 2,000 articles."""
    argv = ["--documents=2000", "--saves=50", "--queries=100"] if run.args.quick else []
    if not run.args.write_textindex:
        argv.append("--no-write")
    main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
