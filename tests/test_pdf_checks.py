"""Negative controls: the PDF checks of tests/helpers/pdf_checks.py fail on bad PDFs.

A checker that passes everything proves nothing; each check here is shown to reject a
PDF with exactly the defect it looks for, next to a good PDF it accepts.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ptf_desktop.documents import fonts
from ptf_desktop.documents.text_runs import draw_string

from helpers import pdf_checks, pdf_reading
from helpers.pdf_checks import PdfCheckError

ARABIC = "شركة أرامكو السعودية"
LONG = (
    "A Very Long Organization Name That Goes On And On Because Legal Departments Like To "
    "Include Every Subsidiary, Division, Branch And Trading Name"
)


def _canvas(pdf: Path, *, font: str | None = fonts.BODY_FONT) -> Canvas:
    fonts.register_fonts()
    if font is None:
        canvas = Canvas(str(pdf), pagesize=A4, invariant=1)
    else:
        canvas = Canvas(str(pdf), pagesize=A4, invariant=1, initialFontName=font)
    canvas.setTitle("Invoice INV-1")
    canvas.setAuthor("PyTorch Foundation")
    canvas.setSubject("Invoice")
    return canvas


def _good(pdf: Path, pages: int = 2) -> Path:
    canvas = _canvas(pdf)
    for page in range(1, pages + 1):
        draw_string(canvas, 72, 700, ARABIC, 12)
        draw_string(canvas, 72, 680, "Total due USD 1,234.50", 12)
        draw_string(canvas, 72, 660, "IBAN DE89 3704 0044 0532 0130 00", 12)
        draw_string(canvas, 72, 60, f"Page {page} of {pages}", 8)
        canvas.showPage()
    canvas.save()
    return pdf


def _check_all(pdf: Path) -> None:
    pdf_checks.check_document(
        pdf,
        expected_text=[ARABIC, "USD 1,234.50"],
        one_line=["USD 1,234.50", "DE89 3704 0044 0532 0130 00"],
        title="Invoice INV-1",
        author="PyTorch Foundation",
        subject="Invoice",
        margin=36,
    )


def test_a_good_pdf_passes_every_check(tmp_path: Path) -> None:
    _check_all(_good(tmp_path / "good.pdf"))


def test_a_helvetica_only_pdf_fails(tmp_path: Path) -> None:
    pdf = tmp_path / "helvetica.pdf"
    canvas = _canvas(pdf, font=None)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 700, "Total due USD 1,234.50")
    canvas.drawString(72, 60, "Page 1 of 1")
    canvas.showPage()
    canvas.save()

    with pytest.raises(PdfCheckError, match="Helvetica"):
        pdf_checks.check_fonts(pdf)
    with pytest.raises(PdfCheckError):
        _check_all(pdf)


def test_the_initial_helvetica_of_a_canvas_is_caught_even_when_unused(tmp_path: Path) -> None:
    pdf = tmp_path / "initial.pdf"
    canvas = _canvas(pdf, font=None)  # ReportLab writes Helvetica into every page
    draw_string(canvas, 72, 700, "Total", 12)
    canvas.showPage()
    canvas.save()

    with pytest.raises(PdfCheckError, match="Helvetica"):
        pdf_checks.check_fonts(pdf)


def test_an_unshaped_arabic_name_fails(tmp_path: Path) -> None:
    pdf = tmp_path / "unshaped.pdf"
    canvas = _canvas(pdf)
    canvas.setFont(fonts.ARABIC_FONT, 12)
    fonts.ensure_font(fonts.ARABIC_FONT)
    canvas.drawString(72, 700, ARABIC)  # logical order, isolated letters
    canvas.showPage()
    canvas.save()

    with pytest.raises(PdfCheckError, match="unshaped text"):
        pdf_checks.check_shaped_arabic(pdf)
    with pytest.raises(PdfCheckError, match="not in the PDF's text"):
        pdf_checks.check_contains(pdf, [ARABIC])


def test_an_overflowing_name_fails(tmp_path: Path) -> None:
    pdf = tmp_path / "overflow.pdf"
    canvas = _canvas(pdf)
    draw_string(canvas, 72, 700, LONG, 12)
    canvas.showPage()
    canvas.save()

    with pytest.raises(PdfCheckError, match="outside"):
        pdf_checks.check_words_inside(pdf, margin=36)
    with pytest.raises(PdfCheckError, match="outside"):
        pdf_checks.check_words_inside(pdf, rectangle=(36, 36, 559, 806))


def test_a_missing_string_and_a_replacement_character_fail(tmp_path: Path) -> None:
    pdf = _good(tmp_path / "good.pdf")
    with pytest.raises(PdfCheckError, match="not in the PDF's text"):
        pdf_checks.check_contains(pdf, ["Müller & Söhne"])

    bad = tmp_path / "fffd.pdf"
    canvas = _canvas(bad)
    draw_string(canvas, 72, 700, "Name \ufffd", 12)
    canvas.showPage()
    canvas.save()
    with pytest.raises(PdfCheckError, match="U\\+FFFD"):
        pdf_checks.check_contains(bad, ["Name"])


def test_a_wrapped_iban_fails_the_one_line_check(tmp_path: Path) -> None:
    pdf = tmp_path / "wrapped.pdf"
    canvas = _canvas(pdf)
    draw_string(canvas, 72, 700, "DE89 3704 0044", 12)
    draw_string(canvas, 72, 686, "0532 0130 00", 12)
    canvas.showPage()
    canvas.save()

    with pytest.raises(PdfCheckError, match="one line"):
        pdf_checks.check_on_one_line(pdf, ["DE89 3704 0044 0532 0130 00"])


def test_a_wrong_page_count_fails(tmp_path: Path) -> None:
    pdf = tmp_path / "pages.pdf"
    canvas = _canvas(pdf)
    for page in (1, 2):
        draw_string(canvas, 72, 60, f"Page {page} of 1", 8)  # first pass only: N unknown
        canvas.showPage()
    canvas.save()

    with pytest.raises(PdfCheckError, match="Page 1 of 2"):
        pdf_checks.check_page_numbers(pdf)
    assert pdf_checks.check_page_numbers(_good(tmp_path / "good.pdf", pages=3)) == 3


def test_wrong_or_missing_metadata_fails(tmp_path: Path) -> None:
    pdf = _good(tmp_path / "good.pdf")
    with pytest.raises(PdfCheckError, match="metadata"):
        pdf_checks.check_metadata(
            pdf, title="Invoice INV-2", author="PyTorch Foundation", subject="Invoice"
        )

    bare = tmp_path / "bare.pdf"
    canvas = Canvas(str(bare), invariant=1, initialFontName=fonts.BODY_FONT)
    canvas.showPage()
    canvas.save()
    with pytest.raises(PdfCheckError, match="metadata"):
        pdf_checks.check_metadata(
            bare, title="Invoice INV-1", author="PyTorch Foundation", subject="Invoice"
        )


def test_javascript_and_encryption_fail(tmp_path: Path) -> None:
    pdf = _good(tmp_path / "good.pdf")
    with pikepdf.open(pdf) as document:
        document.Root.OpenAction = pikepdf.Dictionary(
            S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")
        )
        document.save(tmp_path / "js.pdf")
        document.save(tmp_path / "encrypted.pdf", encryption=pikepdf.Encryption(owner="o", user=""))

    with pytest.raises(PdfCheckError, match="JavaScript"):
        pdf_checks.check_no_javascript_or_encryption(tmp_path / "js.pdf")
    with pytest.raises(PdfCheckError, match="encrypted"):
        pdf_checks.check_no_javascript_or_encryption(tmp_path / "encrypted.pdf")


def test_a_damaged_file_fails_qpdf(tmp_path: Path) -> None:
    pdf = _good(tmp_path / "good.pdf")
    pdf_checks.check_qpdf(pdf)
    damaged = tmp_path / "damaged.pdf"
    data = pdf.read_bytes()
    damaged.write_bytes(data.replace(b"startxref", b"startxrf"))

    with pytest.raises(PdfCheckError, match="qpdf"):
        pdf_checks.check_qpdf(damaged)


def test_a_plain_pdf_is_not_pdfa(tmp_path: Path) -> None:
    with pytest.raises(PdfCheckError, match="PDF/A"):
        pdf_checks.check_pdfa(_good(tmp_path / "good.pdf"))


def test_a_wrapped_table_cell_reads_as_one_run_of_lines(tmp_path: Path) -> None:
    pdf = tmp_path / "table.pdf"
    canvas = _canvas(pdf)
    draw_string(canvas, 72, 700, "Sponsorship of the", 10)
    draw_string(canvas, 300, 700, "USD 1,234.50", 10)  # another column, same line
    draw_string(canvas, 72, 688, "conference", 10)
    canvas.showPage()
    canvas.save()

    pdf_checks.check_contains(pdf, ["Sponsorship of the conference"])
    pdf_checks.check_on_one_line(pdf, ["USD 1,234.50"])
    with pytest.raises(PdfCheckError, match="one line"):
        pdf_checks.check_on_one_line(pdf, ["Sponsorship of the conference"])
    # Found only by reading column by column: on the page's lines the amount comes between.
    assert "Sponsorship of the conference" not in pdf_checks.normalise(pdf_checks.pdftotext(pdf))
    columns = pdf_checks.normalise(pdf_reading.pdftotext(pdf, columns=True))
    assert "Sponsorship of the conference" in columns


def test_a_font_inside_a_form_without_a_unicode_map_fails(tmp_path: Path) -> None:
    pdf = _good(tmp_path / "good.pdf", pages=1)
    with pikepdf.open(pdf) as document:
        page = document.pages[0]
        font = next(iter(page.resources.Font.values()))
        bare = pikepdf.Dictionary({key: font[key] for key in font.keys() if key != "/ToUnicode"})
        form = document.make_stream(
            b"BT /F9 12 Tf 72 500 Td (x) Tj ET",
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Form,
            BBox=[0, 0, 595, 842],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F9=document.make_indirect(bare))),
        )
        page.resources.XObject = pikepdf.Dictionary(Fm9=form)
        page.contents_add(document.make_stream(b"q /Fm9 Do Q"))
        document.save(tmp_path / "form.pdf")

    with pytest.raises(PdfCheckError, match="no ToUnicode map"):
        pdf_checks.check_fonts(tmp_path / "form.pdf")


def test_pdfsig_skips_with_the_debian_package_where_it_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.skip.Exception, match="Debian package poppler-utils"):
        pdf_reading.pdfsig(_good(tmp_path / "good.pdf"))
