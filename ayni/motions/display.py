"""How a motion reads wherever it is shown (its page, the print page, the documents): the
sections in reading order under their headings, paragraphs numbered on from one section to the
next as motions are numbered at a meeting (1, 2, 3…), the suggested commitments' names, and the
explanation's first line for lists."""

from __future__ import annotations

from dataclasses import dataclass
from html import unescape

from django.utils import translation
from django.utils.html import strip_tags

from ayni.core.markdown import render_markdown
from ayni.motions.enums import CommitmentKind, Section
from ayni.motions.models import Motion, MotionVersion

LANGUAGES = ("en", "es")


@dataclass(frozen=True)
class NumberedSection:
    section: str
    heading: str
    start: int  # the number of its first paragraph (<ol start=…>)
    paragraphs: list[str]

    @property
    def numbered(self) -> list[tuple[int, str]]:
        return [(self.start + i, text) for i, text in enumerate(self.paragraphs)]


def numbered_sections(version: MotionVersion, language: str) -> list[NumberedSection]:
    """The version's sections in `language` (each field falling back to English), headed in
    that language, numbered continuously; an empty section is left out."""
    labels = dict(Section.choices)
    sections, number = [], 1
    with translation.override(language):
        for section, paragraphs in version.sections(language):
            if not paragraphs:
                continue
            sections.append(NumberedSection(section, str(labels[section]), number, paragraphs))
            number += len(paragraphs)
    return sections


def is_translated(version: MotionVersion, language: str) -> bool:
    """Whether the version's text exists in `language` (English always does)."""
    if language == "en":
        return True
    return all(getattr(version, f"{section}_{language}", "").strip() for section in Section.values)


def commitment_labels(motion: Motion) -> list[str]:
    labels = dict(CommitmentKind.choices)
    return [str(labels[kind]) for kind in motion.commitment_kinds]


def first_line(markdown: str, limit: int = 200) -> str:
    """The first line of some Markdown as plain text (for lists and the page's description):
    without its marks (#, **, links' addresses)."""
    for line in markdown.splitlines():
        text = " ".join(unescape(strip_tags(render_markdown(line))).split())
        if text:
            return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return ""
