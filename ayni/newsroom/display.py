"""How a reader's comment reads on the page: plain text, its web addresses made links that
pass on no search ranking (rel "nofollow ugc") and open no door to the page (noopener)."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# A web address as people type it; trailing punctuation belongs to the sentence.
LINK = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)
REL = "nofollow ugc noopener noreferrer"


def _linked(line: str) -> str:
    out: list[str] = []
    last = 0
    for match in LINK.finditer(line):
        address = match.group(0)
        href = address if address.lower().startswith("http") else "https://" + address
        out.append(escape(line[last : match.start()]))
        out.append(f'<a href="{escape(href)}" rel="{REL}">{escape(address)}</a>')
        last = match.end()
    out.append(escape(line[last:]))
    return "".join(out)


def comment_html(text: str) -> SafeString:
    """The comment as HTML: everything escaped, paragraphs at blank lines, line breaks kept,
    web addresses as links."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if p]
    html = "".join(
        "<p>" + "<br>".join(_linked(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every piece of the reader's text is escaped above
