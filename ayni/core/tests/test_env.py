"""Settings from the environment: a malformed value stops start-up with the variable's name."""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ayni.core.env import (
    ConfigError,
    email_settings,
    env_bool,
    env_float,
    env_float_list,
    env_int,
    env_list,
    env_networks,
    env_secret,
    env_url,
    secret_key,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("true", True),
        ("TRUE", True),
        (" yes ", True),
        ("1", True),
        ("on", True),
        ("false", False),
        ("0", False),
        ("No", False),
        ("off", False),
        ("", False),
    ],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, value):
    monkeypatch.setenv("DEBUG", raw)
    assert env_bool("DEBUG", False) is value


def test_env_bool_unset_gives_the_default(monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)
    assert env_bool("DEBUG", True) is True


@pytest.mark.parametrize("raw", ["maybe", "2", "yess", "tru e", "null"])
def test_env_bool_malformed_names_the_variable(monkeypatch, raw):
    monkeypatch.setenv("DEBUG", raw)
    with pytest.raises(ConfigError, match=r"DEBUG=.* is not a boolean"):
        env_bool("DEBUG")


@pytest.mark.parametrize("raw", ["eight", "8.5", "1e3", "0x10", "8 000", "--1"])
def test_env_int_malformed_names_the_variable(monkeypatch, raw):
    monkeypatch.setenv("SIGNATURE_BURST_LIMIT", raw)
    with pytest.raises(ConfigError, match=r"SIGNATURE_BURST_LIMIT=.* is not a whole number"):
        env_int("SIGNATURE_BURST_LIMIT", 10, minimum=1)


def test_env_int_below_minimum_names_the_variable(monkeypatch):
    monkeypatch.setenv("SIGNATURE_BURST_LIMIT", "0")
    with pytest.raises(ConfigError, match=r"SIGNATURE_BURST_LIMIT='0' must be at least 1"):
        env_int("SIGNATURE_BURST_LIMIT", 10, minimum=1)


@pytest.mark.parametrize(("raw", "message"), [("31", "at least 32"), ("129", "at most 128")])
def test_env_int_outside_its_range_names_the_variable(monkeypatch, raw, message):
    monkeypatch.setenv("RATE_LIMIT_IPV6_PREFIX", raw)
    with pytest.raises(ConfigError, match=rf"RATE_LIMIT_IPV6_PREFIX='{raw}' must be {message}"):
        env_int("RATE_LIMIT_IPV6_PREFIX", 64, minimum=32, maximum=128)


def test_env_int_reads_values_and_defaults(monkeypatch):
    monkeypatch.setenv("COUNT_MAX_AGE", " 7 ")
    monkeypatch.setenv("SECURE_HSTS_SECONDS", "")
    assert env_int("COUNT_MAX_AGE", 5) == 7
    assert env_int("SECURE_HSTS_SECONDS", 0) == 0


@pytest.mark.parametrize(
    ("raw", "message"), [("fast", "is not a number"), ("-1", "must be at least 0.1")]
)
def test_env_float_malformed_names_the_variable(monkeypatch, raw, message):
    monkeypatch.setenv("ROLLUP_INTERVAL", raw)
    with pytest.raises(ConfigError, match=f"ROLLUP_INTERVAL=.* {message}"):
        env_float("ROLLUP_INTERVAL", 3.0, minimum=0.1)


def test_env_list_and_networks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " a.example , ,b.example")
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,::1")
    assert env_list("ALLOWED_HOSTS") == ["a.example", "b.example"]
    assert env_networks("TRUSTED_PROXIES") == [
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("::1/128"),
    ]


def test_env_float_list_reads_numbers_and_names_a_bad_one(monkeypatch):
    monkeypatch.setenv("EVENT_REMINDER_HOURS", " 48, 1.5 ,,")
    assert env_float_list("EVENT_REMINDER_HOURS", "24,1", minimum=0.1) == [48.0, 1.5]
    monkeypatch.delenv("EVENT_REMINDER_HOURS")
    assert env_float_list("EVENT_REMINDER_HOURS", "24,1", minimum=0.1) == [24.0, 1.0]
    monkeypatch.setenv("EVENT_REMINDER_HOURS", "24,soon")
    with pytest.raises(ConfigError, match="EVENT_REMINDER_HOURS: 'soon' is not a number"):
        env_float_list("EVENT_REMINDER_HOURS", "24,1")
    monkeypatch.setenv("EVENT_REMINDER_HOURS", "0")
    with pytest.raises(ConfigError, match="EVENT_REMINDER_HOURS: '0' must be at least 0.1"):
        env_float_list("EVENT_REMINDER_HOURS", "24,1", minimum=0.1)


