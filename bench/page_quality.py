"""Lighthouse, the Nu HTML checker and axe-core over every public page, in both languages.

Not part of `make test`: it needs Node tools that are not Python dependencies, and a full run
takes about 30 minutes on 2 cores (Lighthouse loads each page twice, phone and desktop). It
serves the site exactly as deployed (bin/serve: gunicorn + worker, DEBUG off, a throwaway
VAR_DIR with the demo campaign and the events' demo), signs once through the real form in each
language to reach the confirm and withdraw pages its email links to, registers for the demo's
upcoming online event to reach a registrant's confirm, own, join and cancel pages, asks to
sign in as a member for the page the emailed link opens and the account page, reads the demo's
metered articles until the meter's prompt (bench/page_quality_readers.py), and prints a
Markdown table; --write puts it in docs/page-quality.md between the page-quality markers.

    # once: the tools (Node 20, Java 17, Chromium at /usr/bin/chromium)
    mkdir -p /tmp/pagecheck && cd /tmp/pagecheck && npm init -y >/dev/null \
        && npm i -E lighthouse@12.2.3 vnu-jar axe-core@4.10.2
    .venv/bin/python bench/page_quality.py --write         # everything
    .venv/bin/python bench/page_quality.py --only nu,axe   # the fast checks (under a minute)
    .venv/bin/python bench/page_quality.py --pages home,statement --lang es

Exits non-zero when a page scores under 0.95 in any category, or Nu or axe find anything.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import page_quality_readers as readers  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
TOOLS = Path(os.environ.get("PAGECHECK_DIR") or Path(tempfile.gettempdir()) / "pagecheck")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
DOC = ROOT / "docs" / "page-quality.md"
START, END = "<!-- page-quality:start -->", "<!-- page-quality:end -->"
SLUG = "stand-with-democracy-in-bolivia"
EVENT = readers.EVENT
PAST_EVENT = "solidarity-with-bolivia-the-people-in-power"  # the seed event, reported back
SPEAKER = "christine-blower"
MOTION = "solidarity-with-democracy-in-bolivia"  # the motions demo's model motion
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
THRESHOLD = 0.95
# How long an email may take: the worker starts after the site answers, slowly on a busy machine.
MAIL_WAIT = 90
LANGUAGES = ["en", "es"]
# Pages robots.txt keeps out of search engines on purpose (the link carries a personal token):
# Lighthouse's SEO audit "page is blocked from indexing" is the one it may lose there.
NOT_FOR_INDEXING = {
    "confirm",
    "withdraw",
    "erase",
    "registration-confirm",
    "registration",
    "join",
    "registration-cancel",
    "motion-report",  # the report form: noindex (nothing there for a search engine)
    "motion-print",  # noindex: the motion's page is the one to find
    "motion-check-inbox",  # noindex, as the report form it follows
    "body-search",  # noindex: a tool for the report form, not a page to find
    "news-search",  # noindex: search results are no page for search engines
    "members-sign-in",
    "members-account",
}

# name → path under the language prefix; the emailed links are filled in after signing.
PAGES = {
    "home": "",
    "statements": "statements/",
    "statement": f"s/{SLUG}/",
    "signatories": f"s/{SLUG}/signatories/",
    "organisations": f"s/{SLUG}/signatories/?kind=organisation",
    "closed-statement": f"s/{SLUG}-closed/",
    "challenge-statement": f"s/{SLUG}-challenge/",
    "check-inbox": f"s/{SLUG}/check-your-inbox/",
    "confirm": None,
    "withdraw": None,
    "erase": None,
    # A confirm link whose signature was erased since: the 410 page saying why (Nu and axe:
    # Lighthouse scores no error status), and the page the erase button answers (a POST).
    "link-unusable": None,
    "erased": None,
    "thank-you": f"s/{SLUG}/thank-you/",
    "about": "about/",
    "privacy": "privacy/",
    "404": "no-such-page/",
    # The statement page as the sign form answers an empty sending without JavaScript (422).
    # A POST: checked by Nu only (Lighthouse and axe load pages by address).
    "sign-errors": f"s/{SLUG}/sign/",
    "events": "events/",
    "event": f"events/{EVENT}/",
    "past-event": f"events/{PAST_EVENT}/",
    "speaker": f"events/speakers/{SPEAKER}/",
    "event-check-inbox": f"events/{EVENT}/check-inbox/",
    # A registrant's links, from registering through the form in each language: the confirm
    # page of one still pending; the own page, the join page (days before the start) and the
    # cancel page of one confirmed.
    "registration-confirm": None,
    "registration": None,
    "join": None,
    "registration-cancel": None,
    "motions": "motions/",
    "motion": f"motions/{MOTION}/",
    "motion-report": f"motions/{MOTION}/report/",
    "motion-by-region": f"motions/{MOTION}/?chart=region",
    "motion-adoptions": f"motions/{MOTION}/adoptions/",
    "motion-print": f"motions/{MOTION}/print/",
    "motion-check-inbox": f"motions/{MOTION}/report/check-inbox/",
    "body-search": "motions/bodies/search/?q=branch",
    "news-search": "news/search/?q=bolivia",
    "news-report-back": "",  # BY_LANGUAGE's
    "members-subscribe": "members/subscribe/",
    "members-subscribe-sent": "members/subscribe/check-inbox/",
    "members-join": "members/join/",
    "members-join-sent": "members/join/check-inbox/",
    # Reached only as one reader (bench/page_quality_readers.py): the page a sign-in link opens,
    # the account page of a member signed in through one, and an article past the meter.
    "members-sign-in": None,
    "members-account": "members/account/",
    "news-meter": "",  # BY_LANGUAGE's
}
# Pages whose address differs by language: an article's address is its own language's.
BY_LANGUAGE = {
    # The demo event's report-back, an article the newsroom publishes from the event.
    "news-report-back": {
        "en": "news/report-back-solidarity-with-bolivia-the-people-in-power/",
        "es": "news/cronica-solidaridad-con-bolivia-el-pueblo-en-el-poder/",
    },
    "news-meter": {lang: f"news/{readers.PAST_THE_METER[lang]}/" for lang in LANGUAGES},
}
POSTED = {"sign-errors", "erased"}
# Reached through a second signature, erased before anything is measured.
AFTER_ERASING = {"link-unusable", "erased"}
REGISTRANT_PAGES = readers.REGISTRANT_PAGES


@dataclass
class Row:
    page: str
    lang: str
    url: str
    cookie: str = ""  # the Cookie header to load it with: a reader's pages
    lighthouse: dict[str, dict[str, float]] = field(default_factory=dict)  # phone/desktop
    cls: dict[str, float] = field(default_factory=dict)
    lost: dict[str, set[str]] = field(default_factory=dict)  # device → "category:audit"
    nu: int | None = None
    nu_messages: list[str] = field(default_factory=list)
    axe: int | None = None
    axe_messages: list[str] = field(default_factory=list)

    def failures(self) -> list[str]:
        found = [
            f"{self.page} {self.lang} {device} {name} {score:.2f}: "
            + ", ".join(sorted(a for a in self.lost[device] if a.startswith(f"{name}:")))
            for device, scores in self.lighthouse.items()
            for name, score in scores.items()
            if score < THRESHOLD and not self.blocked_on_purpose(device, name)
        ]
        found += [f"{self.page} {self.lang} Nu: {text}" for text in self.nu_messages]
        found += [f"{self.page} {self.lang} axe: {text}" for text in self.axe_messages]
        return found

    def blocked_on_purpose(self, device: str, category: str) -> bool:
        seo_lost = {a for a in self.lost[device] if a.startswith("seo:")}
        return (
            self.page in NOT_FOR_INDEXING and category == "seo" and seo_lost == {"seo:is-crawlable"}
        )


class Site:
    """bin/serve on a free port with a throwaway VAR_DIR holding the demo campaign."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.var = Path(tempfile.mkdtemp(prefix="ayni-page-quality-"))
        self.url = f"http://127.0.0.1:{port}"
        self.env = {
            **os.environ,
            "VAR_DIR": str(self.var),
            "SITE_URL": self.url,
            "PORT": str(port),
            "DEBUG": "false",
            "EMAIL_URL": "",
            "DATABASE_URL": f"sqlite:///{self.var / 'ayni.sqlite3'}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_ACCESSLOG": "off",
        }
        self.process: subprocess.Popen | None = None

    def manage(self, *args: str) -> None:
        subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True
        )

    def start(self) -> None:
        self.manage("migrate", "--no-input")
        self.manage("collectstatic", "--no-input")
        # The demo (every app's, the events' included) and the extra states the pages need.
        subprocess.run([PYTHON, "bench/page_quality_setup.py"], cwd=ROOT, env=self.env, check=True)
        log = (self.var / "serve.log").open("w")
        self.process = subprocess.Popen(
            ["bin/serve"], cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/en/", timeout=5)
                return
            except OSError:  # not answering yet, or too slowly (a busy machine)
                time.sleep(0.3)
        raise SystemExit(f"the site did not start; see {self.var / 'serve.log'}")

    def erased_paths(self, lang: str) -> tuple[dict[str, str], bytes]:
        """A second signature, erased through its link: its now-unusable confirm link, and
        the page the erase button answered."""
        links = self.mailed_paths(lang, "-erased")
        erase_url = f"{self.url}/{lang}/{links['erase']}"
        erased = self.submit(erase_url, erase_url, {})
        return {"link-unusable": links["confirm"], "erased": links["erase"]}, erased

    def stop(self) -> None:
        if self.process:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        shutil.rmtree(self.var, ignore_errors=True)

    def submit(
        self,
        page_url: str,
        action_url: str,
        form: dict[str, str],
        jar: http.cookiejar.CookieJar | None = None,
    ) -> bytes:
        """Send the form on `page_url` as a browser without JavaScript would (with `jar`'s
        cookies, kept there); the answer's HTML (after any redirect)."""
        jar = http.cookiejar.CookieJar() if jar is None else jar
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        html = opener.open(page_url).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token, f"no CSRF token on {page_url}"
        request = urllib.request.Request(
            action_url,
            data=urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), **form}).encode(),
            headers={"Referer": page_url},
        )
        try:
            return opener.open(request).read()
        except urllib.error.HTTPError as error:  # 422: the form with its errors
            return error.read()

    def sign(self, lang: str, form: dict[str, str]) -> bytes:
        """Send the sign form as a browser without JavaScript would; the answer's HTML."""
        page_url = f"{self.url}/{lang}/s/{SLUG}/"
        return self.submit(page_url, f"{page_url}sign/", form)

    def mailed(self, address: str, lang: str, kinds: dict[str, str]) -> dict[str, str]:
        """The links of the first email to `address` that has every one of `kinds` (name →
        pattern of the path after the language prefix, the part to keep in a group)."""
        deadline = time.monotonic() + MAIL_WAIT
        while time.monotonic() < deadline:
            for log in (self.var / "mail").glob("*.log"):
                # The file backend writes the messages of one connection into one file.
                for text in log.read_text(errors="replace").split("-" * 79):
                    if address not in text:
                        continue
                    found = {
                        name: re.search(rf"{re.escape(self.url)}/{lang}/{pattern}", text)
                        for name, pattern in kinds.items()
                    }
                    if all(found.values()):
                        return {name: match.group(1) for name, match in found.items() if match}
            time.sleep(0.5)
        raise SystemExit(
            f"no email to {address} with {', '.join(kinds)} links within {MAIL_WAIT} s"
        )

    def mailed_paths(self, lang: str, who: str = "") -> dict[str, str]:
        """Sign once through the form in this language; the email's confirm, withdraw and
        erase links.

        The paths are under the language prefix, without it.
        """
        address = f"page-quality-{lang}{who}-{os.getpid()}@example.org"
        form = {"kind": "individual", "name": "Page Quality", "email": address, "country": "GB"}
        self.sign(lang, {**form, "website": ""})
        links = self.mailed(
            address,
            lang,
            {kind: rf"({kind}/[^/\s\"]+/)" for kind in ("confirm", "withdraw")},
        )
        links["erase"] = links["withdraw"] + "erase/"
        return links


