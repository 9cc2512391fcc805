"""Uploads that are never served to the public: stored outside MEDIA_ROOT, handed out only as
downloads by back-office views.

MEDIA_ROOT is served at /media/ to anyone (ayni/urls.py), so a file that must stay private
(minutes a reporter uploaded as evidence) lives under PRIVATE_FILES_ROOT instead, which no URL
maps to. A model names the storage with `storage=private_storage`; the view that hands a file
out answers with `download_response`, which a browser saves and never renders on the site's
origin (attachment, the type we checked it to be, no sniffing, a sandbox CSP).
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.deconstruct import deconstructible


@deconstructible(path="ayni.core.private_files.PrivateFileStorage")
class PrivateFileStorage(FileSystemStorage):
    """A FileSystemStorage rooted at PRIVATE_FILES_ROOT (read when used, so tests and a changed
    setting apply), with no URL."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("file_permissions_mode", 0o640)
        kwargs.setdefault("directory_permissions_mode", 0o750)
        super().__init__(**kwargs)

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PRIVATE_FILES_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("A private file has no public address; a back-office view serves it.")


def private_storage() -> PrivateFileStorage:
    """The storage for a FileField's `storage=` (a callable, so migrations name this)."""
    return PrivateFileStorage()


def download_response(file: Any, *, content_type: str, filename: str) -> FileResponse:
    """Hand a private file out as a download: never shown inline, never taken for another type,
    and sandboxed should a browser render it anyway."""
    response = FileResponse(file, content_type=content_type, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
