"""The machine-readable part of a certificate PDF: an XMP packet with payload and content.

A certificate PDF carries, besides its page, an XMP metadata stream (the catalog's
``/Metadata``, uncompressed as XMP requires) with the standard Dublin Core title and
creator and two properties in the namespace :data:`NAMESPACE`:

- ``ptfcert:Payload``: the QR payload printed on the page, ``PTF-CERT:<number>:<code>``;
- ``ptfcert:Content``: the canonical content (``domain.certificates.canonical_content``)
  whose keyed hash is the code.

A verifier reads both without decoding the QR image, and checks them against the text
printed on the page and, when it can, against the decoded QR code. XMP survives
incremental updates such as a PDF signature.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas

__all__ = ["NAMESPACE", "CertificateMetadata", "read_certificate_metadata", "write_xmp"]

NAMESPACE = "https://pytorch.org/ns/ptf-desktop/certificate/1.0/"
"""XML namespace of the certificate properties (prefix ``ptfcert``)."""

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@dataclass(frozen=True)
class CertificateMetadata:
    """The certificate properties found in a PDF's XMP packet."""

    payload: str
    content: str


def write_xmp(canvas: Canvas, *, title: str, creator: str, payload: str, content: str) -> None:
    """Attach the certificate's XMP packet to the PDF the canvas writes.

    Args:
        canvas: the certificate's canvas, before ``save()``.
        title: the document title (as set with ``setTitle``).
        creator: the foundation's name.
        payload: the QR payload.
        content: the canonical content.
    """
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        f' <rdf:RDF xmlns:rdf="{_RDF}">\n'
        '  <rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        f' xmlns:ptfcert="{NAMESPACE}">\n'
        f'   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li>'
        "</rdf:Alt></dc:title>\n"
        f"   <dc:creator><rdf:Seq><rdf:li>{escape(creator)}</rdf:li></rdf:Seq></dc:creator>\n"
        f"   <ptfcert:Payload>{escape(payload)}</ptfcert:Payload>\n"
        f"   <ptfcert:Content>{escape(content)}</ptfcert:Content>\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="r"?>'
    )
    stream = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        packet.encode("utf-8"),
        filters=[],
    )
    canvas.setCatalogEntry("Metadata", stream)


def read_certificate_metadata(pdf_bytes: bytes) -> CertificateMetadata | None:
    """Read the certificate properties of a PDF.

    Args:
        pdf_bytes: the PDF (signed or not).

    Returns:
        The properties, or None when the PDF has no certificate XMP packet.

    Raises:
        ValueError: if the PDF cannot be read.
    """
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
        root_object = reader.trailer["/Root"].get_object()
        metadata = root_object.get("/Metadata") if isinstance(root_object, dict) else None
        if metadata is None:
            return None
        packet = metadata.get_object().get_data()
    except (PdfReadError, KeyError, ValueError, TypeError) as error:
        raise ValueError(f"The file is not a readable PDF ({error})") from error
    try:
        root = ElementTree.fromstring(packet)
    except ElementTree.ParseError:
        return None
    payload = _property(root, "Payload")
    content = _property(root, "Content")
    if payload is None or content is None:
        return None
    return CertificateMetadata(payload, content)


def _property(root: ElementTree.Element, name: str) -> str | None:
    """Find a simple XMP property, as an element or as an attribute.

    pyHanko rewrites the packet when it signs and writes simple properties as attributes
    of ``rdf:Description``; in RDF both forms mean the same.
    """
    qualified = f"{{{NAMESPACE}}}{name}"
    for description in root.iter(f"{{{_RDF}}}Description"):
        if qualified in description.attrib:
            return description.attrib[qualified]
        element = description.find(qualified)
        if element is not None:
            return element.text or ""
    return None