def lighthouse(
    url: str, report_path: Path, *, desktop: bool, cookie: str = ""
) -> tuple[dict[str, float], float, set[str]] | None:
    """The four scores, the layout shift and the audits that cost points ("category:audit").

    None for a page Lighthouse refuses.

    Lighthouse will not score a page answered with an error status (ERRORED_DOCUMENT_REQUEST),
    so the 404 page is checked by Nu and axe only. A failed trace (NO_NAVSTART, which a busy
    machine causes now and then) is retried.
    """
    command = [
        str(TOOLS / "node_modules" / ".bin" / "lighthouse"),
        url,
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        # A file, not stdout: Lighthouse can exit before a large report is through a pipe.
        f"--output-path={report_path}",
        "--quiet",
        *(["--preset=desktop"] if desktop else []),
        *([f"--extra-headers={json.dumps({'Cookie': cookie})}"] if cookie else []),
    ]
    for _attempt in range(3):
        report_path.unlink(missing_ok=True)
        subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True)
        report = json.loads(report_path.read_text())
        error = report.get("runtimeError", {}).get("code")
        if error == "ERRORED_DOCUMENT_REQUEST":
            return None
        if not error:
            scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
            lost = {
                f"{name}:{ref['id']}"
                for name in CATEGORIES
                for ref in report["categories"][name]["auditRefs"]
                if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
            }
            for audit in sorted(lost):
                print(f"  lost points: {audit}", file=sys.stderr)
            shift = report["audits"]["cumulative-layout-shift"]["numericValue"]
            return scores, shift, lost
    raise SystemExit(f"Lighthouse failed three times on {url}: {error}")


