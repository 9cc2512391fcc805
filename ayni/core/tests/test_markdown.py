"""Plain text written into organisers' Markdown (a speaker's name in a report-back article)
renders as exactly that text, and passes the checks organisers' Markdown passes."""

from __future__ import annotations

import pytest

from ayni.core.markdown import markdown_text, render_markdown
from ayni.core.validators import validate_markdown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Ana Quispe", "Ana Quispe"),
        ("**Ana** _x_ `code`", "**Ana** _x_ `code`"),
        ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)"&gt;'),
        ("[link](javascript:alert(1))", "[link](javascript:alert(1))"),
        ("![i](/media/a.png)", "![i](/media/a.png)"),
        ("<https://example.org>", "&lt;https://example.org&gt;"),
        ("Ana &amp; Bo", "Ana &amp;amp; Bo"),
        ("a | b | c", "a | b | c"),
        ("Dr. O'Brien (MP) #1", "Dr. O'Brien (MP) #1"),
        ("back\\slash\\*", "back\\slash\\*"),
        ("Two\nlines\x07", "Two lines"),
    ],
)
def test_markdown_text_renders_as_the_text_it_is(text, shown):
    written = markdown_text(text)

    validate_markdown(written)
    assert render_markdown(written) == f"<p>{shown}</p>\n"
    assert render_markdown(f"### {written}") == f"<h3>{shown}</h3>\n"


@pytest.mark.parametrize("start", ["# Heading", "- dash", "+ plus", "1. one", "2) two", "> quote"])
def test_what_markdown_reads_at_a_lines_start_stays_text(start):
    shown = start.replace(">", "&gt;")

    assert render_markdown(markdown_text(start)) == f"<p>{shown}</p>\n"
