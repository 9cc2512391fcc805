"""A real running stack for end-to-end tests: gunicorn + the worker + a real SMTP server.

It runs on a fresh database of the same kind the suite uses: a temporary SQLite file, or
(when DATABASE_URL names PostgreSQL) a temporary PostgreSQL database that is dropped after.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from aiosmtpd.controller import Controller

from tests.fixtures import Mailbox, free_port

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _pg_admin_url(url: str) -> str:
    parsed = urlparse(url)
    return urlunparse(parsed._replace(path="/postgres"))


@dataclass
class LiveStack:
    tmp: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    mailbox: Mailbox = field(default_factory=Mailbox)
    server: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None
    smtp: Controller | None = None
    pg_name: str = ""
    logs: list[Path] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- set-up ------------------------------------------------------------------------
    def prepare(self, *, extra_env: dict[str, str] | None = None) -> None:
        self.smtp = Controller(self.mailbox, hostname="127.0.0.1", port=free_port())
        self.smtp.start()
        self.port = free_port()
        base_url = os.environ.get("DATABASE_URL", "")
        if base_url.startswith(("postgres://", "postgresql://")):
            import psycopg

            self.pg_name = f"ayni_live_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(_pg_admin_url(base_url), autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self.pg_name}"')
            database_url = urlunparse(urlparse(base_url)._replace(path=f"/{self.pg_name}"))
        else:
            database_url = f"sqlite:///{self.tmp / 'live.sqlite3'}"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "VAR_DIR": str(self.tmp),
            "SECRET_KEY": "live-test-secret-key-0123456789-abcdefghijklmnop",
            "SITE_URL": f"http://127.0.0.1:{self.port}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp.port}",
            "PORT": str(self.port),
            "ROLLUP_INTERVAL": "0.5",
            "DEBUG": "false",
            "DJANGO_SETTINGS_MODULE": "ayni.settings",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.manage("migrate", "--no-input", "-v0")
        self.manage("collectstatic", "--no-input", "-v0")

    def manage(self, *args: str, timeout: float = 300) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(
                f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def _log(self, name: str):
        path = self.tmp / f"{name}.log"
        self.logs.append(path)
        return open(path, "ab")  # noqa: SIM115 (closed with the process)

    def start_server(self, *, workers: int = 2, threads: int = 8) -> None:
        env = {**self.env, "GUNICORN_WORKERS": str(workers), "GUNICORN_THREADS": str(threads)}
        self.server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "ayni.wsgi", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=self._log("server"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start:\n" + (self.tmp / "server.log").read_text())

    def start_worker(self) -> subprocess.Popen:
        self.worker = subprocess.Popen(
            [PYTHON, "manage.py", "run_worker", "--interval", "0.1"],
            cwd=ROOT,
            env=self.env,
            stdout=self._log("worker"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self.worker

    def kill_worker(self, sig: int = signal.SIGKILL) -> None:
        if self.worker and self.worker.poll() is None:
            os.killpg(self.worker.pid, sig)
            self.worker.wait(timeout=20)

    # --- reading state -------------------------------------------------------------------
    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Read the live database directly (plain SQL, %s placeholders)."""
        if self.pg_name:
            import psycopg

            with psycopg.connect(self.env["DATABASE_URL"]) as conn:
                return conn.execute(sql, params).fetchall()
        with sqlite3.connect(self.tmp / "live.sqlite3", timeout=30) as conn:
            return conn.execute(sql.replace("%s", "?"), params).fetchall()

    def wait_for(
        self, predicate, *, timeout: float = 30, interval: float = 0.2, message: str = "condition"
    ):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(interval)
        raise AssertionError(f"timed out waiting for {message}")

    # --- tear-down ------------------------------------------------------------------------
    def stop(self) -> None:
        for process in (self.worker, self.server):
            if process and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        if self.smtp:
            self.smtp.stop()
        if self.pg_name:
            import psycopg

            with psycopg.connect(
                _pg_admin_url(os.environ["DATABASE_URL"]), autocommit=True
            ) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