def nu(html_files: list[Path]) -> dict[Path, list[str]]:
    """Every Nu error per file (one Java start for all files)."""
    jar = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    done = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, html_files)],
        capture_output=True,
        text=True,
    )
    found: dict[Path, list[str]] = {path: [] for path in html_files}
    for message in json.loads(done.stderr or '{"messages": []}')["messages"]:
        path = Path(urllib.parse.urlparse(message["url"]).path)
        found[path].append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return found


def axe(pages: list[tuple[str, str]]) -> list[list[str]]:
    """axe-core's violations on each page (address, Cookie header), desktop viewport,
    JavaScript on."""
    from playwright.sync_api import sync_playwright

    source = (TOOLS / "node_modules" / "axe-core" / "axe.min.js").read_text()
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split())
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for url, cookie in pages:
            page.set_extra_http_headers({"Cookie": cookie} if cookie else {})
            page.goto(url)
            violations = page.evaluate(source + "; axe.run().then(r => r.violations)")
            results.append(
                [
                    f"{item['id']} ({len(item['nodes'])}): {item['nodes'][0]['target']}"
                    for item in violations
                ]
            )
        browser.close()
    return results


def table(rows: list[Row], tools: set[str]) -> str:
    machine = f"{platform.node() or 'unknown'} ({platform.machine()}, {os.cpu_count()} cores)"
    lines = [
        f"Measured {date.today().isoformat()} on {machine}, Lighthouse 12.2.3 "
        "(phone = default mobile emulation, desktop = --preset=desktop), "
        "Nu HTML checker (errors only), axe-core 4.10.2. "
        "Scores: performance / accessibility / best practices / SEO.",
        "",
        "| Page | Lang | Phone | Desktop | CLS (phone) | Nu errors | axe violations |",
        "|---|---|---|---|---|---|---|",
    ]

    def scores(row: Row, device: str) -> str:
        if device not in row.lighthouse:
            return "not scored" if "lighthouse" in tools and row.page not in POSTED else "–"
        return " / ".join(
            f"{row.lighthouse[device][name]:.2f}"
            + (
                "†"
                if row.blocked_on_purpose(device, name) and row.lighthouse[device][name] < 1
                else ""
            )
            for name in CATEGORIES
        )

    for row in rows:
        cls = f"{row.cls['phone']:.3f}" if "phone" in row.cls else "–"
        nu_count = "–" if row.nu is None else str(row.nu)
        axe_count = "–" if row.axe is None else str(row.axe)
        lines.append(
            f"| {row.page} | {row.lang} | {scores(row, 'phone')} | {scores(row, 'desktop')} "
            f"| {cls} | {nu_count} | {axe_count} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="lighthouse,nu,axe", help="tools to run")
    parser.add_argument("--pages", default=",".join(PAGES), help="page names")
    parser.add_argument("--lang", default=",".join(LANGUAGES))
    parser.add_argument("--port", type=int, default=8139)
    parser.add_argument("--write", action="store_true", help="update docs/page-quality.md")
    options = parser.parse_args()
    tools = set(options.only.split(","))
    names = options.pages.split(",")
    langs = options.lang.split(",")
    if not (TOOLS / "node_modules").is_dir():
        raise SystemExit(f"{TOOLS}/node_modules is missing: see the install line in --help")

    # Stopped with SIGTERM (or Ctrl-C), stop the site it started too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    site = Site(options.port)
    try:
        # Inside: a site that fails to answer in time is stopped all the same.
        site.start()
        rows = []
        erased_pages: dict[str, bytes] = {}
        for lang in langs:
            mailed = (
                site.mailed_paths(lang) if {"confirm", "withdraw", "erase"} & set(names) else {}
            )
            if REGISTRANT_PAGES & set(names):
                mailed.update(readers.registrant_paths(site, lang))
            if AFTER_ERASING & set(names):
                more, erased_pages[lang] = site.erased_paths(lang)
                mailed.update(more)
            cookies = readers.reader_pages(site, lang, mailed) if readers.PAGES & set(names) else {}
            for name in names:
                path = mailed[name] if PAGES[name] is None else PAGES[name]
                path = BY_LANGUAGE[name][lang] if name in BY_LANGUAGE else path
                rows.append(Row(name, lang, f"{site.url}/{lang}/{path}", cookies.get(name, "")))

        if "nu" in tools:
            folder = site.var / "html"
            folder.mkdir()
            files = []
            for index, row in enumerate(rows):
                file = folder / f"{index:02d}-{row.page}-{row.lang}.html"
                if row.page == "sign-errors":
                    body = site.sign(row.lang, {"kind": "individual", "email": "not an address"})
                elif row.page == "erased":
                    body = erased_pages[row.lang]
                else:
                    try:
                        request = urllib.request.Request(row.url, headers={"Cookie": row.cookie})
                        body = urllib.request.urlopen(request).read()
                    except urllib.error.HTTPError as error:  # the 404 page is a page too
                        body = error.read()
                file.write_bytes(body)
                files.append(file)
            found = nu(files)
            for row, file in zip(rows, files, strict=True):
                row.nu_messages = found[file]
                row.nu = len(found[file])
        if "axe" in tools:
            loaded = [row for row in rows if row.page not in POSTED]
            found = axe([(row.url, row.cookie) for row in loaded])
            for row, messages in zip(loaded, found, strict=True):
                row.axe_messages = messages
                row.axe = len(messages)
        if "lighthouse" in tools:
            for row in (row for row in rows if row.page not in POSTED):
                for device in ("phone", "desktop"):
                    print(f"lighthouse {device} {row.url}", file=sys.stderr)
                    report = site.var / "lighthouse.json"
                    measured = lighthouse(
                        row.url, report, desktop=device == "desktop", cookie=row.cookie
                    )
                    if measured:
                        row.lighthouse[device], row.cls[device], row.lost[device] = measured
    finally:
        site.stop()

    result = table(rows, tools)
    print(result)
    failures = [text for row in rows for text in row.failures()]
    for text in failures:
        print("FAIL", text, file=sys.stderr)
    if options.write:
        doc = DOC.read_text()
        head, rest = doc.split(START)
        _, tail = rest.split(END)
        DOC.write_text(f"{head}{START}\n{result}\n{END}{tail}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
