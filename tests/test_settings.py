"""Settings and serving: every environment variable is in .env.example with its true default;
SITE_URL follows PORT; gunicorn reads its settings through the same checked readers; a refused
request (403, 404) is one log line."""

from __future__ import annotations

import ast
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from ayni.core.env import ConfigError, local_site_url
from tests.factories import StatementFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
READERS = {
    "env_str",
    "env_bool",
    "env_int",
    "env_float",
    "env_list",
    "env_float_list",
    "env_networks",
    "env_url",
    "env_secret",
}
# Read from the environment, but Django's own machinery, not a setting of ayni.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE"}
NO_DEFAULT = object()  # computed at start-up (a path, the number of cores, another setting)


def example() -> dict[str, str]:
    lines = (ROOT / ".env.example").read_text().splitlines()
    pairs = [line.split("=", 1) for line in lines if line and not line.startswith("#")]
    return dict(pairs)


def constant(node: ast.expr) -> object:
    """A default written as a constant expression (8, 24 * 60, "INFO"), else NO_DEFAULT."""
    if all(
        isinstance(n, ast.Constant | ast.BinOp | ast.UnaryOp | ast.operator) for n in ast.walk(node)
    ):
        return eval(compile(ast.Expression(node), "<default>", "eval"), {})  # noqa: S307 (constants only)
    return NO_DEFAULT


def python_reads(path: Path) -> dict[str, object]:
    """{variable: default} for every environment read in a Python file: the checked readers,
    and os.environ / os.getenv wherever something reads around them."""
    reads: dict[str, object] = {}
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = node.args[0].value
            function = node.func
            called = function.id if isinstance(function, ast.Name) else ast.unparse(function)
            if called in READERS:
                reads[name] = constant(node.args[1]) if len(node.args) > 1 else ""
            elif called in ("os.environ.get", "os.getenv", "os.environ.setdefault"):
                reads[name] = NO_DEFAULT
        elif (
            isinstance(node, ast.Subscript)
            and ast.unparse(node.value) == "os.environ"
            and isinstance(node.slice, ast.Constant)
        ):
            reads[node.slice.value] = NO_DEFAULT
    return reads


def shell_reads(path: Path) -> dict[str, object]:
    # ${NAME:-default}; positional parameters (${1:-0}) are not the environment.
    return dict(re.findall(r"\$\{([A-Z_][A-Z0-9_]*):-([^}]*)\}", path.read_text()))


def every_read() -> dict[str, object]:
    reads: dict[str, object] = {}
    python = [ROOT / "gunicorn.conf.py", ROOT / "manage.py", *ROOT.glob("ayni/**/*.py")]
    for path in python:
        if "tests" not in path.parts and "migrations" not in path.parts:
            reads.update(python_reads(path))
    for path in (ROOT / "bin").iterdir():
        if path.suffix == ".py":
            reads.update(python_reads(path))
        else:
            reads.update(shell_reads(path))
    return {name: default for name, default in reads.items() if name not in NOT_SETTINGS}


def spelled(default: object) -> str:
    if isinstance(default, bool):
        return "true" if default else "false"
    return str(default)


def test_every_variable_read_is_in_env_example_and_nothing_else():
    reads, listed = every_read(), example()

    assert sorted(set(reads) - set(listed)) == []  # read, but not documented
    assert sorted(set(listed) - set(reads)) == []  # documented, but never read


def test_env_example_gives_each_variables_true_default():
    listed = example()

    wrong = {
        name: (listed[name], spelled(default))
        for name, default in every_read().items()
        if default is not NO_DEFAULT
        and not (
            listed[name] == spelled(default)
            or (isinstance(default, int | float) and float(listed[name]) == float(default))
        )
    }

    assert wrong == {}


def test_the_scan_sees_reads_of_every_kind():
    reads = every_read()

    assert reads["GUNICORN_THREADS"] == 1  # gunicorn.conf.py, through the checked readers
    assert reads["LOGIN_COOLOFF_MAX_MINUTES"] == 24 * 60  # settings.py, an expression
    assert reads["PORT"] == "8000"  # bin/serve, ${PORT:-8000}
    assert reads["AYNI_BENCH"] is NO_DEFAULT  # urls.py, os.environ around the readers
    assert reads["SECRET_KEY"] is NO_DEFAULT


