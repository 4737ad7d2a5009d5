"""PDF/A-3b conversion and Factur-X embedding of rendered documents, byte-reproducibly.

ReportLab has no PDF/A mode. After it writes a document:

1. pikepdf removes the empty page ``/Trans`` entries ReportLab writes, and
   :func:`pikepdf.pdfa.prepare` adds the sRGB output intent and the PDF/A-3b XMP
   metadata; the document's own timestamp replaces "now" in every date, and the file
   is written with the save settings PDF/A requires
   (:func:`pikepdf.pdfa.resolve_save_kwargs`) and an identifier derived from the
   content, so rendering the same document twice gives the same bytes.
2. For an e-invoice, :func:`~ptf_desktop.documents.facturx_embed.embed_facturx`
   attaches the EN 16931 XML as ``factur-x.xml`` (``/AFRelationship /Data``) and
   declares the Factur-X XMP extension schema, in the same pass, before the one save.

The renderers only produce conforming content (embedded TrueType fonts, no
transparency, no JavaScript), so the file is not re-opened and validated on every
render: ``pikepdf.pdfa.save`` would parse the file it has just written again and walk
every font program, which costs twice the rendering itself. The test suite validates
every kind of document with pikepdf's PDF/A validator instead
(``tests/helpers/pdf_checks.check_pdfa_validates``), for every tricky name.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from dataclasses import dataclass
from typing import Any

import pikepdf

from ptf_desktop.documents.facturx_embed import embed_facturx
from ptf_desktop.documents.render_lock import one_render_at_a_time

__all__ = ["ArchivalMetadata", "make_pdfa"]


@dataclass(frozen=True)
class ArchivalMetadata:
    """What the archival file says about itself.

    Attributes:
        title: Document title ("Invoice INV-2027-0001").
        author: The seller.
        subject: What the document is, to whom.
        keywords: Comma-separated keywords.
        language: BCP 47 language tag ("en").
        timestamp: Creation and modification time written into the file (the issue
            date, at midnight UTC), so that the output does not depend on when it is
            rendered.
    """

    title: str
    author: str
    subject: str
    keywords: str
    language: str
    timestamp: dt.datetime


@one_render_at_a_time
def make_pdfa(pdf: bytes, metadata: ArchivalMetadata, *, facturx_xml: bytes | None = None) -> bytes:
    """Turn a ReportLab PDF into a PDF/A-3b file, with embedded Factur-X XML.

    Args:
        pdf: The PDF ReportLab wrote (fonts embedded, no transparency groups).
        metadata: Title, author, subject, keywords, language and timestamp.
        facturx_xml: Factur-X EN 16931 XML to embed, or None for a plain PDF/A-3b.

    Returns:
        The PDF/A-3b bytes.
    """
    import pikepdf.pdfa

    archived = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            if "/Trans" in page.obj:
                del page.obj["/Trans"]
        document.Root.Lang = pikepdf.String(metadata.language)
        pikepdf.pdfa.prepare(document, "3b")
        # prepare() records "now" as the metadata date: the document's own time replaces it.
        _set_dates(document, metadata)
        if facturx_xml is not None:
            embed_facturx(document, facturx_xml, date=_pdf_date(metadata.timestamp))
        document.save(archived, **_pdfa_save_settings())
    return archived.getvalue()


@functools.cache
def _pdfa_save_settings() -> dict[str, Any]:
    """The ``Pdf.save`` settings PDF/A-3b requires, with a content-derived identifier."""
    import pikepdf.pdfa

    return pikepdf.pdfa.resolve_save_kwargs("3b", deterministic_id=True)


def _pdf_date(timestamp: dt.datetime) -> str:
    return timestamp.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


def _set_dates(document: pikepdf.Pdf, metadata: ArchivalMetadata) -> None:
    """Write the document's own timestamp (and title...) into Info and XMP."""
    stamp = _pdf_date(metadata.timestamp)
    info = document.docinfo
    info.CreationDate = pikepdf.String(stamp)
    info.ModDate = pikepdf.String(stamp)
    info.Title = pikepdf.String(metadata.title)
    info.Author = pikepdf.String(metadata.author)
    info.Subject = pikepdf.String(metadata.subject)
    info.Keywords = pikepdf.String(metadata.keywords)
    iso = metadata.timestamp.astimezone(dt.UTC).isoformat()
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["dc:title"] = metadata.title
        xmp["dc:creator"] = [metadata.author]
        xmp["dc:description"] = metadata.subject
        xmp["pdf:Keywords"] = metadata.keywords
        xmp["xmp:CreateDate"] = iso
        xmp["xmp:ModifyDate"] = iso
        xmp["xmp:MetadataDate"] = iso
