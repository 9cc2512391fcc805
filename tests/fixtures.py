from __future__ import annotations

import base64
import json
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import altcha
import pytest
from aiosmtpd.controller import Controller
from django.test import Client

from ayni.core.worker import run_pending_tasks
from tests.factories import UserFactory


@dataclass
class Mailbox:
    """What a real local SMTP server (aiosmtpd) received."""

    messages: list[EmailMessage] = field(default_factory=list)
    # The client's address and port each message came over: one per SMTP session.
    peers: list[tuple] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
            self.peers.append(tuple(session.peer))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if address in m["To"]]

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()
            self.peers.clear()


def text_body(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_body(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def solve_challenge(challenge: dict) -> str:
    """The answer to a proof-of-work challenge (ayni.core.pow) as the widget sends it:
    btoa(JSON {challenge, solution})."""
    solution = altcha.solve_challenge(altcha.Challenge.from_dict(challenge))
    assert solution is not None
    found = {"counter": solution.counter, "derivedKey": solution.derived_key, "time": 3.0}
    return base64.b64encode(
        json.dumps({"challenge": challenge, "solution": found}).encode()
    ).decode()


def spy_on(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[dict]:
    """The keyword arguments of each call to `owner.name` from now on (the call still
    happens): what a share card's drawing was asked to show, say."""
    calls: list[dict] = []
    real = getattr(owner, name)

    def spy(**fields):
        calls.append(fields)
        return real(**fields)

    monkeypatch.setattr(owner, name, spy)
    return calls


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, mailbox
    controller.stop()


@pytest.fixture
def mailbox(smtp_server, settings):
    """Route Django's email through the real local SMTP server for this test."""
    controller, box = smtp_server
    box.clear()
    settings.EMAIL_BACKEND = "ayni.core.mail_backend.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    return box


@pytest.fixture
def run_tasks():
    return run_pending_tasks


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests need no collectstatic run: serve static names unhashed."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def live_stack(tmp_path):
    """gunicorn + worker + real SMTP on a fresh database; see tests/live.py."""
    from tests.live import LiveStack

    stack = LiveStack(tmp=tmp_path)
    try:
        stack.prepare()
        stack.start_server()
        stack.start_worker()
        yield stack
    finally:
        stack.stop()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The local-memory cache outlives a test's database rollback; start each test empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- Personas (tests/access.py): each a user, and `client_for` to act as any of them ----------


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def outsider(db):
    """Logged in but not staff: even in the Organiser group, no way into the back office."""
    return UserFactory(username="outsider", is_staff=False, role="Organiser")


@pytest.fixture
def viewer(db):
    return UserFactory(username="viewer", role="Staff")


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", role="Moderator")


@pytest.fixture
def organiser(db):
    return UserFactory(username="organiser", role="Organiser")


@pytest.fixture
def superuser(db):
    """Not one of the five roles: every permission, for the matrices that check that even a
    superuser cannot do what no one may (delete a signature, edit what it was counted under)."""
    return UserFactory(username="superuser", is_superuser=True)


@pytest.fixture
def client_for(request):
    """client_for(persona) -> a new test client logged in as that persona (tests/access.py)."""

    def make(persona: str) -> Client:
        client = Client()
        user = request.getfixturevalue(persona)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English. A request leaves its language active in the thread that
    served it (LocaleMiddleware does not undo it), and reverse() puts the active language in
    every address: without this, a Spanish page read by one test would send the next test's
    reverse() to /es/."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Real hashing costs ~1.5 s a user; the tests check permissions, not hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
