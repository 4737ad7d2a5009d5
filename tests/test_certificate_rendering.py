"""Certificates render right for every tricky name: the DOCUMENTS.md checks and the QR code."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from certificate_samples import render, sample_document

from ptf_desktop.documents.certificate import border_box, format_long_date, printed_lines
from ptf_desktop.documents.certificate_metadata import read_certificate_metadata
from ptf_desktop.domain.certificates import PageSize, canonical_content

from helpers import pdf_checks, pdf_reading


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def border_rectangle(page_size: PageSize, page_height: float) -> tuple[float, ...]:
    """The certificate border as (left, top, right, bottom) from the top-left corner."""
    x0, y0, x1, y1 = border_box(page_size)
    return (x0, page_height - y1, x1, page_height - y0)


def decode_barcodes(pdf: Path) -> str:
    """Every barcode on the page rendered at 150 dpi, one a line (no QR-only shortcut)."""
    return "\n".join(pdf_reading.qr_codes(pdf, dpi=150))


def test_every_tricky_name_passes_the_document_checks_inside_the_border(
    tricky_names: list[str], tmp_path: Path
) -> None:
    for index, name in enumerate(tricky_names):
        country = "US" if index % 2 else "JP"
        document = sample_document(
            legal_name=name, number=f"CERT-2027-{index:05d}", country=country
        )
        pdf = write(tmp_path, f"certificate-{index}.pdf", render(document))
        lines = printed_lines(document)
        pdf_checks.check_document(
            pdf,
            expected_text=[name, *lines.values()],
            one_line=[document.content.number, document.code, lines["term"]],
            title=f"Certificate of Membership: {lines['legal_name']}",
            author="PyTorch Foundation",
            subject=(
                f"Certificate {document.content.number}: General Membership of PyTorch "
                "Foundation, 1 January 2027 to 31 December 2027"
            ),
            page_template=None,
        )
        height = pypdf.PdfReader(pdf).pages[0].mediabox.height
        pdf_checks.check_words_inside(
            pdf, rectangle=border_rectangle(document.content.page_size, float(height))
        )


@pytest.mark.parametrize(
    "name",
    [
        "AT&T Inc.",
        "شركة أرامكو السعودية",
        "华为技术有限公司",
        "A Very Long Organization Name That Goes On And On Because Legal Departments Like To "
        "Include Every Subsidiary, Division, Branch And Trading Name In The Registered Entity "
        "Name, Incorporated",
    ],
)
def test_the_qr_code_decodes_to_exactly_the_payload(name: str, tmp_path: Path) -> None:
    document = sample_document(legal_name=name)
    pdf = write(tmp_path, "certificate.pdf", render(document))
    assert decode_barcodes(pdf) == document.qr_payload
    assert document.qr_payload.startswith("PTF-CERT:CERT-2027-00042:")


def test_paper_is_landscape_letter_or_a4_by_country(tmp_path: Path) -> None:
    for country, (width, height) in {"US": (792, 612), "CA": (792, 612), "DE": (842, 595)}.items():
        page = pypdf.PdfReader(io.BytesIO(render(sample_document(country=country)))).pages[0]
        assert (round(page.mediabox.width), round(page.mediabox.height)) == (width, height)


def test_a_name_too_long_for_any_line_shrinks_and_wraps_inside_the_border(
    tmp_path: Path,
) -> None:
    name = " ".join(["Internationalisierungsgesellschaftsabteilung"] * 12)
    document = sample_document(legal_name=name, country="US")
    pdf = write(tmp_path, "long.pdf", render(document))
    pdf_checks.check_contains(pdf, [name])
    pdf_checks.check_words_inside(pdf, rectangle=border_rectangle(PageSize.LETTER, 612))
    unbroken = "X" * 300
    pdf = write(tmp_path, "unbroken.pdf", render(sample_document(legal_name=unbroken)))
    # A word longer than a line is broken between characters: all of it is there.
    assert unbroken in "".join(pdf_checks.pdftotext(pdf).split())
    pdf_checks.check_words_inside(pdf, rectangle=border_rectangle(PageSize.A4, 595.2756))


def test_the_pdf_carries_payload_and_hashed_content_and_is_reproducible() -> None:
    document = sample_document(legal_name='<Holding> & Sons "Quoted" Ltd.')
    data = render(document)
    metadata = read_certificate_metadata(data)
    assert metadata is not None
    assert metadata.payload == document.qr_payload
    assert metadata.content == canonical_content(document.content)
    assert render(document) == data
    assert read_certificate_metadata(render(sample_document())) != metadata


def test_signature_image_and_logo_are_drawn(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (300, 80), (255, 255, 255, 0))
    ImageDraw.Draw(image).line([(10, 60), (80, 10), (150, 70), (290, 20)], fill="navy", width=4)
    signature = io.BytesIO()
    image.save(signature, format="PNG")
    without = pypdf.PdfReader(io.BytesIO(render(sample_document()))).pages[0]
    with_signature = pypdf.PdfReader(
        io.BytesIO(render(sample_document(), signature_image=signature.getvalue()))
    ).pages[0]
    assert len(without.images) == 1
    assert len(with_signature.images) == 2


def test_dates_are_written_in_full() -> None:
    from datetime import date

    assert format_long_date(date(2027, 1, 1)) == "1 January 2027"
    assert format_long_date(date(2027, 12, 31)) == "31 December 2027"


def test_the_border_check_fails_when_words_leave_the_allowed_area(tmp_path: Path) -> None:
    # Negative control: the same check with a rectangle smaller than the printed area.
    pdf = write(tmp_path, "certificate.pdf", render(sample_document()))
    left, top, right, bottom = border_rectangle(PageSize.A4, 595.2756)
    with pytest.raises(pdf_checks.PdfCheckError, match="outside the allowed area"):
        pdf_checks.check_words_inside(pdf, rectangle=(left + 150, top, right - 150, bottom))
