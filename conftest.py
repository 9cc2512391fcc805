"""Shared fixtures: factories, a real SMTP server, the task runner."""

from __future__ import annotations

import pytest

pytest_plugins = ["tests.fixtures"]
