"""PDF/A-3b conversion and Factur-X embedding of rendered documents, byte-reproducibly.

ReportLab has no PDF/A mode. After it writes a document:

1. pikepdf removes the empty page ``/Trans`` entries ReportLab writes, then
   :func:`pikepdf.pdfa.save` adds the sRGB output intent and the XMP metadata and
   validates the PDF/A-3b file it wrote (it refuses to write one that fails).
2. For an e-invoice, the ``factur-x`` package embeds the EN 16931 XML as
   ``factur-x.xml`` (``/AFRelationship /Data``) and adds the Factur-X XMP extension
   schema. pikepdf's validator does not cover embedded files, so this step comes after
   the validation; the tests check the embedded file's PDF/A-3 structure separately.
3. A last pikepdf pass sets every date (information dictionary, XMP, embedded file) to
   the document's own timestamp instead of "now" and writes a file identifier derived
   from the content, so rendering the same document twice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pikepdf

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


def make_pdfa(pdf: bytes, metadata: ArchivalMetadata, *, facturx_xml: bytes | None = None) -> bytes:
    """Turn a ReportLab PDF into a validated PDF/A-3b file, with embedded Factur-X XML.

    Args:
        pdf: The PDF ReportLab wrote (fonts embedded, no transparency groups).
        metadata: Title, author, subject, keywords, language and timestamp.
        facturx_xml: Factur-X EN 16931 XML to embed, or None for a plain PDF/A-3b.

    Returns:
        The PDF/A-3b bytes.

    Raises:
        pikepdf.pdfa.PdfaError: If the document cannot be made PDF/A-3b (a bug: the
            renderers only produce conforming content).
    """
    import pikepdf.pdfa

    archived = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            if "/Trans" in page.obj:
                del page.obj["/Trans"]
        document.Root.Lang = pikepdf.String(metadata.language)
        _set_dates(document, metadata)
        pikepdf.pdfa.save(document, archived, "3b", deterministic_id=True)
    result = archived.getvalue()
    if facturx_xml is not None:
        import facturx

        result = facturx.generate_from_binary(
            result,
            facturx_xml,
            flavor="factur-x",
            level="en16931",
            check_xsd=False,
            pdf_metadata={
                "author": metadata.author,
                "keywords": metadata.keywords,
                "title": metadata.title,
                "subject": metadata.subject,
            },
            lang=metadata.language,
        )
    # pikepdf.pdfa and factur-x stamp "now" into the metadata; the last pass puts the
    # document's own timestamp back so the bytes depend on the document alone.
    final = io.BytesIO()
    with pikepdf.open(io.BytesIO(result)) as document:
        _set_dates(document, metadata)
        for attachment in document.attachments.values():
            params = attachment.get_file().obj.get("/Params")
            if params is not None:
                params.ModDate = pikepdf.String(_pdf_date(metadata.timestamp))
        document.save(final, deterministic_id=True, fix_metadata_version=False)
    return final.getvalue()


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
