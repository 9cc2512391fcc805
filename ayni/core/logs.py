"""Logging filters (used by settings.LOGGING)."""

from __future__ import annotations

import logging


class ClientErrorsOneLine(logging.Filter):
    """A request refused with a 4xx (a PermissionDenied, a bad request) is logged as one line.

    Django logs the exception behind a 403 or 400 with its traceback, as it does for a crash;
    for a refusal that is working as intended the line "Forbidden (Permission denied): /path"
    says everything, and tracebacks are kept for the 5xx that need them.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if 400 <= getattr(record, "status_code", 0) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
