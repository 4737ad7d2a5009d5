"""The Invoices page as a person uses it: drafts, issuing, payments, credit notes, the list."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.billing.invoice_editor import InvoiceEditor
from ptf_desktop.ui.pages.billing.invoice_model import InvoiceTableModel
from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage
from ptf_desktop.ui.pages.billing.money_dialogs import CreditNoteDialog, PaymentDialog
from ptf_desktop.ui.pages.billing.organization_picker import OrganizationPicker

from conftest import click_button
from helpers.billing import add_organization, membership_spec
from helpers.billing_ui import opened_window, use_plain_pdfs, when_dialog_opens

TRICKY = 'R&D <b>Labs</b> "Ünïcødé" 株式会社'


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> InvoicesPage:
    use_plain_pdfs(context)
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def column_texts(page: InvoicesPage, column: int) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def row_texts(page: InvoicesPage, row: int) -> list[str]:
    return [page.proxy.index(row, c).data() for c in range(page.proxy.columnCount())]


def issued_invoice(context: AppContext, name: str = "Acme Robotics GmbH", amount: str = "35000"):
    organization = add_organization(context, name)
    invoice_id = context.invoices.create_draft(membership_spec(organization, amount))
    return context.invoices.issue(invoice_id)


def test_a_draft_for_a_tricky_name_is_created_issued_and_listed_with_its_number(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    add_organization(context, TRICKY)

    def pick(picker: OrganizationPicker) -> None:
        qtbot.keyClicks(picker.search, "R&D")
        assert picker.matches.count() == 1
        picker.ok_button.click()

    when_dialog_opens(qtbot, OrganizationPicker, pick)
    page.buttons["new"].click()
    editor = opened_window(qtbot, InvoiceEditor, f"New draft invoice \u2013 {TRICKY}")
    assert QApplication.activeModalWidget() is None  # a window beside the list, not blocking it
    assert editor.form.fields["bill_to_name"].value() == TRICKY  # prefilled
    editor.form.fields["buyer_reference"].editor.setText("PO-4711")
    lines = editor.form.lines
    lines.setData(lines.index(0, lines.DESCRIPTION), "Event sponsorship, PyTorch Conference")
    lines.setData(lines.index(0, lines.UNIT_PRICE), "12,500.00")
    assert lines.index(0, lines.NET).data() == "12,500.00"
    editor.save_button.click()
    qtbot.waitUntil(lambda: not editor.isVisible())

    assert column_texts(page, InvoiceTableModel.ORGANIZATION) == [TRICKY]
    assert row_texts(page, 0)[:5] == ["Draft", TRICKY, "Draft", "USD", "12,500.00"]
    assert page.buttons["issue"].isEnabled() and not page.buttons["payment"].isEnabled()

    def confirm(box: QMessageBox) -> None:
        assert "can no longer be changed" in box.text()
        click_button(box, "Issue")

    when_dialog_opens(qtbot, QMessageBox, confirm)
    page.buttons["issue"].click()
    qtbot.waitUntil(lambda: not page.work.busy())  # issuing runs in a worker thread

    year = date.today().year
    assert row_texts(page, 0)[:6] == [
        f"INV-{year}-0001",
        TRICKY,
        "Issued",
        "USD",
        "12,500.00",
        "12,500.00",
    ]
    assert not page.buttons["edit"].isEnabled() and page.buttons["payment"].isEnabled()
    details = context.invoices.get(page.selected()[0].id)
    assert details.bill_to.reference == "PO-4711"


def test_inline_validation_marks_the_refused_cell_and_keeps_the_draft_unsaved(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    organization = add_organization(context)
    invoice_id = context.invoices.create_draft(membership_spec(organization))
    page.refresh(invoice_id)
    seen: dict[str, Any] = {}

    page.buttons["edit"].click()
    editor = opened_window(qtbot, InvoiceEditor)
    lines = editor.form.lines
    lines.setData(lines.index(0, lines.QUANTITY), "-2")
    editor.form.fields["bill_to_country"].editor.setText("Atlantis")
    editor.save_button.click()  # the line is checked first, before anything is sent
    seen["visible"] = editor.isVisible()
    seen["cell"] = lines.index(0, lines.QUANTITY).data(Qt.ItemDataRole.ToolTipRole)
    seen["lines"] = editor.form.lines_error.text()
    seen["problem"] = editor.problem.text()
    lines.setData(lines.index(0, lines.QUANTITY), "2")
    editor.save_button.click()  # now the service refuses the country
    seen["country"] = editor.form.fields["bill_to_country"].error()
    seen["lines after"] = editor.form.lines_error.isVisible()
    when_dialog_opens(qtbot, QMessageBox, lambda box: click_button(box, "Discard"))
    editor.reject()  # the edits were refused: closing asks, and Discard closes

    assert not editor.isVisible()
    assert seen["visible"]
    assert seen["country"]  # the country message shows under its field
    assert "quantity" in seen["cell"].lower()
    assert seen["lines"].startswith("Line 1:")
    assert "not saved" in seen["problem"]
    assert not seen["lines after"]
    details = context.invoices.get(invoice_id)
    assert details.lines[0].quantity == Decimal(1)  # nothing changed
    assert details.bill_to.country == "DE"


def test_an_exchange_rate_is_asked_for_a_non_usd_draft(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    organization = add_organization(context)
    invoice_id = context.invoices.create_draft(membership_spec(organization))
    page.refresh(invoice_id)

    page.buttons["edit"].click()
    editor = opened_window(qtbot, InvoiceEditor)
    rate = editor.form.fields["exchange_rate_to_usd"]
    assert not rate.editor.isEnabled()
    qtbot.keyClicks(editor.form.fields["currency"].editor, "\b\b\bEUR")
    assert rate.editor.isEnabled()
    rate.editor.setText("1.0842")
    editor.save_button.click()

    assert row_texts(page, 0)[3] == "EUR"
    assert context.invoices.get(invoice_id).exchange_rate_to_usd == Decimal("1.0842")


def test_an_overpayment_is_refused_with_the_services_message(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    issued = issued_invoice(context, amount="1000")
    page.refresh(issued.id)
    seen: dict[str, Any] = {}

    def pay(dialog: PaymentDialog) -> None:
        dialog.amount.clear()
        qtbot.keyClicks(dialog.amount, "1,500.00")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen["problem"] = dialog.problem.text() if dialog.problem.isVisible() else None
        dialog.amount.clear()
        qtbot.keyClicks(dialog.amount, "400")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    when_dialog_opens(qtbot, PaymentDialog, pay)
    page.buttons["payment"].click()

    assert seen["problem"] and "1,000.00" in seen["problem"].replace("USD ", "")
    assert row_texts(page, 0)[2:6] == ["Partially paid", "USD", "1,000.00", "600.00"]
    assert [p.amount.amount for p in context.payments.list(issued.id)] == [Decimal(400)]


def test_a_credit_note_needs_a_reason_and_cancelling_credits_everything(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    issued = issued_invoice(context, amount="1000")
    page.refresh(issued.id)
    seen: dict[str, Any] = {}

    def confirm_credit_note(box: QMessageBox) -> None:
        seen["confirmation"] = box.text()
        click_button(box, "Make credit note")

    def credit(dialog: CreditNoteDialog) -> None:
        dialog.full.setChecked(False)
        qtbot.keyClicks(dialog.amount, "250")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        seen["no reason"] = dialog.problem.text()
        qtbot.keyClicks(dialog.reason, "Discount agreed after the board meeting")
        when_dialog_opens(qtbot, QMessageBox, confirm_credit_note)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    when_dialog_opens(qtbot, CreditNoteDialog, credit)
    page.buttons["credit"].click()

    assert "reason" in seen["no reason"].lower()
    assert seen["confirmation"].startswith(f"Make a credit note on invoice {issued.number}")
    qtbot.waitUntil(lambda: row_texts(page, 0)[5] == "750.00")

    def cancel(dialog: CreditNoteDialog) -> None:
        assert not dialog.full.isEnabled()
        qtbot.keyClicks(dialog.reason, "Membership withdrawn")
        when_dialog_opens(qtbot, QMessageBox, confirm_credit_note)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    when_dialog_opens(qtbot, CreditNoteDialog, cancel)
    page.buttons["cancel"].click()

    qtbot.waitUntil(lambda: row_texts(page, 0)[2] == "Credited")
    assert row_texts(page, 0)[5] == "0.00"
    notes = context.credit_notes.list(issued.id)
    assert [n.reason for n in notes] == [
        "Discount agreed after the board meeting",
        "Membership withdrawn",
    ]


def test_status_filter_search_and_overdue_shown_in_red(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    # An invoice issued 60 days ago (Net 30) is overdue today; issued first, since the
    # numbers of a series follow issue dates.
    late_org = add_organization(context, "Initech LLC")
    late = context.invoices.create_draft(membership_spec(late_org, "7000"))
    context.invoices.issue(late, date.today() - timedelta(days=60))
    first = issued_invoice(context, "Acme Robotics GmbH")
    org = add_organization(context, "Globex Corporation")
    context.invoices.create_draft(membership_spec(org, "5000"))
    page.refresh()

    assert page.count_label.text() == "3 invoices"
    qtbot.keyClicks(page.search, "globex")
    assert column_texts(page, InvoiceTableModel.ORGANIZATION) == ["Globex Corporation"]
    assert page.count_label.text() == "1 of 3 invoices"
    page.search.clear()

    page.status_filter.setCurrentIndex(page.status_filter.findData("overdue"))
    assert column_texts(page, InvoiceTableModel.ORGANIZATION) == ["Initech LLC"]
    index = page.proxy.index(0, InvoiceTableModel.STATUS)
    assert index.data() == "Overdue"
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert "Overdue" in index.data(Qt.ItemDataRole.ToolTipRole)
    page.status_filter.setCurrentIndex(0)
    assert page.select(first.id)


def test_receivables_aging_shows_balances_by_organization_and_bucket(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    org = add_organization(context, "Initech LLC")
    late = context.invoices.create_draft(membership_spec(org, "7000"))
    context.invoices.issue(late, date.today() - timedelta(days=75))  # due 45 days ago
    issued_invoice(context, "Acme Robotics GmbH", "1000")

    page.tabs.setCurrentWidget(page.receivables)

    model = page.receivables.table.model()
    rows = {
        model.index(r, 0).data(): [model.index(r, c).data() for c in range(1, 8)]
        for r in range(model.rowCount())
    }
    assert rows["Acme Robotics GmbH"] == ["USD", "1,000.00", "", "", "", "", "1,000.00"]
    assert rows["Initech LLC"] == ["USD", "", "", "7,000.00", "", "", "7,000.00"]


def test_a_draft_is_deleted_after_confirmation_and_an_issued_invoice_cannot_be(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    issued = issued_invoice(context, "Acme Robotics GmbH")
    draft = context.invoices.create_draft(membership_spec(add_organization(context, TRICKY)))
    page.refresh(issued.id)
    assert not page.buttons["delete"].isEnabled()
    page.refresh(draft)
    assert page.buttons["delete"].isEnabled()

    when_dialog_opens(qtbot, QMessageBox, lambda box: click_button(box, "Cancel"))
    page.buttons["delete"].click()
    assert page.count_label.text() == "2 invoices"

    when_dialog_opens(qtbot, QMessageBox, lambda box: click_button(box, "Delete"))
    page.buttons["delete"].click()

    assert column_texts(page, InvoiceTableModel.ORGANIZATION) == ["Acme Robotics GmbH"]
    assert [i.id for i in context.invoices.list()] == [issued.id]


def test_the_count_under_a_list_groups_thousands() -> None:
    from ptf_desktop.ui.pages.billing.page_parts import count_text

    nouns = ("invoice", "invoices")
    assert count_text(1, 1, nouns) == "1 invoice"
    assert count_text(4163, 4163, nouns) == "4,163 invoices"
    assert count_text(12, 1204, nouns) == "12 of 1,204 invoices"
