"""Draft invoices and quotes in windows beside the main window, as a person uses them."""

from __future__ import annotations

import os
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.money import Money
from ptf_desktop.services.billing.drafts import DraftLineSpec
from ptf_desktop.services.billing.quote_service import QuoteSpec
from ptf_desktop.services.register.global_search import INVOICE, QUOTE
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.billing.invoice_editor import InvoiceEditor
from ptf_desktop.ui.pages.billing.invoice_model import InvoiceTableModel
from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage
from ptf_desktop.ui.pages.billing.quote_editor import QuoteEditor
from ptf_desktop.ui.pages.billing.quotes_page import QuotesPage
from ptf_desktop.ui.pages.record_windows import open_record_windows, record_window

from conftest import click_button
from helpers.billing import add_organization, membership_spec
from helpers.billing_ui import use_plain_pdfs, when_dialog_opens

SHOTS = os.environ.get("PTF_SCREENSHOTS")  # a folder to save screenshots into, when set


@pytest.fixture
def window(qtbot: QtBot, context: Any, tmp_path: Path) -> MainWindow:
    """The main window on a fresh database, shown, its billing rendering plain PDFs."""
    from ptf_desktop.paths import AppPaths

    use_plain_pdfs(context)  # before the billing pages are built
    paths = AppPaths(data_dir=tmp_path, log_dir=tmp_path / "logs", database=context.path)
    main = MainWindow(context, paths)
    # A test that failed with edits in a window must not leave closing to ask about them:
    # the question would wait for an answer no one gives.
    qtbot.addWidget(main, before_close_func=_discard_edits)
    main.show()
    return main


def _discard_edits(_main: object) -> None:
    for record in open_record_windows():
        getattr(record, "discard_changes", lambda: None)()


def invoices_page(window: MainWindow) -> InvoicesPage:
    page = window.page("invoices")
    assert isinstance(page, InvoicesPage)
    return page


def quotes_page(window: MainWindow) -> QuotesPage:
    page = window.page("quotes")
    assert isinstance(page, QuotesPage)
    return page


def draft_for(context: Any, name: str, amount: str = "35000") -> uuid.UUID:
    invoice_id: uuid.UUID = context.invoices.create_draft(
        membership_spec(add_organization(context, name), amount)
    )
    return invoice_id


def quote_for(context: Any, name: str, price: str = "900") -> uuid.UUID:
    line = DraftLineSpec("Workshop", Decimal(1), Money(Decimal(price), "USD"))
    spec = QuoteSpec(add_organization(context, name), "USD", date.today() + timedelta(30), (line,))
    quote_id: uuid.UUID = context.quotes.create_draft(spec)
    return quote_id


