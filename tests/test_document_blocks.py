"""Tests for the cheap building blocks of business documents.

The cached logo writes exactly what ReportLab's own Image flowable writes; a Stack stays
on one page when it fits on one and splits into its parts only when no page could hold
it; the space above the lines table survives its split across pages; the Factur-X
attachment carries the XML unchanged with its size and checksum.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pikepdf
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, SimpleDocTemplate, Spacer

from ptf_desktop.documents import fonts
from ptf_desktop.documents.blocks import Stack
from ptf_desktop.documents.cached_image import CachedImage
from ptf_desktop.documents.einvoice import facturx_xml
from ptf_desktop.documents.layout import styles
from ptf_desktop.documents.render import render_invoice
from ptf_desktop.documents.text_lines import make_text
from ptf_desktop.resources import resource_path

from helpers import documents, pdf_checks

LOGO = "images/logo-document.png"


def _build(story: list[Flowable]) -> bytes:
    fonts.register_fonts()
    buffer = io.BytesIO()
    template = SimpleDocTemplate(buffer, invariant=1, initialFontName=fonts.BODY_FONT)
    template.build(story)
    return buffer.getvalue()


def test_the_cached_logo_writes_the_same_bytes_as_reportlabs_image_flowable() -> None:
    def reportlab_logo() -> Image:
        image = Image(str(resource_path(LOGO)), 14 * mm, 14 * mm)
        image.hAlign = "LEFT"
        return image

    expected = _build([reportlab_logo(), Spacer(1, 20), reportlab_logo()])

    # Twice in one document and again in a second one: each PDF gets its own image.
    for _ in range(2):
        cached = [
            CachedImage(LOGO, 14 * mm, 14 * mm),
            Spacer(1, 20),
            CachedImage(LOGO, 14 * mm, 14 * mm),
        ]
        assert _build(cached) == expected


def _lines(count: int, prefix: str) -> list[Flowable]:
    return [make_text(f"{prefix} line {n}", styles()["body"]) for n in range(count)]


def _page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "stack.pdf"
    path.write_bytes(pdf)
    pages = pdf_checks.page_count(path)
    return [pdf_checks.pdftotext(path, first=page) for page in range(1, pages + 1)]


def test_a_stack_that_does_not_fit_the_rest_of_the_page_moves_whole(tmp_path: Path) -> None:
    filler = _lines(55, "Filler")  # most of an A4 page at 11 points a line
    block = Stack(_lines(8, "Kept"))

    pages = _page_texts(_build([*filler, block]), tmp_path)

    assert len(pages) == 2
    assert "Kept line 0" not in pages[0]
    assert all(f"Kept line {n}" in pages[1] for n in range(8))


def test_a_stack_taller_than_a_page_starts_a_page_and_flows_on_as_its_parts(
    tmp_path: Path,
) -> None:
    block = Stack(_lines(150, "Long"))  # two pages and more at 11 points a line

    pages = _page_texts(_build([*_lines(3, "Before"), block]), tmp_path)

    # As ReportLab's KeepTogether does: a new page, then the parts flow over pages.
    assert len(pages) == 4
    assert "Before line 2" in pages[0] and "Long line 0" not in pages[0]
    assert "Long line 0" in pages[1]
    assert "Long line 149" in pages[-1]
    assert sum(page.count("Long line") for page in pages) == 150


def test_the_gap_above_the_lines_table_stays_when_the_table_splits(tmp_path: Path) -> None:
    long = documents.invoice(lines=documents.standard_lines(80))
    short = documents.invoice(lines=documents.standard_lines(3))

    def header_top(doc: object) -> float:
        path = tmp_path / "invoice.pdf"
        path.write_bytes(render_invoice(doc, pdfa=False, facturx=False))  # type: ignore[arg-type]
        boxes = pdf_checks.word_boxes(path)
        return next(box.y_min for box in boxes if box.page == 1 and box.text == "Description")

    assert abs(header_top(long) - header_top(short)) < 0.01


def test_the_facturx_attachment_is_the_xml_with_its_size_and_checksum() -> None:
    doc = documents.invoice("华为技术有限公司")
    xml = facturx_xml(doc)

    with pikepdf.open(io.BytesIO(render_invoice(doc))) as pdf:
        spec = pdf.attachments["factur-x.xml"]
        embedded = spec.get_file()
        params = embedded.obj.stream_dict.Params
        assert embedded.read_bytes() == xml
        assert int(params.Size) == len(xml)
        assert bytes(params.CheckSum) == hashlib.md5(xml).digest()
        assert spec.obj.AFRelationship == pikepdf.Name.Data
        assert [item.objgen for item in pdf.Root.AF] == [spec.obj.objgen]
        assert pdf.Root.PageMode == pikepdf.Name.UseAttachments
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert xmp.count("<pdfaSchema:prefix>fx</pdfaSchema:prefix>") == 1
        assert "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>" in xmp
