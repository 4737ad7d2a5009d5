"""The organization record as a person uses it: all about a member, in windows of its own."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.billing.invoice_editor import InvoiceEditor
from ptf_desktop.ui.pages.billing.pdf_preview import PdfPreview
from ptf_desktop.ui.pages.organizations.editor import OrganizationEditorDialog
from ptf_desktop.ui.pages.organizations.list_page import OrganizationsPage
from ptf_desktop.ui.pages.record_windows import open_record_windows

from helpers.billing import add_organization
from helpers.member_record import full_member

SHOTS = os.environ.get("PTF_SCREENSHOTS")  # a folder to save screenshots into, when set


def open_from_list(qtbot: QtBot, window: MainWindow, name: str) -> OrganizationEditorDialog:
    page = window.page("organizations")
    assert isinstance(page, OrganizationsPage)
    page.refresh()
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data() == name)
    page.table.setFocus()
    page.table.selectRow(row)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(_record_named(w, name) for w in open_record_windows()))
    return next(w for w in open_record_windows() if _record_named(w, name))


def _record_named(window: object, name: str) -> bool:
    return isinstance(window, OrganizationEditorDialog) and window.title.text() == name


def table_texts(table: QTableView, column: int = 0) -> list[str]:
    model = table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def activate(qtbot: QtBot, table: QTableView, text: str) -> None:
    row = table_texts(table).index(text)
    table.setFocus()
    table.selectRow(row)
    qtbot.keyClick(table, Qt.Key.Key_Return)


def test_the_record_shows_billing_and_certificates_each_opening_its_document(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    name = tricky_names[2]  # <Holding> & Sons "Quoted" Ltd.
    record = full_member(context, name)
    dialog = open_from_list(qtbot, main_window, name)
    assert QApplication.activeModalWidget() is None  # the main window is not blocked
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Organization", "Contacts", "Membership", "Billing", "Certificates",
        "Testimonials", "History",
    ]  # fmt: skip
    dialog.show_tab("Billing")
    billing = dialog.billing_tab
    assert billing.balance.text() == "Balance owed: USD 500.00"
    assert table_texts(billing.invoices.table) == [record.invoice_number, "Draft"]
    assert billing.invoices.heading.text() == "Invoices (2)"
    assert table_texts(billing.quotes.table) == [record.quote_number]
    assert table_texts(billing.credit_notes.table) == [record.credit_note_number]
    assert table_texts(billing.payments.table, 2) == ["USD 300.00"]
    if SHOTS:
        dialog.resize(1000, 720)
        dialog.grab().save(os.path.join(SHOTS, "organization-record-billing.png"))

    activate(qtbot, billing.invoices.table, record.invoice_number)
    preview = _window_of(qtbot, PdfPreview, f"Invoice {record.invoice_number} — {name}")
    assert preview.document.pageCount() >= 1
    activate(qtbot, billing.invoices.table, "Draft")
    editor = _window_of(qtbot, InvoiceEditor, f"Draft invoice \u2013 {name}")
    assert not editor.isModal()

    dialog.show_tab("Certificates")
    certificates = dialog.certificates_tab
    assert table_texts(certificates.table) == [record.certificate_number]
    assert certificates.summary.text().startswith("1 issued, 1 valid")
    activate(qtbot, certificates.table, record.certificate_number)
    _window_of(qtbot, PdfPreview, f"Certificate {record.certificate_number} (valid) — {name}")
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, "organization-record-certificates.png"))


def _window_of(qtbot: QtBot, kind: type, title: str) -> Any:
    def found() -> Any:
        return next(
            (w for w in open_record_windows() if isinstance(w, kind) and w.windowTitle() == title),
            None,
        )

    qtbot.waitUntil(lambda: found() is not None and found().isVisible())
    return found()


def test_opening_a_record_twice_raises_it_and_a_second_opens_beside(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    first_name, second_name = tricky_names[4], tricky_names[9]
    add_organization(context, first_name)
    add_organization(context, second_name)
    first = open_from_list(qtbot, main_window, first_name)
    again = open_from_list(qtbot, main_window, first_name)
    assert again is first
    assert [w for w in open_record_windows() if isinstance(w, OrganizationEditorDialog)] == [first]
    second = open_from_list(qtbot, main_window, second_name)
    assert second is not first and second.isVisible() and first.isVisible()
    assert second.pos() != first.pos()  # beside, not on top of it
    assert QApplication.activeModalWidget() is None
    main_window.page("invoices")  # the main window is usable with records open
    assert main_window.pages.currentWidget() is main_window.built_page("invoices")


def test_the_billing_tab_follows_a_payment_made_elsewhere(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    from ptf_desktop.ui.changes import Changes, announce

    name = tricky_names[5]
    record = full_member(context, name)
    dialog = open_from_list(qtbot, main_window, name)
    dialog.show_tab("Billing")
    assert dialog.billing_tab.balance.text() == "Balance owed: USD 500.00"
    context.payments.record(record.invoice_number, "500", record_day())
    announce(Changes.PAYMENTS)
    qtbot.waitUntil(lambda: dialog.billing_tab.balance.text() == "Balance: nothing owed")


def record_day() -> Any:
    from helpers.member_record import DAY

    return DAY
