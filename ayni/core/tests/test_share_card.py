"""The share-card drawing: size, colours, text that fits whatever it is, logos good and bad."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from ayni.core import share_card
from ayni.core.share_card import (
    DEFAULT_COLOUR,
    HEADER_HEIGHT,
    HEADER_TOP,
    MARGIN,
    WIDTH,
    fit_text,
    is_right_to_left,
    render_card,
    wrap,
)

WHITE = (255, 255, 255)


def decode(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image


def card(**fields) -> Image.Image:
    values = {"title": "Stand with the people", "count_line": "100+ signatures"}
    values.update(colour="#1d4ed8", site_name="Campaign")
    values.update(fields)
    return decode(render_card(**values))


def png_file(size: tuple[int, int], colour: tuple[int, int, int], name: str) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)


def test_render_card_is_a_1200_by_630_rgb_png_filled_with_the_colour():
    image = card(colour="#7c2d12")

    assert image.size == (1200, 630)
    assert image.mode == "RGB"
    for spot in ((5, 5), (1195, 5), (5, 625), (1195, 625), (600, 150)):
        assert image.getpixel(spot) == (0x7C, 0x2D, 0x12), spot
    # The text is white on it.
    assert WHITE in {colour for _count, colour in image.getcolors(maxcolors=100_000)}


def test_render_card_with_a_goal_draws_the_progress_bar_to_the_share_reached():
    image = card(detail_line="Goal: 1,000 signatures", progress=0.25)

    bar_middle = 630 - 56 - 7
    assert image.getpixel((MARGIN + 20, bar_middle)) == WHITE
    assert image.getpixel((MARGIN + round((WIDTH - 2 * MARGIN) * 0.5), bar_middle)) == (
        round(0x1D + (255 - 0x1D) * 0.35),
        round(0x4E + (255 - 0x4E) * 0.35),
        round(0xD8 + (255 - 0xD8) * 0.35),
    )


def test_render_card_past_the_goal_fills_the_bar_and_stays_inside_the_margins():
    image = card(detail_line="Goal: 10 signatures", progress=7.5)

    bar_middle = 630 - 56 - 7
    assert image.getpixel((WIDTH - MARGIN - 10, bar_middle)) == WHITE
    assert image.getpixel((WIDTH - MARGIN + 5, bar_middle)) == (0x1D, 0x4E, 0xD8)


def test_fit_text_keeps_a_short_title_large_on_one_line():
    font, lines, _spacing = fit_text("Stand with the people", width=1072, height=250)

    assert font.size == share_card.TITLE_SIZES[0]
    assert lines == ["Stand with the people"]


def test_fit_text_shrinks_a_long_title_then_ends_it_in_an_ellipsis():
    words = " ".join(f"word{n}" for n in range(200))

    font, lines, spacing = fit_text(words, width=1072, height=250)

    assert font.size == share_card.TITLE_SIZES[-1]
    assert len(lines) * spacing <= 250
    assert lines[-1].endswith("…")
    assert all(font.getlength(line) <= 1072 for line in lines)
    assert lines[0].startswith("word0 word1")


def test_wrap_breaks_a_word_wider_than_the_line_between_characters():
    font = share_card._font(40)
    text = "https://example.org/" + "a" * 200 + " end"

    lines = wrap(text, font, 500)

    assert "".join(lines) == text  # nothing lost, nothing added
    assert lines[-1].endswith("a end")  # the word's rest and the next word share a line
    assert len(lines) > 3
    assert all(font.getlength(line) <= 500 for line in lines)


@pytest.mark.parametrize(
    "title",
    [
        "تضامن مع الشعب من أجل الحرية والعدالة",  # Arabic: right to left, joined letters
        "סולידריות עם העובדים",  # Hebrew
        "团结一致" * 60,  # Chinese: no spaces, glyphs the font lacks
        "Solidarity ✊🏽 now",  # emoji
        "tab\tnew\nline\x00null\x1b[31m",  # control characters
        "",
        " " * 50,
        "¿Por qué? Ñandú, acción, pingüino " * 10,
    ],
)
def test_render_card_draws_any_text_without_failing(title):
    image = card(title=title, site_name=title, count_line=title, detail_line=title, progress=0.5)

    assert image.size == (1200, 630)


def test_is_right_to_left_follows_the_first_strong_letter():
    assert is_right_to_left("«تضامن» now")
    assert is_right_to_left("2025: סולידריות")
    assert not is_right_to_left("Solidarity تضامن")
    assert not is_right_to_left("2025")


def test_render_card_puts_the_logo_on_a_white_plate_before_the_name():
    image = card(logo=png_file((200, 100), (200, 0, 0), "logo.png"))

    # Scaled to the header's height less the plate's padding (60 px), so 120 px wide.
    assert image.getpixel((MARGIN + 10 + 60, HEADER_TOP + HEADER_HEIGHT // 2)) == (200, 0, 0)
    assert image.getpixel((MARGIN + 5, HEADER_TOP + HEADER_HEIGHT // 2)) == WHITE
    assert image.getpixel((MARGIN + 145, HEADER_TOP + HEADER_HEIGHT // 2)) == (0x1D, 0x4E, 0xD8)


@pytest.mark.parametrize(
    "logo",
    [
        ContentFile(b"GIF89a but not really", name="logo.gif"),
        ContentFile(b"", name="empty.png"),
        "/nonexistent/logo.png",
    ],
)
def test_render_card_leaves_out_a_logo_it_cannot_read(logo, caplog):
    image = card(logo=logo)

    assert image.getpixel((MARGIN + 5, HEADER_TOP + 5)) == (0x1D, 0x4E, 0xD8)
    assert "could not be read" in caplog.text


def test_render_card_falls_back_to_the_default_colour_for_a_malformed_one(caplog):
    image = card(colour="not-a-colour")

    red, green, blue = (
        int(DEFAULT_COLOUR[1:3], 16),
        int(DEFAULT_COLOUR[3:5], 16),
        int(DEFAULT_COLOUR[5:], 16),
    )
    assert image.getpixel((5, 5)) == (red, green, blue)
    assert "not a colour" in caplog.text
