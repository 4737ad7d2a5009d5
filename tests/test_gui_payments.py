"""Payments, credit balances, statements and issuing rules as a person meets them in the window."""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.money import Money
from ptf_desktop.services.billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.billing import statement_dialog
from ptf_desktop.ui.pages.billing.credits_view import CreditDialog
from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage
from ptf_desktop.ui.pages.billing.money_dialogs import PaymentDialog
from ptf_desktop.ui.pages.billing.payments_view import PaymentTableModel, ReversePaymentDialog
from ptf_desktop.ui.pages.billing.statement_dialog import StatementDialog

from conftest import click_button
from helpers.billing import add_organization, membership_spec, usd
from helpers.billing_ui import use_plain_pdfs, when_dialog_opens

TRICKY = 'R&D <b>Labs</b> "Ünïcødé" 株式会社'
TODAY = date.today()


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> InvoicesPage:
    use_plain_pdfs(context)
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def issued(context: AppContext, name: str = TRICKY, amount: str = "1000") -> Any:
    organization = add_organization(context, name)
    context.organizations.add_contact(
        organization, {"name": "Jane Müller", "email": "ap@example.com", "roles": ["billing"]}
    )
    return context.invoices.issue(
        context.invoices.create_draft(membership_spec(organization, amount))
    )


