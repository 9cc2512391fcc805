"""An article's Markdown as its page shows it: core's Markdown (markdown-it, no raw HTML, nh3)
plus what articles need — an image alone in its paragraph becomes a figure with its caption
(`![description](/media/… "caption")`), a quote whose first line is `[!PULL]` a pull quote,
and a video's address alone on a line a player that loads only when clicked (ayni.core.embeds).

Images load only from this site (an address starting with one `/`): an image elsewhere stays a
link to it, so no page asks a third-party host for anything.

A gated article's page gets only its preview (`preview=True`): the first few blocks of text
(a list, a quote, a table or code counts as a paragraph does), and nothing of the rest, which
is never rendered at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import nh3
from django.utils.html import format_html
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ayni.core import embeds
from ayni.core.markdown import ALLOWED_TAGS
from ayni.newsroom.enums import PREVIEW_BLOCKS

PULL_MARKER = "[!PULL]"

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "table"
)

TAGS = ALLOWED_TAGS | {"figure", "figcaption", "img", "div", "span"}
ATTRIBUTES = {
    "a": {"href", "title", "data-embed-play"},
    "img": {"src", "alt", "loading"},
    "div": {"data-embed-src", "data-embed-title"},
}
CLASSES = {
    "blockquote": {"pull-quote"},
    "div": {"recording-embed"},
    "p": {"hint"},
    "figure": {"article-figure"},
}


@dataclass(frozen=True)
class Body:
    html: str
    # The players' origins the page must let frame it (Content-Security-Policy frame-src).
    embed_origins: tuple[str, ...] = ()
    # A preview that left paragraphs out.
    cut: bool = False


def _is_local(src: str) -> bool:
    return src.startswith("/") and not src.startswith("//") and "\\" not in src


def _image(image: Token) -> str:
    src = str(image.attrGet("src") or "")
    alt = "".join(child.content for child in image.children or [])
    if not _is_local(src):
        return format_html('<a href="{}">{}</a>', src, alt or src)
    return format_html('<img src="{}" alt="{}" loading="lazy">', src, alt)


def _render_image(self: object, tokens: list[Token], idx: int, options: object, env: object) -> str:
    return _image(tokens[idx])


_md.add_render_rule("image", _render_image)


def _top_level_blocks(tokens: list[Token]) -> list[list[Token]]:
    """The document's top-level blocks (a paragraph, a list, a quote…), each with its tokens."""
    blocks: list[list[Token]] = []
    depth = 0
    for token in tokens:
        if depth == 0:
            blocks.append([])
        blocks[-1].append(token)
        depth += token.nesting
    return blocks


def _inline_children(block: list[Token]) -> list[Token]:
    if len(block) == 3 and block[0].type == "paragraph_open" and block[1].type == "inline":
        return [c for c in block[1].children or [] if not (c.type == "text" and not c.content)]
    return []


def _figure(block: list[Token]) -> str | None:
    children = _inline_children(block)
    if len(children) != 1 or children[0].type != "image":
        return None
    image = children[0]
    caption = str(image.attrGet("title") or "")
    if not _is_local(str(image.attrGet("src") or "")):
        return None
    return format_html(
        '<figure class="article-figure">{}{}</figure>',
        _image(image),
        format_html("<figcaption>{}</figcaption>", caption) if caption else "",
    )


def _embed(block: list[Token]) -> tuple[str, str] | None:
    """A paragraph that is a video's address alone: the click-to-load box and its origin."""
    children = _inline_children(block)
    if len(children) == 3 and [c.type for c in children] == ["link_open", "text", "link_close"]:
        url = str(children[0].attrGet("href") or "")  # <https://…>, an autolink
    elif len(children) == 1 and children[0].type == "text":
        url = children[0].content.strip()
    else:
        return None
    if " " in url:
        return None
    video = embeds.recording(url)
    if video is None or not video.embed_url:
        return None
    box = format_html(
        '<div class="recording-embed" data-embed-src="{}" data-embed-title="{}">'
        '<p><a href="{}" data-embed-play>{}</a></p><p class="hint">{}</p></div>',
        video.embed_url,
        _("Video"),
        video.url,
        _("Play the video"),
        _("Playing it loads the video from %(host)s.") % {"host": video.player_host},
    )
    return box, video.origin


def _pull_quote(block: list[Token]) -> str | None:
    if block[0].type != "blockquote_open" or len(block) < 4 or block[2].type != "inline":
        return None
    inline = block[2]
    if not inline.content.startswith(PULL_MARKER):
        return None
    inline.content = inline.content[len(PULL_MARKER) :].lstrip()
    inline.children = _md.parseInline(inline.content)[0].children
    inner = _md.renderer.render(block[1:-1], _md.options, {})
    return f'<blockquote class="pull-quote">{inner}</blockquote>'


# Blocks that carry none of the article's text, kept in a preview without counting towards it.
NOT_TEXT = frozenset({"heading_open", "hr"})


def _is_text(block: list[Token]) -> bool:
    """A block of the article's text (a paragraph, a list, a quote, a table, code): what a
    preview counts. A heading, a rule, a figure or a video does not count."""
    if block[0].type in NOT_TEXT:
        return False
    return _figure(block) is None and _embed(block) is None


def render_body(text: str, *, preview: bool = False) -> Body:
    """The article's body as safe HTML; with `preview`, only its first PREVIEW_BLOCKS blocks
    of text (paragraphs, lists, quotes, tables, code; and the headings and figures before
    them), the rest left unrendered."""
    blocks = _top_level_blocks(_md.parse(text or ""))
    cut = False
    if preview:
        kept, paragraphs = [], 0
        for block in blocks:
            if paragraphs >= PREVIEW_BLOCKS:
                cut = True
                break
            kept.append(block)
            paragraphs += _is_text(block)
        blocks = kept
    parts: list[str] = []
    origins: list[str] = []
    for block in blocks:
        embedded = _embed(block)
        if embedded is not None:
            parts.append(embedded[0])
            if embedded[1] not in origins:
                origins.append(embedded[1])
            continue
        special = _figure(block) or _pull_quote(block)
        parts.append(special or _md.renderer.render(block, _md.options, {}))
    html = nh3.clean(
        "".join(parts),
        tags=TAGS,
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Body(html=html, embed_origins=tuple(origins), cut=cut)
