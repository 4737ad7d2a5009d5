"""Keyboard and feedback: Ctrl+1..N, the shortcuts list, F1's guide, Ctrl+P, the status bar.

Quotes save a copy, write an e-mail draft with the PDF attached, and print, as invoices do.
"""

from __future__ import annotations

import email
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.money import Money
from ptf_desktop.services.billing.drafts import DraftLineSpec
from ptf_desktop.services.billing.quote_service import QuoteSpec
from ptf_desktop.ui import file_dialogs, shortcuts
from ptf_desktop.ui.feedback import say
from ptf_desktop.ui.help.shortcuts_dialog import menu_shortcuts
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages import AREAS
from ptf_desktop.ui.pages.billing.quotes_page import QuotesPage

from helpers.billing import add_organization
from helpers.billing_ui import use_plain_pdfs


def test_ctrl_and_a_number_opens_each_area_in_sidebar_order(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    actions = main_window.shortcuts.area_actions
    assert len(actions) == main_window.navigation.count() == len(AREAS)
    for row, action in enumerate(actions):
        assert action.shortcuts() == [QKeySequence(f"Ctrl+{row + 1}")]
        assert action.text() == AREAS[row].title
    actions[4].trigger()
    assert main_window.navigation.currentRow() == 4
    actions[0].trigger()
    assert main_window.navigation.currentRow() == 0


def test_the_shortcuts_list_is_read_from_the_menus(main_window: MainWindow) -> None:
    listed = dict((what, keys) for keys, what in menu_shortcuts(main_window))
    assert listed["View > Go to > Renewals"] == "Ctrl+4"  # after Contacts
    assert listed["File > Print"] == "Ctrl+P"
    assert listed["Help > User guide"] == "F1"
    assert listed["View > Refresh"] == "F5"


def test_f1_opens_the_guide_shipped_with_the_app(qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.shortcuts.show_guide()
    guide = main_window.shortcuts.guide
    assert guide is not None and guide.isVisible() and not guide.isModal()
    text = guide.browser.toPlainText()
    assert "PTF Desktop: a short guide" in text and "Ctrl+P" in text


def test_ctrl_p_prints_the_list_on_screen(
    qtbot: QtBot, main_window: MainWindow, pdf_printer: Path
) -> None:
    add_organization(main_window.context, "Acme Robotics GmbH")
    page = main_window.page("organizations")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # type: ignore[attr-defined]
    main_window.shortcuts.print_action.trigger()
    text = subprocess.run(
        ["pdftotext", str(pdf_printer), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Organizations" in text and "Acme Robotics GmbH" in text
    assert main_window.statusBar().currentMessage() == "Printed the Organizations list"


def test_the_status_bar_says_what_was_done_then_clears(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shortcuts, "SHOWN_MS", 200)
    say("Issued INV-2027-0012")
    assert main_window.statusBar().currentMessage() == "Issued INV-2027-0012"
    qtbot.waitUntil(lambda: main_window.statusBar().currentMessage() == "", timeout=3000)


@pytest.fixture
def quotes(qtbot: QtBot, context: Any) -> QuotesPage:
    use_plain_pdfs(context)
    organization = add_organization(context, "Ünïcødé & Söhne <Research>")
    line = DraftLineSpec("Training", Decimal(1), Money(Decimal("900"), "USD"))
    valid = date.today() + timedelta(days=30)
    quote = context.quotes.create_draft(QuoteSpec(organization, "USD", valid, (line,)))
    page = QuotesPage(context)
    qtbot.addWidget(page)
    page.show()
    page.refresh(quote)
    return page


def test_a_quote_is_saved_as_a_copy_and_printed(
    qtbot: QtBot, quotes: QuotesPage, tmp_path: Path, pdf_printer: Path, monkeypatch: Any
) -> None:
    chosen = tmp_path / "copy"
    monkeypatch.setattr(
        file_dialogs, "get_save_file_name", lambda *_args: (str(chosen), "PDF files (*.pdf)")
    )
    assert quotes.buttons["save"].isEnabled() and quotes.buttons["print"].isEnabled()
    quotes.buttons["save"].click()
    assert chosen.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    quotes.buttons["print"].click()
    assert pdf_printer.read_bytes().startswith(b"%PDF")


def test_a_quotes_email_draft_needs_a_billing_address_and_carries_the_pdf(
    qtbot: QtBot, quotes: QuotesPage, tmp_path: Path, monkeypatch: Any
) -> None:
    from ptf_desktop.ui.pages.billing import document_actions

    details = quotes.context.quotes.get(quotes.model.quote_at(0).id)
    seller = quotes.context.settings.load()
    with pytest.raises(Exception, match="no billing e-mail"):
        document_actions.save_email_draft(b"%PDF-1.7", details, seller, tmp_path / "q")
    billed = details.__class__(
        **{**details.__dict__, "bill_to": details.bill_to.__class__(
            **{**details.bill_to.__dict__, "email": "ap@example.org"}
        )}
    )  # fmt: skip
    written = document_actions.save_email_draft(b"%PDF-1.7", billed, seller, tmp_path / "q")
    message = email.message_from_bytes(written.read_bytes())
    assert "ap@example.org" in message["To"] and message["X-Unsent"] == "1"
    attachments = [part.get_filename() for part in message.walk() if part.get_filename()]
    assert attachments == [document_actions.quote_file_name(billed)]


def test_a_new_draft_invoice_prices_membership_from_the_fee_schedule(
    qtbot: QtBot, context: Any
) -> None:
    from ptf_desktop.ui.pages.billing.bill_to import bill_to_of
    from ptf_desktop.ui.pages.billing.fee_lines_dialog import FeeLinesDialog
    from ptf_desktop.ui.pages.billing.invoice_editor import InvoiceEditor

    from helpers.billing_ui import when_dialog_opens

    organization = add_organization(context, "Acme Robotics GmbH")
    year = date.today().year + 1
    price = context.fees.price_organization(
        organization, date(year, 1, 1), date(year, 12, 31), "general"
    )
    editor = InvoiceEditor(
        context.invoices,
        organization_id=organization,
        bill_to=bill_to_of(context.organizations.get(organization)),
        fees=context.fees,
        today=date.today(),
    )
    qtbot.addWidget(editor)
    assert editor.fee_button.text() == "Membership from fee schedule…"

    def general(dialog: FeeLinesDialog) -> None:
        dialog.tier.setCurrentIndex(dialog.tier.findText("General"))
        dialog.buttons.accepted.emit()

    when_dialog_opens(qtbot, FeeLinesDialog, general)
    editor.fee_button.click()
    descriptions = [line.description for line in editor.form.lines.lines()]
    assert descriptions == [line.description for line in price.lines] != []
