"""Uploaded images: what we accept, so nothing served from /media/ is anything but a picture.

Django's ImageField already checks that Pillow can open the file and that the name ends in an
image extension. This adds what it does not: a size limit, a limit on the pixel count (a small
file can decode to gigabytes), only the formats browsers show as images (no SVG: it can carry
script), and a name whose extension matches what the file really is.
"""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_PIXELS = 4096 * 4096
FORMAT_EXTENSIONS = {
    "PNG": {".png"},
    "JPEG": {".jpg", ".jpeg"},
    "WEBP": {".webp"},
    "GIF": {".gif"},
}


def validate_image_upload(file: File) -> None:
    if file.size is not None and file.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("This image is %(size)s; the largest we accept is %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(MAX_IMAGE_BYTES),
            },
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format or ""
            width, height = image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("This file is not an image we can use. Upload a PNG, JPEG, WebP or GIF."),
            code="not_image",
        ) from error
    finally:
        file.seek(position)
    if image_format not in FORMAT_EXTENSIONS:
        raise ValidationError(
            _("This file is not an image we can use. Upload a PNG, JPEG, WebP or GIF."),
            code="format",
        )
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("This image is %(width)s×%(height)s pixels; the largest we accept is 4096×4096."),
            code="too_many_pixels",
            params={"width": width, "height": height},
        )
    extension = PurePath(file.name or "").suffix.lower()
    if extension not in FORMAT_EXTENSIONS[image_format]:
        raise ValidationError(
            _("This file is a %(format)s image but its name ends in “%(extension)s”."),
            code="extension",
            params={"format": image_format, "extension": extension or "—"},
        )