def test_site_url_follows_port_unless_set(monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    assert local_site_url() == "http://127.0.0.1:8000"
    monkeypatch.setenv("PORT", "9000")
    assert local_site_url() == "http://127.0.0.1:9000"
    monkeypatch.setenv("PORT", "ninety")
    with pytest.raises(ConfigError, match="PORT='ninety' is not a whole number"):
        local_site_url()


def settings_in_a_fresh_process(**env: str) -> str:
    base = {key: value for key, value in os.environ.items() if key not in ("PORT", "SITE_URL")}
    script = (
        "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "ayni.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_port_9000_mails_links_to_port_9000():
    assert settings_in_a_fresh_process(PORT="9000") == "http://127.0.0.1:9000"
    assert settings_in_a_fresh_process() == "http://127.0.0.1:8000"
    assert (
        settings_in_a_fresh_process(PORT="9000", SITE_URL="https://ayni.example.org/")
        == "https://ayni.example.org"
    )


def gunicorn_config(**env: str) -> subprocess.CompletedProcess[str]:
    """Load gunicorn.conf.py as gunicorn does, and print what it set."""
    script = (
        "import runpy; c = runpy.run_path('gunicorn.conf.py'); "
        "print(c['bind'], c['workers'], c['threads'], c['reuse_port'], c['accesslog'])"
    )
    base = {key: value for key, value in os.environ.items() if not key.startswith("GUNICORN_")}
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**base, "PORT": "8000", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_gunicorn_reads_its_settings_through_the_checked_readers():
    defaults = gunicorn_config(GUNICORN_WORKERS="3")
    chosen = gunicorn_config(
        PORT="9000", GUNICORN_WORKERS="2", GUNICORN_REUSE_PORT="false", GUNICORN_ACCESSLOG="off"
    )
    malformed = gunicorn_config(GUNICORN_WORKERS="many")
    bad_flag = gunicorn_config(GUNICORN_REUSE_PORT="perhaps")

    assert defaults.stdout.split() == ["127.0.0.1:8000", "3", "1", "True", "-"]
    assert chosen.stdout.split() == ["127.0.0.1:9000", "2", "1", "False", "None"]
    assert malformed.returncode != 0
    assert "ayni configuration error: GUNICORN_WORKERS='many' is not a whole number." in (
        malformed.stderr
    )
    assert "GUNICORN_REUSE_PORT='perhaps' is not a boolean" in bad_flag.stderr


def request_log(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "django.request"]


@pytest.mark.django_db
def test_a_404_is_one_log_line(client, caplog):
    caplog.set_level(logging.WARNING, logger="django.request")

    response = client.get("/en/s/no-such-statement/")

    assert response.status_code == 404
    [record] = request_log(caplog)
    assert (record.levelname, record.getMessage()) == (
        "WARNING",
        "Not Found: /en/s/no-such-statement/",
    )
    assert "Traceback" not in caplog.text


@pytest.mark.django_db
def test_a_403_is_one_log_line_without_a_traceback(client, caplog):
    statement = StatementFactory()
    client.force_login(UserFactory(role="Staff"))
    caplog.set_level(logging.WARNING, logger="django.request")
    url = reverse("admin:statements_statement_export", args=[statement.pk])

    response = client.get(url)

    assert response.status_code == 403
    [record] = request_log(caplog)
    assert record.getMessage() == f"Forbidden (Permission denied): {url}"
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


@pytest.mark.django_db
def test_a_crash_still_logs_its_traceback(client, caplog, monkeypatch):
    from ayni.statements import views

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.selectors, "public_statements", crash)
    client.raise_request_exception = False
    caplog.set_level(logging.ERROR, logger="django.request")

    response = client.get("/en/statements/")

    assert response.status_code == 500
    [record] = request_log(caplog)
    assert record.exc_info is not None and "RuntimeError: boom" in caplog.text