def table_rows(view: Any) -> list[list[str]]:
    proxy = view.proxy
    return [
        [proxy.index(r, c).data() for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    ]


def test_a_mistaken_payment_is_found_in_the_register_and_reversed_with_a_reason(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    invoice = issued(context)
    context.payments.record(invoice.number, "1000", TODAY, reference="WIRE-7781")
    issued(context, "Globex Corporation")
    page.refresh(invoice.id)

    page.tabs.setCurrentWidget(page.payments)
    qtbot.keyClicks(page.payments.search, "wire-7781")
    rows = table_rows(page.payments)
    assert [(r[PaymentTableModel.INVOICE], r[PaymentTableModel.ORGANIZATION]) for r in rows] == [
        (invoice.number, TRICKY)
    ]
    assert rows[0][PaymentTableModel.AMOUNT] == "USD 1,000.00"
    assert rows[0][PaymentTableModel.BY] == context.actor
    page.payments.table.selectRow(0)
    assert page.payments.buttons["reverse"].isEnabled()
    seen: dict[str, Any] = {}

    def reverse(dialog: ReversePaymentDialog) -> None:
        click_button(dialog, "Reverse payment")  # no reason yet: refused, stays open
        seen["problem"] = dialog.problem.text() if dialog.problem.isVisible() else None
        qtbot.keyClicks(dialog.reason, "Recorded against the wrong invoice")
        click_button(dialog, "Reverse payment")

    when_dialog_opens(qtbot, ReversePaymentDialog, reverse)
    page.payments.buttons["reverse"].click()

    assert seen["problem"] == "Say why the payment is reversed."
    page.payments.search.clear()
    texts = {
        r[PaymentTableModel.AMOUNT]: r[PaymentTableModel.REFERENCE]
        for r in table_rows(page.payments)
    }
    assert texts == {
        "USD 1,000.00": "WIRE-7781 (reversed)",
        "USD -1,000.00": f"Reversal of payment {context.payments.list(invoice.id)[0].short_id}: "
        "Recorded against the wrong invoice",
    }
    # The invoice is open again, for its full amount.
    page.tabs.setCurrentIndex(0)
    assert page.select(invoice.id)
    assert page.proxy.index(page.table.currentIndex().row(), 5).data() == "1,000.00"


def test_its_payments_shows_only_the_invoices_payments(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    first = issued(context, "Acme Robotics GmbH")
    second = issued(context, "Globex Corporation")
    context.payments.record(first.number, "100", TODAY, reference="A-1")
    context.payments.record(second.number, "200", TODAY, reference="B-1")
    page.refresh(second.id)

    page.buttons["payments"].click()

    assert page.tabs.currentWidget() is page.payments
    assert (
        page.payments.banner.text.text() == f"Showing only the payments of invoice {second.number}"
    )
    assert [r[PaymentTableModel.REFERENCE] for r in table_rows(page.payments)] == ["B-1"]
    page.payments.banner.clear_button.click()
    assert len(table_rows(page.payments)) == 2


def test_a_credit_note_on_a_paid_invoice_is_a_credit_to_refund(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    invoice = issued(context, amount="10000")
    context.payments.record(invoice.number, "10000", TODAY)
    context.credit_notes.create(invoice.number, "Duplicate invoice")
    page.refresh(invoice.id)

    page.tabs.setCurrentWidget(page.receivables)
    aging = page.receivables.table.model()
    assert [aging.index(0, c).data() for c in (0, 7, 8)] == [TRICKY, "", "10,000.00"]
    assert "credit balance" in page.receivables.caption.text()

    page.tabs.setCurrentWidget(page.credits)
    assert table_rows(page.credits) == [[TRICKY, "USD 10,000.00"]]
    page.credits.table.selectRow(0)

    def refund(dialog: Any) -> None:
        dialog.findChild(type(page.search), "refundAmount").setText("10,000.01")
        click_button(dialog, "OK")
        seen.append(dialog.problem.text())
        dialog.findChild(type(page.search), "refundAmount").setText("10000")
        qtbot.keyClicks(dialog.findChild(type(page.search), "refundReference"), "RF-2027-1")
        click_button(dialog, "OK")

    seen: list[str] = []
    when_dialog_opens(qtbot, CreditDialog, refund)
    page.credits.buttons["refund"].click()

    assert seen == ["USD 10,000.01 is more than the credit balance of USD 10,000.00."]
    assert table_rows(page.credits) == []
    assert page.credits.summary.text() == "No member has money to its credit."
    assert [r.reference for r in context.credits.refunds()] == ["RF-2027-1"]


def test_credit_is_applied_to_another_open_invoice_of_the_member(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    first = issued(context, "Acme Robotics GmbH", "500")
    organization = first.organization_id
    second = context.invoices.issue(
        context.invoices.create_draft(membership_spec(organization, "300"))
    )

    def overpay(dialog: PaymentDialog) -> None:
        dialog.amount.setText("700")
        dialog.keep_excess.setChecked(True)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    page.refresh(first.id)
    when_dialog_opens(qtbot, PaymentDialog, overpay)
    page.buttons["payment"].click()
    page.tabs.setCurrentWidget(page.credits)
    assert table_rows(page.credits) == [["Acme Robotics GmbH", "USD 200.00"]]
    page.credits.table.selectRow(0)

    def apply(dialog: Any) -> None:
        combo = dialog.findChild(type(page.status_filter), "applyInvoice")
        assert combo.currentText() == f"{second.number} – USD 300.00 due"
        click_button(dialog, "OK")

    when_dialog_opens(qtbot, CreditDialog, apply)
    page.credits.buttons["apply"].click()

    assert table_rows(page.credits) == []
    assert context.invoices.get(second.id).summary.balance == usd("100")


def test_the_statement_is_saved_as_pdf_and_email_draft(
    qtbot: QtBot,
    context: AppContext,
    page: InvoicesPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    invoice = issued(context, "Acme Robotics GmbH", "1000")
    context.payments.record(invoice.number, "400", TODAY)
    page.refresh(invoice.id)
    targets = iter([tmp_path / "statement.pdf", tmp_path / "statement"])
    monkeypatch.setattr(statement_dialog, "get_save_file_name", lambda *_: (str(next(targets)), ""))

    def save(dialog: StatementDialog) -> None:
        assert dialog.summary.text() == "USD: 2 entries, 1 open invoice; USD 600.00 owed"
        dialog.save_pdf.click()
        qtbot.waitUntil(lambda: dialog.outcome.text().startswith("Saved"), timeout=20000)
        dialog.save_email.click()
        qtbot.waitUntil(lambda: dialog.outcome.text().endswith(".eml"), timeout=20000)
        seen.append(dialog.outcome.text())
        dialog.reject()

    seen: list[str] = []
    when_dialog_opens(qtbot, StatementDialog, save)
    page.buttons["statement"].click()

    assert seen == [f"Saved {tmp_path / 'statement.eml'}"]
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "statement.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "USD 600.00 owed" in text and invoice.number in text
    assert b"ap@example.com" in (tmp_path / "statement.eml").read_bytes()


def test_issuing_a_euro_invoice_without_iban_warns_first(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    organization = add_organization(context, "Acme Robotics GmbH")
    eur = DraftLineSpec(description="General membership", quantity=Decimal(1),
                        unit_price=Money(Decimal("100"), "EUR"))  # fmt: skip
    draft = context.invoices.create_draft(
        DraftInvoiceSpec(
            organization_id=organization,
            currency="EUR",
            lines=(eur,),
            exchange_rate_to_usd=Decimal("1.08"),
        )  # fmt: skip
    )
    page.refresh(draft)
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        click_button(box, "Cancel")

    when_dialog_opens(qtbot, QMessageBox, read)
    page.buttons["issue"].click()

    assert seen[0].startswith(
        "Warning: This invoice in EUR to a member in Germany is paid by wire, but the "
        "foundation's IBAN and SWIFT/BIC are not in Settings > Bank details"
    )
    assert context.invoices.get(draft).summary.number is None


def test_issuing_into_closed_books_is_refused_with_the_reason(
    qtbot: QtBot, context: AppContext, page: InvoicesPage
) -> None:
    context.settings.save({"books_closed_through": TODAY.isoformat()})
    draft = context.invoices.create_draft(membership_spec(add_organization(context, TRICKY)))
    page.refresh(draft)
    seen: list[str] = []

    def warned(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_dialog_opens(qtbot, QMessageBox, lambda box: click_button(box, "Issue"))
    page.buttons["issue"].click()
    when_dialog_opens(qtbot, QMessageBox, warned)
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    assert seen[0].startswith(f"The books are closed through {TODAY.isoformat()}")
    assert context.invoices.get(draft).summary.number is None


def test_the_closing_date_is_a_setting_typed_in_the_settings_page(
    qtbot: QtBot, main_window: Any
) -> None:
    from PySide6.QtWidgets import QLineEdit

    page = main_window.page("settings")
    field = page.findChild(QLineEdit, "field_books_closed_through")
    assert field is not None and field.placeholderText().startswith("e.g. 2025-12-31")
    qtbot.keyClicks(field, "31/12/2025")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    error = page.fields["books_closed_through"].error_label
    assert error.isVisible() and "YYYY-MM-DD" in error.text()
    field.clear()
    qtbot.keyClicks(field, "2025-12-31")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Saved."
    assert main_window.context.settings.load().books_closed_through == "2025-12-31"


def test_the_dashboard_shows_credit_balances_and_opens_them(qtbot: QtBot, main_window: Any) -> None:
    context = main_window.context
    use_plain_pdfs(context)
    invoice = issued(context, "Acme Robotics GmbH", "10000")
    context.payments.record(invoice.number, "10000", TODAY)
    context.credit_notes.create(invoice.number, "Duplicate invoice", "2500")
    dashboard = main_window.page("dashboard")
    qtbot.waitUntil(lambda: dashboard.figures is not None and not dashboard.busy())
    dashboard.refresh()
    tile = dashboard.tiles["credits"]
    qtbot.waitUntil(lambda: not dashboard.busy() and tile.value == "USD 2,500.00")
    assert (tile.value, tile.detail) == ("USD 2,500.00", "1 member to refund or credit")
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    invoices = main_window.pages.currentWidget()
    assert invoices.tabs.currentWidget() is invoices.credits
    assert table_rows(invoices.credits) == [["Acme Robotics GmbH", "USD 2,500.00"]]
