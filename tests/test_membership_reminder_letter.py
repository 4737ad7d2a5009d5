"""The renewal reminder reads the member's real state: its invoice, dates and deadlines."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot
from test_gui_member_letters import chosen_folder, open_membership_tab, pdf_text

from ptf_desktop.domain.errors import UserError
from ptf_desktop.services.context import AppContext

from helpers import pdf_checks
from helpers.billing import configure_seller
from helpers.certificates import add_member, configure_signatory

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

__all__ = ["chosen_folder"]  # the folder-dialog fixture, shared with the letters' GUI tests


@pytest.fixture
def member(context: AppContext, tricky_names: list[str]) -> Any:
    """A General member of 2026 (an LF member: no LF line) with a billing contact."""
    configure_signatory(context)
    configure_seller(context)
    organization, _ = add_member(
        context, tricky_names[4].strip(), start=date(2026, 1, 1), lf_membership="silver"
    )
    context.organizations.add_contact(
        organization, {"name": "Pat Billing", "email": "pat@example.com", "roles": ["billing"]}
    )
    return organization


def _text(context: AppContext, organization: Any, day: date, folder: Path) -> str:
    letter = context.letters.renewal_reminder(organization, on=day)
    [pdf, _eml] = letter.save(folder)
    return pdf_checks.normalise(pdf_checks.pdftotext(pdf))


def test_before_anything_is_sent_the_letter_announces_the_invoice(
    context: AppContext, member: Any, tmp_path: Path
) -> None:
    text = _text(context, member, date(2026, 10, 1), tmp_path)
    assert "Next term 1 January 2027 to 31 December 2027" in text
    assert "Written notice of non-renewal by 1 December 2026" in text
    assert "Renewal invoice payable by 31 January 2027" in text
    assert "We will send the renewal invoice before the new term starts." in text
    assert "please tell us in writing by 1 December 2026" in text


def test_after_the_invoice_is_issued_the_letter_refers_to_it(
    context: AppContext, member: Any, tmp_path: Path
) -> None:
    context.renewal_preparation.prepare(2027)
    [draft] = context.invoices.list("draft")
    invoice = context.invoices.issue(draft.id, date(2026, 12, 7))
    number = str(invoice.number)

    text = _text(context, member, date(2026, 12, 7), tmp_path)

    assert f"Renewal invoice {number} payable by 6 January 2027" in text
    assert "31 January 2027" not in text
    assert f"We sent the renewal invoice {number} on 7 December 2026" in text
    assert "We will send" not in text
    # 1 December 2026 is before the letter: it is not a deadline still to meet.
    assert "tell us in writing by 1 December 2026" not in text
    assert "deadline passed on 1 December 2026; for the following term: by 1 December 2027" in (
        text
    )
    assert "has passed, so the membership renews for the next term" in text
    assert f"USD {invoice.total.amount:,}" in text


def test_a_paid_renewal_is_thanked_for(context: AppContext, member: Any, tmp_path: Path) -> None:
    context.renewal_preparation.prepare(2027)
    [draft] = context.invoices.list("draft")
    invoice = context.invoices.issue(draft.id, date(2026, 11, 2))
    context.payments.record(str(invoice.number), invoice.total.amount, date(2026, 11, 20))
    text = _text(context, member, date(2026, 11, 25), tmp_path)
    assert f"Renewal invoice {invoice.number} paid, thank you" in text
    assert "We will send" not in text and "payable by" not in text


def test_a_member_that_gave_notice_gets_no_reminder(context: AppContext, member: Any) -> None:
    context.renewals.mark_non_renewing(member, date(2026, 11, 1))
    with pytest.raises(UserError, match="gave notice of non-renewal on 2026-11-01"):
        context.letters.renewal_reminder(member, on=date(2026, 11, 5))


def test_the_reminder_written_from_the_editor_names_the_issued_invoice(
    qtbot: QtBot, context: AppContext, chosen_folder: list[Path]
) -> None:
    """A person writes the reminder of a member whose renewal invoice went out today."""
    configure_signatory(context)
    configure_seller(context)
    this_year = date.today().year
    organization, _ = add_member(
        context, "Reminded GmbH", start=date(this_year, 1, 1), lf_membership="silver"
    )
    context.renewal_preparation.prepare(this_year + 1)
    [draft] = context.invoices.list("draft")
    number = str(context.invoices.issue(draft.id).number)
    dialog = open_membership_tab(qtbot, context, QUndoStack(), organization)
    tab = dialog.membership_tab

    qtbot.mouseClick(tab.letters.buttons["renewal reminder"], Qt.MouseButton.LeftButton)

    assert tab.letters.message.text().startswith("Wrote ")
    text = pdf_checks.normalise(pdf_text(next(chosen_folder[0].glob("*.pdf"))))
    assert f"We sent the renewal invoice {number} on" in text
    assert "We will send" not in text
