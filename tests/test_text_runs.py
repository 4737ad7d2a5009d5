"""Tests for ptf_desktop.documents.text_runs: fonts per script, shaping, bidi, escaping."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ptf_desktop.documents import fonts
from ptf_desktop.documents.text_runs import (
    Run,
    draw_string,
    escape_markup,
    fit_font_size,
    make_paragraph,
    paragraph_markup,
    script_of,
    string_width,
    text_runs,
    visual_text,
)

from helpers import pdf_checks

ARABIC = "شركة أرامكو السعودية"
HEBREW = "האוניברסיטה העברית בירושלים"


@pytest.mark.parametrize(
    ("text", "font"),
    [
        ("Яндекс ООО", fonts.BODY_FONT),
        ("Ελληνικό", fonts.BODY_FONT),
        ("Tổng Công ty Viễn thông", fonts.BODY_FONT),
        ("İstanbul Teknik Üniversitesi", fonts.BODY_FONT),
        ("华为技术有限公司", fonts.CJK_FONT),
        ("株式会社プリファードネットワークス", fonts.CJK_FONT),
        ("삼성전자 주식회사", fonts.KOREAN_FONT),
        (ARABIC, fonts.ARABIC_FONT),
        (HEBREW, fonts.HEBREW_FONT),
        ("भारतीय प्रौद्योगिकी संस्थान बॉम्बे", fonts.DEVANAGARI_FONT),
    ],
)
def test_a_name_in_one_script_is_one_run_in_its_font(text: str, font: str) -> None:
    runs = text_runs(text)

    assert [run.font for run in runs] == [font]


def test_bold_runs_use_the_bold_weight() -> None:
    assert text_runs("Total", bold=True) == [Run("Total", fonts.BOLD_FONT)]
    assert {run.font for run in text_runs(ARABIC, bold=True)} == {fonts.ARABIC_BOLD_FONT}


def test_mixed_scripts_split_into_runs_and_neutrals_stay_with_their_run() -> None:
    runs = text_runs("Huawei 华为 (China) 2027")

    assert runs == [
        Run("Huawei ", fonts.BODY_FONT),
        Run("华为 ", fonts.CJK_FONT),
        Run("(China) 2027", fonts.BODY_FONT),
    ]


def test_every_character_of_every_tricky_name_has_a_glyph_in_its_font(
    tricky_names: list[str],
) -> None:
    for name in tricky_names:
        for bold in (False, True):
            runs = text_runs(name, bold=bold)
            assert "".join(run.text for run in runs) == visual_text(name.replace("\t", " "))
            for run in runs:
                face = fonts.get_font(run.font).face
                missing = [c for c in run.text if ord(c) not in face.charToGlyph]
                assert not missing, (name, run.font, missing)


def test_arabic_is_shaped_and_reversed_for_display() -> None:
    visual = visual_text(ARABIC)

    # Joined presentation forms, in left-to-right display order: NFKC gives the letters
    # back, and reading the display string backwards gives the logical text.
    assert all(not "\u0620" <= c <= "\u064a" for c in visual)
    assert unicodedata.normalize("NFKC", visual)[::-1] == ARABIC
    assert visual_text(HEBREW) == HEBREW[::-1]


def test_left_to_right_text_is_unchanged() -> None:
    assert visual_text("Müller & Söhne") == "Müller & Söhne"


def test_script_of() -> None:
    assert script_of("a") == "latin"
    assert script_of("华") == "cjk"
    assert script_of("삼") == "korean"
    assert script_of("ش") == "arabic"
    assert script_of("ﺷ") == "arabic"
    assert script_of("א") == "hebrew"
    assert script_of("भ") == "devanagari"


def test_escape_markup_escapes_every_markup_character() -> None:
    assert escape_markup("R&D <b>Labs</b> \"q\" 'a'") == (
        "R&amp;D &lt;b&gt;Labs&lt;/b&gt; &quot;q&quot; &#39;a&#39;"
    )


def test_markup_never_lets_user_text_become_markup() -> None:
    markup = paragraph_markup('<img src="/etc/passwd"/> & <Holding>')

    assert "<img" not in markup
    assert markup.count("<font") == 1


def test_tabs_and_newlines_become_spaces() -> None:
    assert "".join(r.text for r in text_runs("Tab\tSeparated\nName")) == "Tab Separated Name"


def test_string_width_sums_the_runs() -> None:
    fonts.register_fonts()
    expected = pdfmetrics.stringWidth("Huawei ", fonts.BODY_FONT, 10) + pdfmetrics.stringWidth(
        "华为", fonts.CJK_FONT, 10
    )

    assert string_width("Huawei 华为", 10) == pytest.approx(expected)
    assert string_width("", 10) == 0


def test_fit_font_size_shrinks_a_long_name_to_the_width(tricky_names: list[str]) -> None:
    long_name = max(tricky_names, key=len)

    size = fit_font_size(long_name, 500, 12, min_size=4)

    assert size < 12
    assert string_width(long_name, size) == pytest.approx(500, rel=1e-6)
    assert fit_font_size("AT&T Inc.", 500, 12) == 12
    assert fit_font_size(long_name, 50, 12, min_size=6) == 6


def _render_names(pdf: Path, names: list[str]) -> None:
    """Each tricky name as a wrapped paragraph, then as a right-aligned drawn string."""
    fonts.register_fonts()
    canvas = Canvas(str(pdf), pagesize=A4, invariant=1, initialFontName=fonts.BODY_FONT)
    canvas.setTitle("Names")
    canvas.setAuthor("PyTorch Foundation")
    canvas.setSubject("Tricky names")
    style = ParagraphStyle("body", fontName=fonts.BODY_FONT, fontSize=9, leading=11)
    y = A4[1] - 50
    for name in names:
        paragraph = make_paragraph(name, style)
        _, height = paragraph.wrap(300, 200)
        paragraph.drawOn(canvas, 40, y - height)
        y -= height + 11
        size = fit_font_size(name, A4[0] - 80, 9, min_size=4, bold=True)
        draw_string(canvas, A4[0] - 40, y, name, size, bold=True, align="right")
        y -= 8
    draw_string(canvas, A4[0] / 2, 45, "Page 1 of 1", 8, align="centre")
    canvas.showPage()
    canvas.save()


def test_every_tricky_name_renders_and_passes_the_pdf_checks(
    tricky_names: list[str], tmp_path: Path
) -> None:
    pdf = tmp_path / "names.pdf"
    _render_names(pdf, tricky_names)

    pdf_checks.check_document(
        pdf,
        expected_text=tricky_names,
        title="Names",
        author="PyTorch Foundation",
        subject="Tricky names",
        margin=36,
    )
    used = {name.split("-")[0] for name in pdf_checks.check_fonts(pdf)}
    assert {"DejaVuSans", "DroidSansFallback", "NanumGothic", "NotoSansArabic"} <= used


def test_right_aligned_string_ends_at_x(tmp_path: Path) -> None:
    pdf = tmp_path / "right.pdf"
    fonts.register_fonts()
    canvas = Canvas(str(pdf), pagesize=A4, invariant=1, initialFontName=fonts.BODY_FONT)
    width = draw_string(canvas, 400, 400, "USD 1,234.50 华为", 10, align="right")
    canvas.showPage()
    canvas.save()

    boxes = pdf_checks.word_boxes(pdf)

    assert max(box.x_max for box in boxes) == pytest.approx(400, abs=1)
    assert min(box.x_min for box in boxes) == pytest.approx(400 - width, abs=1)


def test_make_paragraph_joins_address_lines() -> None:
    style = ParagraphStyle("body", fontName=fonts.BODY_FONT, fontSize=9, leading=11)
    fonts.register_fonts()

    paragraph = make_paragraph(["1 Main St & Co", "Zürich <CH>"], style)

    assert paragraph.text.count("<br/>") == 1
    assert "&lt;CH&gt;" in paragraph.text


def test_line_breaks_in_user_text_start_new_lines(tmp_path: Path) -> None:
    from ptf_desktop.documents.text_lines import make_text

    style = ParagraphStyle("body", fontName=fonts.BODY_FONT, fontSize=9, leading=11)
    block = make_text("First line & more\r\n\nThird <line>", style)

    width, height = block.wrap(300, 500)

    assert height == 3 * 11
    pdf = tmp_path / "lines.pdf"
    canvas = Canvas(str(pdf), pagesize=A4, invariant=1, initialFontName=fonts.BODY_FONT)
    block.drawOn(canvas, 72, 600)
    canvas.showPage()
    canvas.save()
    lines = [line for line in pdf_checks.pdftotext(pdf, layout=True).splitlines() if line.strip()]
    assert [line.strip() for line in lines] == ["First line & more", "Third <line>"]
