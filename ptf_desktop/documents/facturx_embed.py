"""Embed Factur-X XML into a document being made PDF/A-3b, in the same pikepdf pass.

What Factur-X 1.0 (EN 16931 profile) asks of the PDF, as the ``factur-x`` package's
``generate_from_binary`` writes it: the XML attached as ``factur-x.xml`` (MIME type
text/xml, ``/AFRelationship /Data``, size, checksum and date parameters), listed in the
catalog's ``/AF`` and embedded-files name tree, the viewer opening on the attachments,
and the XMP metadata declaring the ``fx`` extension schema and the document's type,
file name, version and conformance level.

``generate_from_binary`` re-parses and rewrites the whole file with pypdf, after which
the dates it stamps with "now" need one more pikepdf pass to put back: that cost more
than drawing the invoice. Here the attachment and the XMP properties are added to the
document pikepdf already has open, before its single save. The XMP additions are parsed
once per process from a fixed template.
"""

from __future__ import annotations

import copy
import functools

import pikepdf
from lxml import etree

__all__ = ["FACTURX_FILENAME", "embed_facturx"]

FACTURX_FILENAME = "factur-x.xml"
"""The attachment's name the Factur-X specification requires."""

_FX = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

_PROPERTIES = (
    ("DocumentFileName", "The name of the embedded XML document"),
    ("DocumentType", "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER"),
    ("Version", "The actual version of the standard applying to the embedded XML document"),
    ("ConformanceLevel", "The conformance level of the embedded XML document"),
)

_TEMPLATE = """<rdf:RDF xmlns:rdf="{rdf}"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"
    xmlns:fx="{fx}">
  <rdf:Description rdf:about="">
    <pdfaExtension:schemas>
      <rdf:Bag>
        <rdf:li rdf:parseType="Resource">
          <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
          <pdfaSchema:namespaceURI>{fx}</pdfaSchema:namespaceURI>
          <pdfaSchema:prefix>fx</pdfaSchema:prefix>
          <pdfaSchema:property>
            <rdf:Seq>{properties}</rdf:Seq>
          </pdfaSchema:property>
        </rdf:li>
      </rdf:Bag>
    </pdfaExtension:schemas>
  </rdf:Description>
  <rdf:Description rdf:about="">
    <fx:DocumentType>INVOICE</fx:DocumentType>
    <fx:DocumentFileName>{filename}</fx:DocumentFileName>
    <fx:Version>1.0</fx:Version>
    <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
  </rdf:Description>
</rdf:RDF>"""

_PROPERTY = """
              <rdf:li rdf:parseType="Resource">
                <pdfaProperty:name>{name}</pdfaProperty:name>
                <pdfaProperty:valueType>Text</pdfaProperty:valueType>
                <pdfaProperty:category>external</pdfaProperty:category>
                <pdfaProperty:description>{description}</pdfaProperty:description>
              </rdf:li>"""


@functools.cache
def _descriptions() -> tuple[etree._Element, ...]:
    """The two rdf:Description elements Factur-X adds to the XMP, parsed once."""
    properties = "".join(
        _PROPERTY.format(name=name, description=description) for name, description in _PROPERTIES
    )
    root = etree.fromstring(
        _TEMPLATE.format(rdf=_RDF, fx=_FX, properties=properties, filename=FACTURX_FILENAME)
    )
    return tuple(root)


def embed_facturx(document: pikepdf.Pdf, xml: bytes, *, date: str) -> None:
    """Attach Factur-X EN 16931 XML to an open document and declare it in the XMP.

    Call it after ``pikepdf.pdfa.prepare`` (which keeps only the XMP properties PDF/A
    itself defines) and before saving.

    Args:
        document: The document, already prepared for PDF/A-3b.
        xml: The Factur-X XML.
        date: The attachment's modification date, as a PDF date string.
    """
    spec = pikepdf.AttachedFileSpec(
        document,
        xml,
        description="Factur-X XML file",
        filename=FACTURX_FILENAME,
        mime_type="text/xml",
        mod_date=date,
        relationship=pikepdf.Name.Data,
    )
    document.attachments[FACTURX_FILENAME] = spec
    document.Root.AF = document.make_indirect(pikepdf.Array([spec.obj]))
    document.Root.PageMode = pikepdf.Name.UseAttachments
    _declare_in_xmp(document)


def _declare_in_xmp(document: pikepdf.Pdf) -> None:
    metadata = document.Root.Metadata
    packet = etree.fromstring(metadata.read_bytes())
    rdf = packet.find(f"{{{_RDF}}}RDF")
    if rdf is None:  # prepare() always writes one; a document without is a bug
        raise ValueError("the document has no XMP rdf:RDF element to extend")
    for description in _descriptions():
        rdf.append(copy.deepcopy(description))
    document.Root.Metadata = document.make_stream(
        _XPACKET_BEGIN + etree.tostring(packet, encoding="utf-8") + _XPACKET_END,
        Type=pikepdf.Name.Metadata,
        Subtype=pikepdf.Name.XML,
    )


_XPACKET_BEGIN = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'.encode()
_XPACKET_END = b'\n<?xpacket end="w"?>'
