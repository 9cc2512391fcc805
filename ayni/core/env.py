"""Typed environment readers for settings.

Every reader fails loudly with the variable's name, so a malformed value stops
start-up instead of silently becoming a default.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from urllib.parse import urlparse


class ConfigError(Exception):
    """A setting from the environment is malformed."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_secret(name: str, *, min_length: int = 16) -> str:
    """A shared secret (a webhook's signing key): empty means unset; a short one is refused,
    since anyone could guess it."""
    raw = os.environ.get(name, "").strip()
    if raw and len(raw) < min_length:
        raise ConfigError(f"{name} is too short: use at least {min_length} random characters.")
    return raw


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean; use true or false.")


def env_int(
    name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}={raw!r} must be at least {minimum}.")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name}={raw!r} must be at most {maximum}.")
    return value


def env_float(name: str, default: float, *, minimum: float = 0.0) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number.") from None
    if value < minimum:
        raise ConfigError(f"{name}={raw!r} must be at least {minimum}.")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    raw = os.environ.get(name, default)
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_float_list(name: str, default: str, *, minimum: float = 0.0) -> list[float]:
    """Comma-separated numbers ("24,1"), each at least `minimum`."""
    values = []
    for part in env_list(name, default):
        try:
            value = float(part)
        except ValueError:
            raise ConfigError(f"{name}: {part!r} is not a number.") from None
        if value < minimum:
            raise ConfigError(f"{name}: {part!r} must be at least {minimum}.")
        values.append(value)
    return values


def env_networks(
    name: str, default: str = ""
) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for part in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ConfigError(
                f"{name} holds {part!r}, which is not an IP address or network."
            ) from None
    return networks


def env_url(name: str, default: str, *, schemes: set[str]) -> str:
    raw = os.environ.get(name, default)
    if raw == "":
        return raw
    parsed = urlparse(raw)
    if parsed.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ConfigError(f"{name}={raw!r} must start with one of: {allowed}.")
    if parsed.scheme in {"http", "https", "smtp", "smtps", "smtp+tls"} and not parsed.hostname:
        raise ConfigError(f"{name}={raw!r} has no host name.")
    try:
        parsed.port  # noqa: B018 (parsing the port is the check)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} has a malformed port.") from None
    return raw


def local_site_url() -> str:
    """SITE_URL's default: the address `make run` serves on, which follows PORT."""
    return f"http://127.0.0.1:{env_int('PORT', 8000, minimum=1, maximum=65535)}"


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else from an untracked file made on first run."""
    raw = os.environ.get("SECRET_KEY")
    if raw:
        if len(raw) < 32:
            raise ConfigError("SECRET_KEY must be at least 32 characters long.")
        return raw
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # O_EXCL: two processes starting at once must agree on one key.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def email_settings(url: str, var_dir: Path) -> dict[str, object]:
    """Email backend settings from EMAIL_URL (smtp://user:pass@host:port, smtps://, smtp+tls://)."""
    if not url:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(var_dir / "mail"),
        }
    parsed = urlparse(url)
    try:
        port = parsed.port
    except ValueError:
        raise ConfigError(f"EMAIL_URL={url!r} has a malformed port.") from None
    return {
        "EMAIL_BACKEND": "ayni.core.mail_backend.EmailBackend",  # Django's SMTP backend, cheaper
        "EMAIL_HOST": parsed.hostname,
        "EMAIL_PORT": port or (465 if parsed.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": parsed.username or "",
        "EMAIL_HOST_PASSWORD": parsed.password or "",
        "EMAIL_USE_SSL": parsed.scheme == "smtps",
        "EMAIL_USE_TLS": parsed.scheme == "smtp+tls",
        "EMAIL_TIMEOUT": 20,
    }
