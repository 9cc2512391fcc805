"""Headless Chromium against one running stack (gunicorn + worker + real SMTP), seeded once.

The stack is session-scoped for speed; each journey keeps to itself by signing with its own
email address and measuring counts relative to where they were when it started. Every page a
journey opens is watched (tests/browser/support.py): a Content-Security-Policy violation, a
request to another host or a 5xx answer fails the test that caused it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, Browse
from tests.live import LiveStack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStack]:
    """The live stack with the demo campaign loaded, shared by every browser journey."""
    live = LiveStack(tmp=tmp_path_factory.mktemp("browser-stack"))
    try:
        # Every journey signs from 127.0.0.1; the per-IP burst limit is not what is tested here.
        # The demo's articles are from 2022: comments stay open on them for the journeys.
        # Every fresh browser reads from 127.0.0.1 too: the meter's ceiling per IP hash for
        # browsers without its cookie (tested in ayni/newsroom/tests/) would otherwise prompt
        # whichever journey happens to open a metered article after the tenth.
        live.prepare(
            extra_env={
                "SIGNATURE_BURST_LIMIT": "1000",
                "COMMENTS_CLOSE_DAYS": "0",
                "NEWS_METER_IP_CEILING": "1000",
            }
        )
        live.start_server()
        live.start_worker()
        live.manage("seed_demo")  # every app's demo, the events' included
        yield live
    finally:
        live.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browse(browser: Browser, stack: LiveStack) -> Iterator[Browse]:
    session = Browse(browser, stack.url)
    yield session
    session.close()
    for log in session.logs.values():
        assert not log.csp_violations, log.csp_violations
        assert not log.foreign_hosts, log.foreign_hosts
        assert not log.server_errors, log.server_errors
