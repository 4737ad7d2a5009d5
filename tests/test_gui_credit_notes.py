"""The Credit notes tab of the Invoices page: list, search, PDF preview, copies, the invoice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from ptf_desktop.services.billing.records import InvoiceSummary
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui import file_dialogs
from ptf_desktop.ui.pages.billing.credit_note_model import CreditNoteTableModel
from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage

from helpers.billing import add_organization, membership_spec
from helpers.billing_ui import use_plain_pdfs

TRICKY = 'R&D <b>Labs</b> "Ünïcødé" 株式会社'


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> InvoicesPage:
    use_plain_pdfs(context)
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def issued(context: AppContext, name: str, amount: str = "1000") -> InvoiceSummary:
    organization = add_organization(context, name)
    return context.invoices.issue(
        context.invoices.create_draft(membership_spec(organization, amount))
    )


def rows(page: InvoicesPage) -> list[list[str]]:
    proxy = page.credit_notes.proxy
    return [
        [proxy.index(row, column).data() for column in range(proxy.columnCount())]
        for row in range(proxy.rowCount())
    ]


def test_an_invoices_credit_notes_are_listed_previewed_and_lead_back_to_the_invoice(
    qtbot: QtBot, context: AppContext, page: InvoicesPage, tmp_path: Path, qtmodeltester: Any
) -> None:
    first = issued(context, TRICKY)
    second = issued(context, "Acme Robotics GmbH", "500")
    partial = context.credit_notes.create(first.number or "", "Discount agreed", "250")
    context.credit_notes.cancel(second.id, "Membership withdrawn")
    page.refresh(first.id)
    assert page.buttons["credit_notes"].isEnabled()

    page.buttons["credit_notes"].click()

    view = page.credit_notes
    assert page.tabs.currentWidget() is view
    assert view.banner.isVisible()
    assert view.banner.text.text() == f"Showing only the credit notes of invoice {first.number}"
    day = page.credit_notes.model.text(partial, CreditNoteTableModel.DATE)
    assert rows(page) == [
        [partial.number, day, first.number, TRICKY, "USD 250.00", "Discount agreed"]
    ]
    assert view.current() == partial  # the only one is selected, ready to preview
    qtmodeltester.check(view.model)
    page.grab().save(str(tmp_path / "credit-notes-of-invoice.png"))

    view.buttons["preview"].click()
    preview = view.preview
    assert preview is not None and preview.isVisible()
    assert preview.document.status() == QPdfDocument.Status.Ready
    assert preview.windowTitle() == f"Credit note {partial.number} \u2013 {TRICKY}"
    assert partial.number in preview.document.getAllText(0).text()
    preview.close()

    view.banner.clear_button.click()
    assert not view.banner.isVisible()
    assert [row[2] for row in rows(page)] == [first.number, second.number]
    qtbot.keyClicks(view.search, "withdrawn")
    assert [row[0] for row in rows(page)] == [context.credit_notes.list(second.id)[0].number]
    assert view.count_label.text() == "1 of 2 credit notes"

    view.table.selectRow(0)
    view.buttons["invoice"].click()
    assert page.tabs.currentIndex() == 0
    assert [invoice.id for invoice in page.selected()] == [second.id]


def test_a_credit_note_is_opened_and_saved_as_its_stored_pdf(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, context: AppContext, page: InvoicesPage
) -> None:
    invoice = issued(context, TRICKY)
    note = context.credit_notes.cancel(invoice.id, "Duplicate invoice")
    page.tabs.setCurrentWidget(page.credit_notes)
    view = page.credit_notes
    assert not view.buttons["preview"].isEnabled()  # nothing selected yet
    view.table.selectRow(0)
    stored = context.credit_notes.pdf(note.number)

    opened: list[Any] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    view.buttons["open"].click()
    path = Path(opened[0].toLocalFile())
    assert path.read_bytes() == stored
    assert path.name.startswith(note.number) and path.suffix == ".pdf"
    assert "<" not in path.name and '"' not in path.name

    asked: list[str] = []

    def choose(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "copy"), ""

    monkeypatch.setattr(file_dialogs, "get_save_file_name", choose)
    view.buttons["save"].click()
    assert asked == [path.name]
    assert (tmp_path / "copy.pdf").read_bytes() == stored


def test_every_tricky_name_reads_back_unchanged_in_the_credit_notes_list(
    context: AppContext, page: InvoicesPage, tricky_names: list[str]
) -> None:
    for name in tricky_names:
        invoice = issued(context, name, "100")
        context.credit_notes.cancel(invoice.id, f"Cancelled for {name}")
    page.tabs.setCurrentWidget(page.credit_notes)
    shown = rows(page)
    assert [row[3] for row in shown] == [name.strip() for name in tricky_names]
    assert [row[5] for row in shown] == [f"Cancelled for {name}".strip() for name in tricky_names]
