"""A model motion as documents to table at a meeting: OpenDocument text (.odt, odfpy) and PDF
(fpdf2), in one language each. Both are pure Python, so `make run` needs nothing installed.

Each document has the motion's title, its version and date, the sections under their headings
with the paragraphs numbered on from one section to the next (as on the page), and a footer
naming the campaign and the motion's address. The PDF embeds DejaVu Sans (shipped in
ayni/core/fonts): fpdf2's built-in fonts are Latin-1 only, and a motion in Spanish, or a
pledge in euros, needs more (¿ ¡ ñ €, and any name a branch gives itself)."""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from odf.dc import Title
from odf.opendocument import OpenDocumentText
from odf.style import (
    Footer,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TabStop,
    TabStops,
    TextProperties,
)
from odf.text import H, P

from ayni.core.campaign import current_campaign
from ayni.motions.display import NumberedSection, numbered_sections
from ayni.motions.models import Motion, MotionVersion

FONTS = Path(__file__).resolve().parent.parent / "core" / "fonts"
# Raised when the documents' layout changes, so cached copies are not kept (the ETag).
LAYOUT = "1"

# fontTools reports each font subset it makes at INFO: a line per glyph list, per document.
logging.getLogger("fontTools").setLevel(logging.WARNING)

KINDS = {
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class MotionText:
    """What every form of the motion (print page, .odt, PDF) carries, in one language."""

    language: str
    campaign: str
    title: str
    version_line: str  # "Version 2 · 3 March 2027"
    sections: list[NumberedSection]
    footer: str  # "Model motion from <campaign> — <address>"
    url: str
    published_at: datetime | None


def motion_text(motion: Motion, version: MotionVersion, language: str) -> MotionText:
    with translation.override(language):
        url = settings.SITE_URL + motion.get_absolute_url()
        published = version.published_at
        if published:
            version_line = _("Version %(number)s · %(date)s") % {
                "number": version.number,
                "date": formats.date_format(published, "DATE_FORMAT"),
            }
        else:
            version_line = _("Version %(number)s (draft)") % {"number": version.number}
        campaign = current_campaign().name
        footer = _("Model motion from %(campaign)s — %(url)s") % {"campaign": campaign, "url": url}
        return MotionText(
            language=language,
            campaign=campaign,
            title=motion.text("title", language),
            version_line=version_line,
            sections=numbered_sections(version, language),
            footer=footer,
            url=url,
            published_at=published,
        )


def document_etag(motion: Motion, version: MotionVersion, language: str, kind: str) -> str:
    """Known without building the document: a published version never changes, and the title
    and footer change only with the motion (updated_at), the campaign's name or the site's
    address."""
    key = "|".join(
        [
            LAYOUT,
            str(motion.pk),
            motion.updated_at.isoformat(),
            str(version.pk),
            str(version.number),
            language,
            kind,
            current_campaign().name,
            settings.SITE_URL,
        ]
    )
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def filename(motion: Motion, version: MotionVersion, language: str, kind: str) -> str:
    # The slug is ASCII letters, digits and hyphens (a SlugField): safe in any file system.
    return f"{motion.slug}-v{version.number}-{language}.{kind}"


# --- OpenDocument text -------------------------------------------------------------------------


def _odt_styles(document: OpenDocumentText) -> dict[str, Style]:
    title = Style(name="MotionTitle", family="paragraph")
    title.addElement(TextProperties(fontsize="18pt", fontweight="bold"))
    title.addElement(ParagraphProperties(margintop="0cm", marginbottom="0.2cm"))
    meta = Style(name="MotionVersion", family="paragraph")
    meta.addElement(TextProperties(fontsize="10pt", color="#444444"))
    meta.addElement(ParagraphProperties(marginbottom="0.4cm"))
    heading = Style(name="MotionSection", family="paragraph")
    heading.addElement(TextProperties(fontsize="13pt", fontweight="bold"))
    heading.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
    # A hanging number: the text lines up after it, the number sits in the margin's gap.
    paragraph = Style(name="MotionParagraph", family="paragraph")
    properties = ParagraphProperties(
        marginleft="1cm", textindent="-1cm", marginbottom="0.25cm", lineheight="130%"
    )
    stops = TabStops()
    stops.addElement(TabStop(position="0cm"))
    properties.addElement(stops)
    paragraph.addElement(properties)
    paragraph.addElement(TextProperties(fontsize="11pt"))
    footer = Style(name="MotionFooter", family="paragraph")
    footer.addElement(TextProperties(fontsize="8pt", color="#444444"))
    for style in (title, meta, heading, paragraph):
        document.styles.addElement(style)
    document.automaticstyles.addElement(footer)
    return {"title": title, "meta": meta, "heading": heading, "paragraph": paragraph}


def odt_document(text: MotionText) -> bytes:
    document = OpenDocumentText()
    styles = _odt_styles(document)
    layout = PageLayout(name="MotionPage")
    layout.addElement(
        PageLayoutProperties(
            pagewidth="21cm",
            pageheight="29.7cm",
            margintop="2cm",
            marginbottom="1.5cm",
            marginleft="2.2cm",
            marginright="2.2cm",
        )
    )
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    footer.addElement(P(stylename="MotionFooter", text=text.footer))
    master.addElement(footer)
    document.masterstyles.addElement(master)

    document.text.addElement(P(stylename=styles["title"], text=text.title))
    document.text.addElement(P(stylename=styles["meta"], text=text.version_line))
    for section in text.sections:
        document.text.addElement(
            H(outlinelevel=2, stylename=styles["heading"], text=section.heading)
        )
        for number, paragraph in section.numbered:
            document.text.addElement(
                P(stylename=styles["paragraph"], text=f"{number}.\t{paragraph}")
            )
    document.meta.addElement(Title(text=text.title))
    output = io.BytesIO()
    document.write(output)
    return output.getvalue()


# --- PDF ---------------------------------------------------------------------------------------


class _MotionPDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("DejaVu", size=8)
        self.set_text_color(68, 68, 68)
        self.multi_cell(0, 4, f"{self.footer_text} · {self.page_no()}/{{nb}}", align="C")


def pdf_document(text: MotionText) -> bytes:
    pdf = _MotionPDF(format="A4")
    pdf.footer_text = text.footer
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(text.title)
    pdf.set_lang(text.language)
    pdf.set_creator(text.campaign)
    if text.published_at is not None:
        # The version's date, not the moment of the request: the same version, the same file.
        pdf.set_creation_date(text.published_at)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 17)
    pdf.multi_cell(0, 8, text.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9.5)
    pdf.set_text_color(68, 68, 68)
    pdf.multi_cell(0, 6, text.version_line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    for section in text.sections:
        pdf.ln(4)
        pdf.set_font("DejaVu", "B", 12.5)
        pdf.multi_cell(0, 7, section.heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        pdf.set_font("DejaVu", size=11)
        for number, paragraph in section.numbered:
            pdf.cell(10, 6, f"{number}.")
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())


BUILDERS = {"odt": odt_document, "pdf": pdf_document}


def build(motion: Motion, version: MotionVersion, language: str, kind: str) -> bytes:
    return BUILDERS[kind](motion_text(motion, version, language))
