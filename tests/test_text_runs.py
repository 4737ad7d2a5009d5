"""Tests for ptf_desktop.documents.text_runs: fonts per script, HarfBuzz shaping, bidi per line."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ptf_desktop.documents import fonts
from ptf_desktop.documents.shaping import shape
from ptf_desktop.documents.text_lines import make_text
from ptf_desktop.documents.text_runs import (
    Run,
    draw_string,
    fit_font_size,
    line_runs,
    script_of,
    string_width,
    text_runs,
)

from helpers import glyph_checks, pdf_checks

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
        ("جامعہ کراچی", fonts.ARABIC_FONT),
        (HEBREW, fonts.HEBREW_FONT),
        ("भारतीय प्रौद्योगिकी संस्थान बॉम्बे", fonts.DEVANAGARI_FONT),
        ("มหาวิทยาลัยมหิดล", fonts.THAI_FONT),
        ("அண்ணா பல்கலைக்கழகம்", "NotoSansTamil"),
        ("సాకలవిద్యాలయం", "NotoSansTelugu"),
        ("ગુજરાત યુનિવર્સિટી", "NotoSansGujarati"),
        ("বাংলাদেশ প্রকৌশল বিশ্ববিদ্যালয়", "NotoSansBengali"),
        ("សាកលវិទ្យាល័យ", "NotoSansKhmer"),
        ("Երևանի պետական համալսարան", "NotoSansArmenian"),
        ("თბილისის უნივერსიტეტი", "NotoSansGeorgian"),
        ("አዲስ አበባ ዩኒቨርሲቲ", "NotoSansEthiopic"),
        ("ມະຫາວິທະຍາໄລ", "NotoSansLao"),
        ("ရန်ကုန်တက္ကသိုလ်", "NotoSansMyanmar"),
        ("ਪੰਜਾਬ ਯੂਨੀਵਰਸਿਟੀ", "NotoSansGurmukhi"),
        ("ಬೆಂಗಳೂರು ವಿಶ್ವವಿದ್ಯಾಲಯ", "NotoSansKannada"),
        ("കേരള സർവകലാശാല", "NotoSansMalayalam"),
        ("කොළඹ විශ්වවිද්‍යාලය", "NotoSansSinhala"),
    ],
)
def test_a_name_in_one_script_is_one_run_in_its_font(text: str, font: str) -> None:
    runs = text_runs(text)

    assert [run.font for run in runs] == [font]
    assert [run.font for run in text_runs(text, bold=True)] == [
        fonts.SCRIPT_FONTS[script_of(text[0])][1]
    ]


def test_bold_runs_use_the_bold_weight() -> None:
    assert text_runs("Total", bold=True) == [Run("Total", fonts.BOLD_FONT)]
    assert {run.font for run in text_runs(ARABIC, bold=True)} == {fonts.ARABIC_BOLD_FONT}
    assert {run.font for run in text_runs("삼성전자", bold=True)} == {fonts.KOREAN_BOLD_FONT}


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
            assert "".join(run.text for run in runs) == name.replace("\t", " ")
            for run in runs:
                face = fonts.get_font(run.font).face
                missing = [c for c in run.text if ord(c) not in face.charToGlyph]
                assert not missing, (name, run.font, missing)
            for shaped in line_runs(name, bold=bold):
                assert 0 not in [glyph.gid for glyph in shaped.glyphs], (name, shaped.font)


def test_devanagari_is_shaped_vowel_sign_before_its_consonant_and_conjuncts_joined() -> None:
    font = fonts.DEVANAGARI_FONT
    face = fonts.get_font(font).face
    ki = shape("कि", font)
    pra = shape("प्र", font)

    # The vowel sign i (a form sized for its consonant) is drawn before (left of) it.
    assert len(ki.glyphs) == 2
    assert ki.glyphs[1].gid == face.charToGlyph[0x0915]
    assert ki.glyphs[0].gid != face.charToGlyph[0x0915]
    # A conjunct is one glyph the character map does not reach, no visible virama.
    assert face.charToGlyph[0x094D] not in [g.gid for g in pra.glyphs]
    assert len(pra.glyphs) == 1


def test_arabic_is_joined_and_right_to_left_runs_come_out_in_display_order() -> None:
    (run,) = line_runs(ARABIC)
    face = fonts.get_font(fonts.ARABIC_FONT).face
    isolated = [face.charToGlyph[ord(c)] for c in ARABIC]

    assert run.rtl
    # Joined forms, not the isolated letters; the last letter drawn leftmost.
    assert [g.gid for g in run.glyphs] != isolated[::-1]
    assert run.glyphs[-1].gid != face.charToGlyph[ord(ARABIC[0])]


def test_kerning_is_applied() -> None:
    kerned = string_width("AVAT", 10)

    assert kerned < pdfmetrics.stringWidth("AVAT", fonts.BODY_FONT, 10) - 0.2


def test_a_mixed_right_to_left_line_orders_its_runs_by_bidi_levels() -> None:
    name = "مختبر AI للأبحاث والتطوير 2027 ش.م.م"

    runs = line_runs(name)

    # Read right to left: the first word is drawn rightmost, "AI" and "2027" stay
    # left to right inside.
    assert runs[-1].text.strip() == "مختبر"
    assert [run.text for run in runs if not run.rtl] == ["2027", "AI"]
    assert line_runs("Bill to: " + name)[0].text == "Bill to: "


def test_script_of() -> None:
    assert script_of("a") == "latin"
    assert script_of("华") == "cjk"
    assert script_of("삼") == "korean"
    assert script_of("ش") == "arabic"
    assert script_of("ﺷ") == "arabic"
    assert script_of("א") == "hebrew"
    assert script_of("भ") == "devanagari"


def test_tabs_and_newlines_become_spaces() -> None:
    assert "".join(r.text for r in text_runs("Tab\tSeparated\nName")) == "Tab Separated Name"


def test_string_width_sums_the_shaped_runs() -> None:
    fonts.register_fonts()
    expected = shape("Huawei ", fonts.BODY_FONT).width(10) + shape("华为", fonts.CJK_FONT).width(10)

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
    """Each tricky name as wrapped lines, then as a right-aligned drawn string; two pages."""
    fonts.register_fonts()
    canvas = Canvas(str(pdf), pagesize=A4, invariant=1, initialFontName=fonts.BODY_FONT)
    canvas.setTitle("Names")
    canvas.setAuthor("PyTorch Foundation")
    canvas.setSubject("Tricky names")
    style = ParagraphStyle("body", fontName=fonts.BODY_FONT, fontSize=9, leading=11)
    half = (len(names) + 1) // 2
    for page, part in enumerate((names[:half], names[half:]), start=1):
        y = A4[1] - 50
        for name in part:
            paragraph = make_text(name, style)
            _, height = paragraph.wrap(300, 200)
            paragraph.drawOn(canvas, 40, y - height)
            y -= height + 11
            size = fit_font_size(name, A4[0] - 80, 9, min_size=4, bold=True)
            draw_string(canvas, A4[0] - 40, y, name, size, bold=True, align="right")
            y -= 8
        assert y > 60, "the names no longer fit two pages"
        draw_string(canvas, A4[0] / 2, 45, f"Page {page} of 2", 8, align="centre")
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
    assert {"NotoSansThai", "NotoSansTamil", "NotoSansKhmer", "NotoSansEthiopic"} <= used
    glyph_checks.check_glyphs(pdf)


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


def test_line_breaks_in_user_text_start_new_lines(tmp_path: Path) -> None:
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


def test_a_wrapped_right_to_left_name_reads_top_down(tmp_path: Path) -> None:
    name = "جامعة الملك عبد الله للعلوم والتقنية في ثول المملكة العربية السعودية"
    style = ParagraphStyle("body", fontName=fonts.BODY_FONT, fontSize=12, leading=15)
    block = make_text(name, style)
    _, height = block.wrap(150, 500)
    pdf = tmp_path / "wrapped.pdf"
    canvas = Canvas(str(pdf), pagesize=A4, invariant=1, initialFontName=fonts.BODY_FONT)
    block.drawOn(canvas, 72, 700 - height)
    canvas.showPage()
    canvas.save()

    lines = glyph_checks.visual_lines(glyph_checks.check_glyphs(pdf))

    assert len(lines) >= 3
    assert " ".join(lines) == name
    # Each line is right to left on its own: its first word is drawn rightmost.
    first_line = [run for run in glyph_checks.drawn_runs(pdf) if run.baseline > 700 - 15]
    assert max(first_line, key=lambda run: run.x).text.startswith(name.split()[0])