def open_invoice(qtbot: QtBot, page: InvoicesPage, invoice_id: uuid.UUID) -> InvoiceEditor:
    """Select a draft in the list and press Enter on it, as a person would."""
    page.refresh()
    assert page.select(invoice_id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = draft_window(qtbot, INVOICE, invoice_id)
    assert isinstance(editor, InvoiceEditor) and editor.invoice_id == invoice_id
    return editor


def open_quote(qtbot: QtBot, page: QuotesPage, quote_id: uuid.UUID) -> QuoteEditor:
    page.refresh(quote_id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = draft_window(qtbot, QUOTE, quote_id)
    assert isinstance(editor, QuoteEditor) and editor.quote_id == quote_id
    return editor


def draft_window(qtbot: QtBot, kind: str, draft_id: uuid.UUID) -> Any:
    qtbot.waitUntil(lambda: (w := record_window((kind, draft_id))) is not None and w.isVisible())
    return record_window((kind, draft_id))


def set_price(editor: InvoiceEditor | QuoteEditor, price: str) -> None:
    lines = editor.form.lines
    lines.setData(lines.index(0, lines.UNIT_PRICE), price)


def totals(page: InvoicesPage | QuotesPage, column: int) -> dict[str, str]:
    proxy = page.proxy
    return {
        proxy.index(r, 1).data(): proxy.index(r, column).data() for r in range(proxy.rowCount())
    }


def test_two_drafts_open_side_by_side_and_the_main_window_stays_usable(
    qtbot: QtBot, window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    first_name, second_name = tricky_names[0], tricky_names[3]
    first_id, second_id = draft_for(context, first_name), draft_for(context, second_name)
    page = invoices_page(window)
    first = open_invoice(qtbot, page, first_id)
    assert not first.isModal() and QApplication.activeModalWidget() is None
    second = open_invoice(qtbot, page, second_id)
    assert second is not first and first.isVisible() and second.isVisible()
    assert first.windowTitle() == f"Draft invoice \u2013 {first_name}"
    assert second.windowTitle() == f"Draft invoice \u2013 {second_name}"
    assert second.pos() != first.pos()  # beside the first, not on top of it
    again = open_invoice(qtbot, page, first_id)
    assert again is first  # the same draft raises its window, no second one
    assert [w for w in open_record_windows() if isinstance(w, InvoiceEditor)] == [first, second]
    # The main window answers while both are open: the list, the other areas.
    page.status_filter.setCurrentIndex(page.status_filter.findText("Draft"))
    assert page.proxy.rowCount() == 2
    window.page("quotes")
    assert window.pages.currentWidget() is window.built_page("quotes")
    if SHOTS:
        first.grab().save(str(Path(SHOTS) / "draft-invoice-window.png"))
    first.close()
    second.close()


def test_saving_in_the_window_refreshes_the_list_and_selects_the_draft(
    qtbot: QtBot, window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    name = tricky_names[5]
    invoice_id = draft_for(context, name, "1000")
    page = invoices_page(window)
    editor = open_invoice(qtbot, page, invoice_id)
    page.table.clearSelection()
    set_price(editor, "1,250.00")
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves
    assert totals(page, InvoiceTableModel.TOTAL)[name] == "1,250.00"
    assert editor.isVisible() and not editor.has_unsaved_changes()  # saved, still open
    assert [invoice.id for invoice in page.selected()] == [invoice_id]
    editor.close()  # nothing left unsaved: no question
    gone(qtbot, editor)
    assert [invoice.id for invoice in page.selected()] == [invoice_id]
    assert window.statusBar().currentMessage() == "Saved the draft invoice"
    assert context.invoices.get(invoice_id).summary.total.amount == Decimal("1250.00")


def test_closing_with_unsaved_edits_asks_cancel_stays_save_stores(
    qtbot: QtBot, window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    name = tricky_names[7]
    invoice_id = draft_for(context, name, "1000")
    page = invoices_page(window)
    editor = open_invoice(qtbot, page, invoice_id)
    editor.close()  # nothing changed: it closes without a question
    gone(qtbot, editor)
    editor = open_invoice(qtbot, page, invoice_id)
    set_price(editor, "2000")
    asked: list[str] = []

    def cancel(box: QMessageBox) -> None:
        asked.append(box.text())
        click_button(box, "Cancel")

    when_dialog_opens(qtbot, QMessageBox, cancel)
    editor.close()
    assert asked == [f"Draft invoice \u2013 {name} has changes that are not saved. Save them?"]
    assert editor.isVisible()  # Cancel: still open, with the edit
    assert editor.form.lines.lines()[0].unit_price == "2000"
    when_dialog_opens(qtbot, QMessageBox, lambda box: click_button(box, "Save"))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    gone(qtbot, editor)
    assert context.invoices.get(invoice_id).summary.total.amount == Decimal("2000")
    assert totals(page, InvoiceTableModel.TOTAL)[name] == "2,000.00"


def gone(qtbot: QtBot, editor: Any) -> None:
    """Wait until a window is closed and gone (deleted: opening its draft makes a new one)."""
    qtbot.waitUntil(lambda: not _alive(editor))
    assert editor not in open_record_windows()


def _alive(widget: Any) -> bool:
    from shiboken6 import isValid

    return bool(isValid(widget))


def test_issuing_a_draft_with_edits_in_its_window_asks_then_closes_the_window(
    qtbot: QtBot, window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    name = tricky_names[1]
    invoice_id = draft_for(context, name, "1000")
    page = invoices_page(window)
    editor = open_invoice(qtbot, page, invoice_id)
    set_price(editor, "1500")
    page.select(invoice_id)
    questions: list[str] = []

    def save_then_issue(box: QMessageBox) -> None:
        questions.append(box.text())
        click_button(box, "Save")
        when_dialog_opens(qtbot, QMessageBox, issue)

    def issue(box: QMessageBox) -> None:
        questions.append(box.text())
        click_button(box, "Issue")

    when_dialog_opens(qtbot, QMessageBox, save_then_issue)
    page.buttons["issue"].click()
    qtbot.waitUntil(lambda: not page.work.busy())
    assert questions[0].endswith("has changes that are not saved. Save them?")
    assert "can no longer be changed" in questions[1]
    gone(qtbot, editor)
    issued = context.invoices.get(invoice_id).summary
    assert issued.number and issued.total.amount == Decimal("1500")  # the edit was issued
    assert not [w for w in open_record_windows() if isinstance(w, InvoiceEditor)]


def test_the_record_and_the_list_open_the_same_window_and_a_save_there_reaches_the_list(
    qtbot: QtBot, window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    from ptf_desktop.ui.pages.record_opener import open_document

    name = tricky_names[2]
    invoice_id = draft_for(context, name, "1000")
    page = invoices_page(window)
    from_list = open_invoice(qtbot, page, invoice_id)
    from_search = open_document(context, INVOICE, invoice_id, window)  # Ctrl+K, Enter
    assert from_search is from_list
    from_list.close()
    gone(qtbot, from_list)
    editor = open_document(context, INVOICE, invoice_id, window)
    assert isinstance(editor, InvoiceEditor) and editor is not from_list
    assert editor.fee_button.isEnabled()  # the fee schedule, as from the list
    set_price(editor, "3000")
    editor.save_button.click()
    # The window announced the change: the list on screen read the invoices again.
    qtbot.waitUntil(lambda: totals(page, InvoiceTableModel.TOTAL).get(name) == "3,000.00")


def test_a_new_draft_window_becomes_the_drafts_window_once_saved(
    qtbot: QtBot, window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    from ptf_desktop.ui.pages.billing.draft_windows import show_invoice_draft, show_new_invoice

    name = tricky_names[6]
    organization = add_organization(context, name)
    page = invoices_page(window)
    editor = show_new_invoice(context, organization, window, on_saved=page._on_draft_saved)
    lines = editor.form.lines
    lines.setData(lines.index(0, lines.DESCRIPTION), "Training day")
    set_price(editor, "800")
    assert editor.save_changes()  # stored, the window still open
    assert editor.invoice_id is not None
    assert show_invoice_draft(context, editor.invoice_id, window) is editor
    assert totals(page, InvoiceTableModel.TOTAL)[name] == "800.00"
    editor.close()


def test_quote_drafts_open_beside_each_other_and_sending_closes_the_window(
    qtbot: QtBot, window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    first_name, second_name = tricky_names[8], tricky_names[4]
    first_id, second_id = quote_for(context, first_name), quote_for(context, second_name)
    page = quotes_page(window)
    first = open_quote(qtbot, page, first_id)
    second = open_quote(qtbot, page, second_id)
    assert first is not second and first.isVisible() and second.isVisible()
    assert second.pos() != first.pos()
    assert QApplication.activeModalWidget() is None
    assert open_quote(qtbot, page, first_id) is first
    set_price(second, "1200")
    second.save_button.click()
    gone(qtbot, second)
    assert totals(page, 4)[second_name] == "1,200.00"
    assert window.statusBar().currentMessage() == "Saved the draft quote"
    page.refresh(first_id)
    when_dialog_opens(qtbot, QMessageBox, lambda box: click_button(box, "Mark sent"))
    page.buttons["send"].click()
    qtbot.waitUntil(lambda: not page.work.busy())
    gone(qtbot, first)
    assert context.quotes.get(first_id).summary.number


def test_the_windows_close_when_the_main_window_switches_database(
    qtbot: QtBot, window: MainWindow, context: Any, tmp_path: Path, tricky_names: list[str]
) -> None:
    from ptf_desktop.services.context import open_context

    invoice_id = draft_for(context, tricky_names[0])
    quote_id = quote_for(context, tricky_names[1])
    open_invoice(qtbot, invoices_page(window), invoice_id)
    open_quote(qtbot, quotes_page(window), quote_id)
    assert len(open_record_windows()) == 2
    other = open_context(tmp_path / "other.sqlite")
    window.switch_context(other)
    qtbot.waitUntil(lambda: open_record_windows() == [])


def test_closing_the_app_with_edits_in_a_draft_window_asks_and_cancel_keeps_both_open(
    qtbot: QtBot, window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    invoice_id = draft_for(context, tricky_names[9], "1000")
    editor = open_invoice(qtbot, invoices_page(window), invoice_id)
    set_price(editor, "4000")
    when_dialog_opens(qtbot, QMessageBox, lambda box: click_button(box, "Cancel"))
    window.close()
    assert window.isVisible() and editor.isVisible()  # nothing closed, the edit kept
    assert editor.form.lines.lines()[0].unit_price == "4000"
    when_dialog_opens(qtbot, QMessageBox, lambda box: click_button(box, "Save"))
    window.close()
    assert not window.isVisible()
    gone(qtbot, editor)
    assert context.invoices.get(invoice_id).summary.total.amount == Decimal("4000")


def test_a_draft_is_saved_and_issued_from_its_window_and_the_list_shows_its_number(
    qtbot: QtBot, window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    name = tricky_names[0]  # AT&T Inc.
    invoice_id = draft_for(context, name, "1000")
    page = invoices_page(window)
    editor = open_invoice(qtbot, page, invoice_id)
    set_price(editor, "1,100.00")
    asked: list[str] = []

    def issue(box: QMessageBox) -> None:
        asked.append(box.text())
        click_button(box, "Issue")

    when_dialog_opens(qtbot, QMessageBox, issue)
    editor.issue_button.click()
    gone(qtbot, editor)
    assert asked[0].startswith("Warning: ")  # the service's warnings, as from the list
    assert f"Issue the draft for {name}?" in asked[0]
    issued = context.invoices.get(invoice_id).summary
    assert issued.number and issued.total.amount == Decimal("1100.00")  # saved, then issued
    qtbot.waitUntil(lambda: page.proxy.index(0, InvoiceTableModel.NUMBER).data() == issued.number)
    assert window.statusBar().currentMessage() == f"Issued {issued.number} for {name}"
