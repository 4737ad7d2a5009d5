"""Every script right on paper: wrapped right-to-left names and the words around them.

Also: documents are refused, rather than printed with empty boxes, when a character has
no glyph in any bundled font.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from certificate_samples import render, sample_document
from test_letters import logo, reminder, welcome

from ptf_desktop.documents.certificate import printed_lines
from ptf_desktop.documents.coverage import UndrawableTextError, missing_characters
from ptf_desktop.documents.letters import render_renewal_reminder, render_welcome_letter
from ptf_desktop.documents.render import render_credit_note, render_invoice, render_quote
from ptf_desktop.documents.report_pdf import render_report_pdf
from ptf_desktop.domain.letters import benefits_for
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.domain.reports import Column, ColumnType, ReportMetadata, make_report

from helpers import documents, glyph_checks, pdf_checks

LONG_ARABIC = (
    "جامعة الملك عبد الله للعلوم والتقنية في ثول بالمملكة العربية السعودية "
    "ومعهد البحوث المتقدمة للذكاء الاصطناعي والتعلم الآلي والحوسبة عالية الأداء"
)
UNDRAWABLE = "Ankh 𓋹 Heritage Society"
"""Egyptian hieroglyphs: no bundled font has them."""


def _write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _reads_in_order(pdf: Path, text: str) -> None:
    """The text's words, read line by line top down, come in the typed order."""
    lines = glyph_checks.visual_lines(glyph_checks.check_glyphs(pdf))
    words = text.split()
    joined = " ".join(" ".join(line.split()) for line in lines)
    assert " ".join(words) in joined, lines


def test_a_wrapped_arabic_name_reads_in_order_on_a_credit_note(tmp_path: Path) -> None:
    pdf = _write(tmp_path, "credit.pdf", render_credit_note(documents.credit_note(LONG_ARABIC)))

    _reads_in_order(pdf, LONG_ARABIC)
    name_lines = [
        line for line in glyph_checks.visual_lines(glyph_checks.drawn_runs(pdf)) if "جامعة" in line
    ]
    assert name_lines and not name_lines[0].startswith("والحوسبة")


def test_a_wrapped_arabic_name_reads_in_order_in_a_welcome_letter(tmp_path: Path) -> None:
    pdf = _write(tmp_path, "welcome.pdf", render_welcome_letter(welcome(LONG_ARABIC), logo=logo()))

    _reads_in_order(pdf, LONG_ARABIC)


@pytest.mark.parametrize(
    ("tier", "wording"),
    [(Tier.ASSOCIATE, "as an Associate member"), (Tier.GENERAL, "as a General member")],
)
def test_the_welcome_letter_uses_the_right_article(
    tier: Tier, wording: str, tmp_path: Path
) -> None:
    letter = welcome("AT&T Inc.")
    letter = type(letter)(**{**letter.__dict__, "tier": tier, "benefits": benefits_for(tier)})

    pdf = _write(tmp_path, "welcome.pdf", render_welcome_letter(letter, logo=logo()))

    text = pdf_checks.normalise(pdf_checks.pdftotext(pdf))
    assert wording in text
    assert f"As {wording.split()[1]} {tier.value.capitalize()} member" in text


def test_the_certificate_says_an_associate_member(tmp_path: Path) -> None:
    document = sample_document(tier="Associate")

    pdf = _write(tmp_path, "certificate.pdf", render(document))

    text = pdf_checks.normalise(pdf_checks.pdftotext(pdf))
    assert "is an Associate Member of PyTorch Foundation" in text
    assert printed_lines(document)["tier"] == "Associate Member"


def test_a_character_no_font_has_is_named_with_its_script() -> None:
    (missing,) = missing_characters(UNDRAWABLE)

    assert missing.char == "𓋹"
    assert "EGYPTIAN HIEROGLYPH" in missing.name
    assert missing.script == "Egyptian Hieroglyphs"
    assert missing_characters("มหาวิทยาลัยมหิดล አዲስ አበባ 华为 삼성") == []


@pytest.mark.parametrize(
    "make",
    [
        lambda: render_invoice(documents.invoice(UNDRAWABLE)),
        lambda: render_quote(documents.quote(UNDRAWABLE)),
        lambda: render_credit_note(documents.credit_note(UNDRAWABLE)),
        lambda: render(sample_document(legal_name=UNDRAWABLE)),
        lambda: render_welcome_letter(welcome(UNDRAWABLE), logo=logo()),
        lambda: render_renewal_reminder(reminder(UNDRAWABLE), logo=logo()),
        lambda: render_report_pdf(
            make_report(
                "Member list", (Column("Organization", ColumnType.TEXT),), [(UNDRAWABLE,)], ""
            ),
            ReportMetadata("PyTorch Foundation", "US"),
        ),
    ],
    ids=["invoice", "quote", "credit note", "certificate", "welcome", "reminder", "report"],
)
def test_every_document_refuses_a_character_no_font_can_draw(make: object) -> None:
    with pytest.raises(UndrawableTextError, match=r"U\+132F9 EGYPTIAN HIEROGLYPH .*Egyptian"):
        make()  # type: ignore[operator]


def test_the_refusal_message_names_the_document_and_the_text() -> None:
    with pytest.raises(UndrawableTextError) as refused:
        render_invoice(documents.invoice(UNDRAWABLE))

    message = str(refused.value)
    assert message.startswith(f"The invoice for {UNDRAWABLE} cannot be made")
    assert "𓋹" in message and repr(UNDRAWABLE) in message
