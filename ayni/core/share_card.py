"""Share cards: the 1200×630 PNG that social networks show for a shared link (og:image).

Generic: an app supplies the title, a count line and the campaign's look; `render_card`
returns the PNG's bytes. It never raises for odd text (any script, any length): long titles
shrink, then wrap, then end in an ellipsis; a right-to-left title is right-aligned (and shaped
when Pillow has libraqm); a glyph the font lacks shows as a box. An unreadable logo is left
out. Apps cache what it returns: drawing costs a few milliseconds (docs/performance.md).

The font ships in the repository (DejaVu Sans Bold, ayni/core/fonts/), so a card looks the
same on every server: Pillow's bundled default font has no accented letters, and system
fonts differ from one machine to the next.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageColor, ImageDraw, ImageFont

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
FONT_PATH = Path(__file__).resolve().parent / "fonts" / "DejaVuSans-Bold.ttf"
DEFAULT_COLOUR = "#1d4ed8"
TEXT_COLOUR = (255, 255, 255)  # the campaign's accent colour is checked for AA contrast with white

MARGIN = 64
HEADER_TOP, HEADER_HEIGHT = 56, 80
TITLE_TOP = 176
TITLE_SIZES = (76, 68, 60, 52, 46, 40)
LINE_SPACING = 1.2
COUNT_SIZE, DETAIL_SIZE, NAME_SIZE = 52, 30, 34
BAR_HEIGHT = 14
ELLIPSIS = "…"


@dataclass(frozen=True)
class Layout:
    """Where each part of a card goes, bottom-up from the progress bar (see `_layout`)."""

    title_bottom: int
    count_top: int
    detail_top: int
    bar_top: int


def render_card(
    *,
    title: str,
    count_line: str,
    colour: str,
    site_name: str,
    logo: Any = None,
    detail_line: str = "",
    progress: float | None = None,
) -> bytes:
    """The card as PNG bytes: the site's name (and logo) at the top, the title, the count
    line, an optional detail line (such as the goal) and an optional progress bar (0 to 1)."""
    background = _rgb(colour)
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    layout = _layout(has_detail=bool(detail_line), has_bar=progress is not None)

    name_left = MARGIN
    logo_image = _load_logo(logo)
    if logo_image is not None:
        name_left = _paste_logo(image, logo_image) + 24
    name_font = _font(NAME_SIZE)
    name = _ellipsize(_clean(site_name), name_font, WIDTH - MARGIN - name_left)
    draw.text(
        (name_left, HEADER_TOP + HEADER_HEIGHT // 2),
        name,
        font=name_font,
        fill=TEXT_COLOUR,
        anchor="lm",
    )

    text = _clean(title)
    font, lines, line_height = fit_text(
        text, width=WIDTH - 2 * MARGIN, height=layout.title_bottom - TITLE_TOP
    )
    right_to_left = is_right_to_left(text)
    x, anchor = (WIDTH - MARGIN, "ra") if right_to_left else (MARGIN, "la")
    # A short title sits in the middle of its space rather than under the name.
    top = TITLE_TOP + (layout.title_bottom - TITLE_TOP - len(lines) * line_height) // 2
    for number, line in enumerate(lines):
        draw.text((x, top + number * line_height), line, font=font, fill=TEXT_COLOUR, anchor=anchor)

    count_font = _font(COUNT_SIZE)
    count = _ellipsize(_clean(count_line), count_font, WIDTH - 2 * MARGIN)
    draw.text((MARGIN, layout.count_top), count, font=count_font, fill=TEXT_COLOUR, anchor="la")
    if detail_line:
        detail_font = _font(DETAIL_SIZE)
        detail = _ellipsize(_clean(detail_line), detail_font, WIDTH - 2 * MARGIN)
        draw.text(
            (MARGIN, layout.detail_top), detail, font=detail_font, fill=TEXT_COLOUR, anchor="la"
        )
    if progress is not None:
        _draw_bar(draw, background, layout.bar_top, progress)

    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _layout(*, has_detail: bool, has_bar: bool) -> Layout:
    bottom = HEIGHT - 56
    bar_top = bottom - BAR_HEIGHT
    if has_bar:
        bottom = bar_top - 22
    detail_top = bottom - round(DETAIL_SIZE * LINE_SPACING)
    if has_detail:
        bottom = detail_top - 10
    count_top = bottom - round(COUNT_SIZE * LINE_SPACING)
    return Layout(
        title_bottom=count_top - 28, count_top=count_top, detail_top=detail_top, bar_top=bar_top
    )


def fit_text(
    text: str, *, width: int, height: int, sizes: tuple[int, ...] = TITLE_SIZES
) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """The largest size at which `text` wraps into the box; at the smallest size, as many lines
    as fit, the last one ending in an ellipsis. Returns the font, the lines and their spacing."""
    for size in sizes:
        font = _font(size)
        line_height = round(size * LINE_SPACING)
        room = max(1, height // line_height)
        lines = wrap(text, font, width)
        if len(lines) <= room:
            return font, lines, line_height
    kept = lines[:room]
    kept[-1] = _ellipsize(kept[-1] + ELLIPSIS, font, width)
    return font, kept, line_height


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap; a word wider than the line (a long address, a title in a script
    written without spaces) is broken between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while font.getlength(word) > width:
            cut = _longest_prefix(word, font, width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def _longest_prefix(word: str, font: ImageFont.FreeTypeFont, width: int) -> int:
    """How many characters of `word` fit in `width` (at least one, so wrapping always ends)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _ellipsize(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    if font.getlength(text) <= width:
        return text
    text = text.removesuffix(ELLIPSIS)
    while text and font.getlength(text.rstrip() + ELLIPSIS) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def is_right_to_left(text: str) -> bool:
    """Whether the first letter with a strong direction is Hebrew, Arabic or the like."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def _clean(text: str) -> str:
    """One line of text: whitespace runs become one space, control characters go."""
    printable = "".join(
        " " if character.isspace() else character
        for character in text
        if character.isspace() or unicodedata.category(character) != "Cc"
    )
    return " ".join(printable.split())


def _font(size: int) -> ImageFont.FreeTypeFont:
    # Loading a font costs next to nothing (docs/performance.md); one per card keeps threads
    # from sharing a FreeType face.
    return ImageFont.truetype(FONT_PATH, size)


def _rgb(colour: str) -> tuple[int, int, int]:
    try:
        red, green, blue = ImageColor.getrgb(colour)[:3]
    except ValueError:
        logger.warning("share card: %r is not a colour; using the default", colour)
        red, green, blue = ImageColor.getrgb(DEFAULT_COLOUR)[:3]
    return red, green, blue


def _load_logo(logo: Any) -> Image.Image | None:
    """The logo decoded (a Django file, a path or a binary file), or None if it cannot be."""
    if not logo:
        return None
    try:
        if hasattr(logo, "open") and hasattr(logo, "name"):  # a Django FieldFile
            with logo.open("rb") as handle:
                decoded = Image.open(handle)
                decoded.load()
        else:
            decoded = Image.open(logo)
            decoded.load()
        return decoded.convert("RGBA")
    except Exception:  # a missing, truncated or hostile file must not cost the card
        logger.warning("share card: logo %r could not be read; left out", logo, exc_info=True)
        return None


def _paste_logo(image: Image.Image, logo: Image.Image) -> int:
    """The logo on a white rounded plate (a dark logo stays visible on any accent colour),
    in the header's height; returns the plate's right edge."""
    padding = 10
    logo = logo.copy()
    logo.thumbnail((320 - 2 * padding, HEADER_HEIGHT - 2 * padding))
    plate = (
        MARGIN,
        HEADER_TOP,
        MARGIN + logo.width + 2 * padding,
        HEADER_TOP + HEADER_HEIGHT,
    )
    ImageDraw.Draw(image).rounded_rectangle(plate, radius=12, fill=(255, 255, 255))
    top = HEADER_TOP + (HEADER_HEIGHT - logo.height) // 2
    image.paste(logo, (MARGIN + padding, top), logo)
    return plate[2]


def _draw_bar(
    draw: ImageDraw.ImageDraw, background: tuple[int, int, int], top: int, progress: float
) -> None:
    share = min(1.0, max(0.0, progress))
    left, right = MARGIN, WIDTH - MARGIN
    track = tuple(round(channel + (255 - channel) * 0.35) for channel in background)
    box = (left, top, right, top + BAR_HEIGHT)
    draw.rounded_rectangle(box, radius=BAR_HEIGHT // 2, fill=track)
    if share > 0:
        filled = left + max(BAR_HEIGHT, round((right - left) * share))
        draw.rounded_rectangle(
            (left, top, filled, top + BAR_HEIGHT), radius=BAR_HEIGHT // 2, fill=TEXT_COLOUR
        )
