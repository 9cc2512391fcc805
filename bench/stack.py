"""The production server in a throwaway directory: gunicorn (gunicorn.conf.py) and the worker."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# High enough that the worker's per-IP limits never hold a benchmark signature as suspect
# (the check runs in the worker, not the request, but it would change what the worker does).
UNLIMITED = str(10**9)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(var_dir: Path, port: int) -> dict[str, str]:
    """The environment every process of the run shares (the bench process itself included)."""
    return {
        "DATABASE_URL": f"sqlite:///{var_dir / 'ayni.sqlite3'}",
        "VAR_DIR": str(var_dir),
        "SECRET_KEY": "bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_URL": "",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "PORT": str(port),
        "AYNI_BENCH": "1",
        "GUNICORN_ACCESSLOG": "off",  # as measured before gunicorn logged requests by default
        "TRUSTED_PROXIES": "127.0.0.1/32",
        "DJANGO_SETTINGS_MODULE": "ayni.settings",
        "SIGNATURE_BURST_LIMIT": UNLIMITED,
        "SIGNATURE_SUSTAINED_LIMIT": UNLIMITED,
        "SIGNATURE_FLAG_THRESHOLD": UNLIMITED,
        "PYTHONUNBUFFERED": "1",
    }


@dataclass
class Stack:
    var_dir: Path
    env: dict[str, str]
    port: int
    server_env: dict[str, str] = field(default_factory=dict)
    server: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None
    # More workers beside the first (`start_worker(extra=True)`), as a site sending faster
    # than one worker can would run them.
    extra_workers: list[subprocess.Popen] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _log(self, name: str):
        return open(self.var_dir / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)

    def start_server(self, overrides: dict[str, str] | None = None) -> None:
        """gunicorn exactly as deployed (gunicorn.conf.py); `overrides` are GUNICORN_* variables."""
        self.server_env = {**os.environ, **self.env, **(overrides or {})}
        self.server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "ayni.wsgi", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=self.server_env,
            stdout=self._log("server"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start:\n" + (self.var_dir / "server.log").read_text())

    def worker_pids(self) -> list[int]:
        """gunicorn's worker processes (children of the arbiter)."""
        if not self.server:
            return []
        children = Path(f"/proc/{self.server.pid}/task/{self.server.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def start_worker(self, *, extra: bool = False) -> subprocess.Popen:
        process = subprocess.Popen(
            [PYTHON, "manage.py", "run_worker", "--interval", "0.1"],
            cwd=ROOT,
            env={**os.environ, **self.env},
            stdout=self._log("worker"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if extra:
            self.extra_workers.append(process)
        else:
            self.worker = process
        return process

    @staticmethod
    def _stop(process: subprocess.Popen | None) -> None:
        if process and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def stop_worker(self) -> None:
        for process in [self.worker, *self.extra_workers]:
            self._stop(process)
        self.worker = None
        self.extra_workers = []

    def stop_server(self) -> None:
        self._stop(self.server)
        self.server = None

    def stop(self) -> None:
        self.stop_worker()
        self.stop_server()
