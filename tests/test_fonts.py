"""Tests for ptf_desktop.documents.fonts: bundled fonts are registered once and embedded."""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

import pytest
from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from ptf_desktop.documents import fonts
from ptf_desktop.documents.fonts import BODY_FONT, BOLD_FONT, FONT_FAMILY, register_fonts

from helpers.pdf_reading import pdftotext
from helpers.pdf_resources import fonts_of

SAMPLE = "Müller & Söhne — Ελληνικό — Яндекс"


def _render_sample(pdf: Path) -> None:
    register_fonts()
    # ReportLab writes the initial font state (Helvetica unless told otherwise) into each
    # page, so a later setFont alone still leaves an unembedded Helvetica in the file.
    page = canvas.Canvas(str(pdf), invariant=1, initialFontName=BODY_FONT)
    page.setFont(BODY_FONT, 12)
    page.drawString(72, 720, SAMPLE)
    page.setFont(BOLD_FONT, 12)
    page.drawString(72, 700, "Total due")
    page.showPage()
    page.save()


def test_register_fonts_twice_is_idempotent() -> None:
    first = register_fonts()
    body = pdfmetrics.getFont(BODY_FONT)
    second = register_fonts()

    assert first == second == [BODY_FONT, BOLD_FONT]
    assert pdfmetrics.getFont(BODY_FONT) is body
    assert {BODY_FONT, BOLD_FONT} <= set(pdfmetrics.getRegisteredFontNames())


def test_the_family_maps_bold_to_the_bold_font() -> None:
    register_fonts()
    assert tt2ps(FONT_FAMILY, 0, 0) == BODY_FONT
    assert tt2ps(FONT_FAMILY, 1, 0) == BOLD_FONT
    # No oblique face is bundled: italics stay upright rather than leaving the family.
    assert tt2ps(FONT_FAMILY, 0, 1) == BODY_FONT
    assert tt2ps(FONT_FAMILY, 1, 1) == BOLD_FONT


def test_concurrent_first_calls_load_each_font_once(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[str] = []

    def counting_ttfont(name: str, filename: str) -> TTFont:
        loaded.append(name)
        return TTFont(name, filename)

    monkeypatch.setattr(fonts, "_family_registered", False)
    monkeypatch.setattr(fonts, "_loaded", {})
    monkeypatch.setattr(fonts, "TTFont", counting_ttfont)
    start = threading.Barrier(8)
    results: list[list[str]] = []

    def worker() -> None:
        start.wait()
        results.append(register_fonts())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(loaded) == sorted([BODY_FONT, BOLD_FONT])
    assert results == [[BODY_FONT, BOLD_FONT]] * 8


def test_sample_pdf_embeds_the_bundled_fonts_and_no_helvetica(tmp_path: Path) -> None:
    pdf = tmp_path / "sample.pdf"
    _render_sample(pdf)

    rows = fonts_of(pdf)

    assert rows, "no font found"
    names = [row.name for row in rows]
    assert all(row.embedded for row in rows), rows
    assert all(row.to_unicode for row in rows), rows
    assert not [name for name in names if "Helvetica" in name], names
    base_names = {name.split("+", 1)[-1] for name in names}
    assert base_names == {BODY_FONT, BOLD_FONT}


def test_sample_text_round_trips_through_text_extraction(tmp_path: Path) -> None:
    pdf = tmp_path / "sample.pdf"
    _render_sample(pdf)

    text = unicodedata.normalize("NFKC", pdftotext(pdf))

    assert unicodedata.normalize("NFKC", SAMPLE) in text
    assert "Total due" in text
    assert "\ufffd" not in text


@pytest.mark.parametrize(
    ("licence", "mentions"),
    [
        ("fonts/LICENSE-Noto.txt", "SIL Open Font License"),
        ("fonts/LICENSE-Nanum.txt", "SIL OPEN FONT LICENSE"),
        ("fonts/LICENSE-DroidSansFallback.txt", "Apache License"),
    ],
)
def test_script_fonts_carry_their_licences(licence: str, mentions: str) -> None:
    from ptf_desktop.resources import resource_path

    assert mentions in resource_path(licence).read_text(encoding="utf-8")


def test_every_script_font_registers_lazily_and_embeds(tmp_path: Path) -> None:
    for regular, bold in fonts.SCRIPT_FONTS.values():
        for name in (regular, bold):
            assert fonts.get_font(name) is pdfmetrics.getFont(name)
            assert fonts.get_font(name).face.charToGlyph