def test_env_networks_malformed_names_the_variable(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1,proxy.local")
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES holds 'proxy.local'"):
        env_networks("TRUSTED_PROXIES")


@pytest.mark.parametrize(
    ("name", "raw", "schemes", "message"),
    [
        ("DATABASE_URL", "mysql://db/ayni", {"sqlite", "postgres"}, "must start with one of"),
        ("DATABASE_URL", "ayni.sqlite3", {"sqlite", "postgres"}, "must start with one of"),
        ("EMAIL_URL", "http://mail.example", {"smtp", "smtps"}, "must start with one of"),
        ("EMAIL_URL", "smtp://", {"smtp"}, "has no host name"),
        ("EMAIL_URL", "smtp://mail.example:twenty-five", {"smtp"}, "malformed port"),
        ("EMAIL_URL", "smtp://mail.example:99999", {"smtp"}, "malformed port"),
        ("SITE_URL", "https://", {"http", "https"}, "has no host name"),
        ("SITE_URL", "example.org", {"http", "https"}, "must start with one of"),
    ],
)
def test_env_url_malformed_names_the_variable(monkeypatch, name, raw, schemes, message):
    monkeypatch.setenv(name, raw)
    with pytest.raises(ConfigError, match=f"{name}=.* {message}"):
        env_url(name, "", schemes=schemes)


def test_env_url_accepts_good_values(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/ayni")
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://u:p@mail.example:587")
    assert env_url("DATABASE_URL", "", schemes={"postgres"}).endswith("/ayni")
    assert env_url("EMAIL_URL", "", schemes={"smtp+tls"}).startswith("smtp+tls://")


def test_email_settings_from_url(tmp_path):
    settings = email_settings("smtps://user:secret@mail.example", tmp_path)
    assert settings["EMAIL_HOST"] == "mail.example"
    assert settings["EMAIL_PORT"] == 465
    assert settings["EMAIL_USE_SSL"] is True
    assert settings["EMAIL_HOST_USER"] == "user"
    assert email_settings("", tmp_path)["EMAIL_FILE_PATH"] == str(tmp_path / "mail")


def test_email_settings_malformed_port_names_the_variable(tmp_path):
    with pytest.raises(ConfigError, match="EMAIL_URL=.* malformed port"):
        email_settings("smtp://mail.example:abc", tmp_path)


def test_secret_key_too_short_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ConfigError, match="SECRET_KEY must be at least 32"):
        secret_key(tmp_path)


def test_secret_key_is_made_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = secret_key(tmp_path)
    assert secret_key(tmp_path) == first
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


# --- The real start-up path ------------------------------------------------------------------


def manage_check(tmp_path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "ayni.settings",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("DEBUG", "maybe"),
        ("SIGNATURE_BURST_LIMIT", "ten"),
        ("DATABASE_URL", "mysql://db/ayni"),
        ("DATABASE_URL", "postgres://db:port/ayni"),
        ("EMAIL_URL", "http://mail.example"),
        ("EMAIL_URL", "smtp://mail.example:abc"),
        ("TRUSTED_PROXIES", "not-an-ip"),
        ("WORKER_STALE_SECONDS", "1"),
        ("RATE_LIMIT_IPV6_PREFIX", "200"),
        # Not past the confirmation links' lifetime (SIGNATURE_CONFIRM_DAYS, 30).
        ("UNCONFIRMED_RETENTION_DAYS", "30"),
    ],
)
def test_manage_check_stops_with_a_clear_message_naming_the_variable(tmp_path, name, raw):
    result = manage_check(tmp_path, **{name: raw})

    assert result.returncode != 0
    assert f"ayni configuration error: {name}" in result.stderr
    assert "Traceback" not in result.stderr


def test_manage_check_passes_with_good_settings(tmp_path):
    result = manage_check(tmp_path, DEBUG="false", EMAIL_URL="smtp://127.0.0.1:2525")

    assert result.returncode == 0, result.stderr


def test_env_secret_unset_is_empty_and_a_short_one_names_the_variable(monkeypatch):
    monkeypatch.delenv("AYNI_TEST_SECRET", raising=False)
    assert env_secret("AYNI_TEST_SECRET") == ""
    monkeypatch.setenv("AYNI_TEST_SECRET", "  a-long-enough-secret-value  ")
    assert env_secret("AYNI_TEST_SECRET") == "a-long-enough-secret-value"
    monkeypatch.setenv("AYNI_TEST_SECRET", "short")
    with pytest.raises(ConfigError, match="AYNI_TEST_SECRET is too short"):
        env_secret("AYNI_TEST_SECRET")
