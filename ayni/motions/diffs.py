"""How an amended text differs from the model's, and which amendments are really the same one.

An adoption passed with amendments keeps the text as passed, section by section (paragraphs
separated by a blank line, as the model's). It is compared with its version's text in the
report's language, paragraph by paragraph (difflib): a paragraph is the same, added, removed,
or changed — and inside a changed one the words added and removed are marked with <ins> and
<del>. A section left empty in the report was not amended. Everything a reporter typed is
escaped here; the marks are the only markup.

Amendments are grouped when they differ only slightly: the same changes once whitespace,
punctuation and case are set aside, or changed paragraphs at least SIMILAR alike (difflib's
ratio), so "the most common amendments" counts what branches agreed, not how they typed it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ayni.motions.enums import AdoptionStatus, Outcome, Section
from ayni.motions.models import Adoption, MotionVersion

Kind = Literal["same", "added", "removed", "changed"]
SAME: Final = "same"
ADDED: Final = "added"
REMOVED: Final = "removed"
CHANGED: Final = "changed"
# Changed paragraphs at least this alike (difflib's ratio) are one amendment.
SIMILAR = 0.9
# Paired paragraphs less alike than this read as one removed and one added, not as a change.
PAIRED = 0.4

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
_NOT_WORDS = re.compile(r"[^\w]+", re.UNICODE)


@dataclass(frozen=True)
class ParagraphDiff:
    kind: Kind
    html: SafeString  # the paragraph, escaped, a changed one with <ins>/<del> marks


@dataclass(frozen=True)
class SectionDiff:
    section: str  # a Section value
    paragraphs: list[ParagraphDiff]

    @property
    def changed(self) -> bool:
        return any(p.kind != SAME for p in self.paragraphs)


def paragraphs(text: str) -> list[str]:
    """A section's paragraphs, as MotionVersion.paragraphs splits them."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words added marked <ins> and those removed <del> (all text escaped)."""
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(before[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(before[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(after[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


def _ratio(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio()


def paragraph_diff(model: Sequence[str], amended: Sequence[str]) -> list[ParagraphDiff]:
    """The amended paragraphs against the model's, in reading order."""
    result: list[ParagraphDiff] = []
    matcher = difflib.SequenceMatcher(None, list(model), list(amended), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result += [ParagraphDiff(SAME, escape(p)) for p in model[i1:i2]]
            continue
        old, new = list(model[i1:i2]), list(amended[j1:j2])
        for index in range(max(len(old), len(new))):
            before = old[index] if index < len(old) else None
            after = new[index] if index < len(new) else None
            if before is not None and after is not None and _ratio(before, after) >= PAIRED:
                result.append(ParagraphDiff(CHANGED, word_diff(before, after)))
                continue
            if before is not None:
                result.append(ParagraphDiff(REMOVED, escape(before)))
            if after is not None:
                result.append(ParagraphDiff(ADDED, escape(after)))
    return result


def adoption_diff(adoption: Adoption) -> list[SectionDiff]:
    """Each section of the amended adoption against its version's text in the report's
    language (a section the report left empty was not amended)."""
    version = adoption.version
    diffs = []
    for section in Section.values:
        model = version.paragraphs(section, adoption.language)
        amended_text = adoption.amended(section)
        amended = paragraphs(amended_text) if amended_text.strip() else model
        diffs.append(SectionDiff(section, paragraph_diff(model, amended)))
    return diffs


# --- Grouping amendments ---------------------------------------------------------------------


def normalised(text: str) -> str:
    """The words alone: no case, punctuation or spacing."""
    return " ".join(_NOT_WORDS.sub(" ", text.casefold()).split())


Change = tuple[str, str, str]  # (section, the model's paragraphs, the amended ones) that differ


def changes(model: Sequence[tuple[str, Sequence[str]]], amended: dict[str, str]) -> list[Change]:
    """What an amendment changed: per section, the runs of paragraphs that differ from the
    model's once normalised (an empty amended section is no change)."""
    found = []
    for section, model_paragraphs in model:
        text = amended.get(section, "")
        if not text.strip():
            continue
        before = [normalised(p) for p in model_paragraphs]
        after = [normalised(p) for p in paragraphs(text)]
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                found.append((section, "\n".join(before[i1:i2]), "\n".join(after[j1:j2])))
    return found


@dataclass
class AmendmentGroup:
    """Amendments that are one and the same once typing is set aside."""

    changes: list[Change]
    members: list[int] = field(default_factory=list)  # the adoptions' ids
    example: int = 0  # the first adoption's id, whose diff the page shows

    @property
    def count(self) -> int:
        return len(self.members)


def _alike(first: list[Change], second: list[Change]) -> bool:
    if first == second:
        return True
    if [(s, b) for s, b, _a in first] != [(s, b) for s, b, _a in second]:
        return False
    new_first = "\n".join(a for _s, _b, a in first)
    new_second = "\n".join(a for _s, _b, a in second)
    matcher = difflib.SequenceMatcher(None, new_first, new_second, autojunk=False)
    return (
        matcher.real_quick_ratio() >= SIMILAR
        and matcher.quick_ratio() >= SIMILAR
        and matcher.ratio() >= SIMILAR
    )


def group_amendments(items: Iterable[tuple[int, list[Change]]]) -> list[AmendmentGroup]:
    """(adoption id, its changes) grouped: exactly equal changes at once, then each group
    compared with the first of the others; the most common first. Amendments that change
    nothing once normalised (a typo fixed) are left out."""
    exact: dict[tuple[Change, ...], AmendmentGroup] = {}
    for adoption_id, found in items:
        if not found:
            continue
        key = tuple(found)
        group = exact.setdefault(key, AmendmentGroup(changes=found, example=adoption_id))
        group.members.append(adoption_id)
    groups: list[AmendmentGroup] = []
    for candidate in sorted(exact.values(), key=lambda g: (-g.count, g.example)):
        home = next((g for g in groups if _alike(g.changes, candidate.changes)), None)
        if home is None:
            groups.append(candidate)
        else:
            home.members += candidate.members
    return sorted(groups, key=lambda g: (-g.count, g.example))


# --- The page's "amended versions grouped" ----------------------------------------------------

# How many groups the page shows, and how many bodies it names in each.
GROUPS_SHOWN = 5
BODIES_NAMED = 6


@dataclass(frozen=True)
class AmendedVersion:
    """One group of alike amendments as the page shows it: how many bodies passed it, some of
    their names, and the first one's text against the model's (the changed sections only)."""

    count: int
    bodies: list[str]
    sections: list[SectionDiff]


@dataclass(frozen=True)
class AmendedVersions:
    amended: int  # counted reports passed with amendments
    groups: list[AmendedVersion]  # the most common first, at most GROUPS_SHOWN
    distinct: int  # how many different amendments there are in all


def amended_versions(motion_id: int) -> AmendedVersions:
    """The motion's counted amended adoptions, grouped (two queries)."""
    rows = list(
        Adoption.objects.filter(
            motion_id=motion_id, status=AdoptionStatus.VERIFIED, outcome=Outcome.AMENDED
        )
        .select_related("body")
        .only(
            "pk",
            "version_id",
            "language",
            "body__name",
            *(f"amended_{section}" for section in Section.values),
        )
        .order_by("meeting_date", "pk")
    )
    versions = {v.pk: v for v in MotionVersion.objects.filter(pk__in={r.version_id for r in rows})}
    by_id = {row.pk: row for row in rows}
    items = []
    for row in rows:
        row.version = versions[row.version_id]
        model = row.version.sections(row.language)
        items.append((row.pk, changes(model, {s: row.amended(s) for s in Section.values})))
    groups = group_amendments(items)
    shown = [
        AmendedVersion(
            count=group.count,
            bodies=sorted({by_id[pk].body.name for pk in group.members})[:BODIES_NAMED],
            sections=[d for d in adoption_diff(by_id[group.example]) if d.changed],
        )
        for group in groups[:GROUPS_SHOWN]
    ]
    return AmendedVersions(amended=len(rows), groups=shown, distinct=len(groups))
