"""Welcome and renewal reminder letters pass the document checks for every tricky name."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ptf_desktop.documents.layout import format_money
from ptf_desktop.documents.letters import render_renewal_reminder, render_welcome_letter
from ptf_desktop.domain.letters import (
    LetterParty,
    RenewalReminderLetter,
    WelcomeLetter,
    benefits_for,
)
from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.resources import resource_path

from helpers import pdf_checks

SENDER = LetterParty(
    "PyTorch Foundation",
    "Ada Lovelace",
    "Executive Director",
    ("548 Market St, PMB 57274", "San Francisco, CA 94104-5401"),
    "US",
)


def recipient(name: str, country: str = "DE", person: str = "Jürgen O'Brien") -> LetterParty:
    return LetterParty(
        name, person, "Head of Open Source", ("Königstraße 1", "70173 Stuttgart"), country
    )


def welcome(name: str, **changes: object) -> WelcomeLetter:
    return WelcomeLetter(
        date(2027, 1, 4),
        SENDER,
        recipient(name, **changes),  # type: ignore[arg-type]
        Tier.GENERAL,
        date(2027, 1, 1),
        date(2027, 12, 31),
        benefits_for(Tier.GENERAL),
    )


def reminder(name: str, **changes: object) -> RenewalReminderLetter:
    return RenewalReminderLetter(
        date(2027, 10, 15),
        SENDER,
        recipient(name, **changes),  # type: ignore[arg-type]
        Tier.PREMIER,
        date(2027, 12, 31),
        date(2028, 1, 1),
        date(2028, 12, 31),
        Money(Decimal("150000"), "USD"),
        date(2027, 12, 1),
        date(2028, 1, 31),
    )


def logo() -> Path:
    return resource_path("images/logo.png")


def test_welcome_letters_for_every_tricky_name(tricky_names: list[str], tmp_path: Path) -> None:
    for index, name in enumerate(tricky_names):
        pdf = tmp_path / f"welcome-{index}.pdf"
        person = "محمد العلي" if index % 3 == 0 else "Jürgen O'Brien"
        pdf.write_bytes(
            render_welcome_letter(
                welcome(name, country="US" if index % 2 else "FR", person=person), logo=logo()
            )
        )
        pdf_checks.check_document(
            pdf,
            expected_text=[
                name,
                person,
                "Welcome to PyTorch Foundation",
                "1 January 2027 to 31 December 2027",
                "4 January 2027",
                *benefits_for(Tier.GENERAL),
                "Ada Lovelace",
                "Executive Director",
                "Königstraße 1",
            ],
            title=f"Welcome letter: {name}",
            author="PyTorch Foundation",
            subject="General membership, 1 January 2027 to 31 December 2027",
            margin=30,
        )


def test_renewal_reminders_for_every_tricky_name(tricky_names: list[str], tmp_path: Path) -> None:
    for index, name in enumerate(tricky_names):
        pdf = tmp_path / f"reminder-{index}.pdf"
        pdf.write_bytes(
            render_renewal_reminder(
                reminder(name, country="CA" if index % 2 else "IN"), logo=logo()
            )
        )
        pdf_checks.check_document(
            pdf,
            expected_text=[
                name,
                "Renewal of your Premier membership",
                "ends on 31 December 2027",
                "USD 150,000.00",
                "1 December 2027",
                "31 January 2028",
                "1 January 2028 to 31 December 2028",
            ],
            one_line=["USD 150,000.00", "1 January 2028 to 31 December 2028"],
            title=f"Renewal reminder: {name}",
            author="PyTorch Foundation",
            subject="Premier membership renewal, 1 January 2028 to 31 December 2028",
            margin=30,
        )


def test_letters_use_the_recipients_paper_and_are_reproducible() -> None:
    import io

    import pypdf

    us = render_welcome_letter(welcome("AT&T Inc.", country="US"), logo=logo())
    de = render_welcome_letter(welcome("AT&T Inc.", country="DE"), logo=logo())
    assert round(pypdf.PdfReader(io.BytesIO(us)).pages[0].mediabox.height) == 792
    assert round(pypdf.PdfReader(io.BytesIO(de)).pages[0].mediabox.height) == 842
    assert render_welcome_letter(welcome("AT&T Inc.", country="US"), logo=logo()) == us


def test_amounts_are_written_with_their_currency_and_minor_units() -> None:
    assert format_money(Money(Decimal("150000"), "USD")) == "USD 150,000.00"
    assert format_money(Money(Decimal("1234.5"), "EUR")) == "EUR 1,234.50"
    assert format_money(Money(Decimal("5000"), "JPY")) == "JPY 5,000"


def test_every_tier_has_published_benefits_and_bad_reminders_are_refused() -> None:
    from dataclasses import replace

    assert all(benefits_for(tier) for tier in Tier)
    assert "Governing Board" in benefits_for(Tier.PREMIER)[0]
    with pytest.raises(ValueError, match="negative"):
        replace(reminder("X"), amount=Money(Decimal("-1"), "USD"))
    with pytest.raises(ValueError, match="ends before it starts"):
        replace(reminder("X"), next_term_end=date(2027, 6, 30))
