"""Organiser Markdown to safe HTML: markdown-it renders, nh3 (ammonia) sanitises; and plain
text (a name, a title) written into Markdown so that it renders as the text it is."""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

from ayni.core.validators import CONTROL_CHARS

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "table"
)

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def render_markdown(text: str) -> str:
    html = _md.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


# The signs Markdown reads anywhere in a line (emphasis, code, links, tables, entities, a
# heading's closing #s; parentheses too, as validators.SCRIPT_LINK reads `](` even escaped),
# and those it reads only at a line's start (a list, a setext underline).
_INLINE_SIGNS = re.compile(r"([\\`*_\[\]()|~&#])")
_LINE_START = re.compile(r"^(?:(\d{1,9})([.)])|([+=-]))")
_SPACES = re.compile(r"\s+")


def markdown_text(text: str) -> str:
    """`text` as Markdown that renders as exactly that text, on one line: its signs escaped
    with a backslash, `<` and `>` as entities (organisers' Markdown may hold no raw HTML:
    validators.RAW_HTML), control characters dropped and line breaks made spaces."""
    text = _SPACES.sub(" ", CONTROL_CHARS.sub("", text)).strip()
    text = _INLINE_SIGNS.sub(r"\\\1", text).replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)
