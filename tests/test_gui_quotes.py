"""The Quotes page as a person uses it: fee-schedule and free lines, sending, acceptance."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.money import Money
from ptf_desktop.services.billing.drafts import DraftLineSpec
from ptf_desktop.services.billing.quote_service import QuoteService, QuoteSpec
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.billing.fee_lines_dialog import FeeLinesDialog
from ptf_desktop.ui.pages.billing.organization_picker import OrganizationPicker
from ptf_desktop.ui.pages.billing.quote_editor import QuoteEditor
from ptf_desktop.ui.pages.billing.quotes_page import QuotesPage

from conftest import click_button
from helpers.billing import add_organization
from helpers.billing_ui import opened_window, use_plain_pdfs, when_dialog_opens

TRICKY = "Ünïcødé & Söhne <Research> 研究所"


@pytest.fixture
def fees(context: AppContext) -> Any:
    if "fees" not in type(context).__dict__:  # the context entry comes with the renewals work
        from ptf_desktop.services.renewals.fee_service import FeeService

        context.__dict__["fees"] = FeeService(context.factories)
    return context.fees  # type: ignore[attr-defined]


@pytest.fixture
def page(qtbot: QtBot, context: AppContext, fees: Any) -> QuotesPage:
    use_plain_pdfs(context)
    page = QuotesPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def texts(page: QuotesPage, row: int = 0) -> list[str]:
    return [page.proxy.index(row, c).data() for c in range(page.proxy.columnCount())]


def test_a_quote_with_a_fee_schedule_line_and_a_discounted_free_line(
    qtbot: QtBot, context: AppContext, fees: Any, page: QuotesPage
) -> None:
    organization = add_organization(context, TRICKY)
    year = date.today().year + 1
    price = fees.price_organization(organization, date(year, 1, 1), date(year, 12, 31), "general")
    seen: dict[str, Any] = {}

    def price_lines(dialog: FeeLinesDialog) -> None:
        dialog.tier.setCurrentIndex(dialog.tier.findText("General"))
        dialog.buttons.accepted.emit()

    def pick(picker: OrganizationPicker) -> None:
        picker.search.setText("Söhne")  # typed: keyClicks sends only Latin-1 key codes
        picker.ok_button.click()

    when_dialog_opens(qtbot, OrganizationPicker, pick)
    page.buttons["new"].click()
    editor = opened_window(qtbot, QuoteEditor, f"New quote \u2013 {TRICKY}")
    when_dialog_opens(qtbot, FeeLinesDialog, price_lines)
    editor.fee_button.click()
    lines = editor.form.lines
    seen["fee lines"] = [line.description for line in lines.lines()]
    editor.form.add_line_button.click()
    row = lines.rowCount() - 1
    lines.setData(lines.index(row, lines.DESCRIPTION), "Training: PyTorch at scale")
    lines.setData(lines.index(row, lines.QUANTITY), "2")
    lines.setData(lines.index(row, lines.UNIT_PRICE), "1500")
    editor.form.lines_table.setCurrentIndex(lines.index(row, 0))
    editor.member_discount.setText("10")
    editor.discount_button.click()
    seen["free line"] = [lines.index(row, c).data() for c in range(6)]
    editor.save_button.click()

    assert seen["fee lines"] == [line.description for line in price.lines] != []
    assert seen["free line"] == [
        "Training: PyTorch at scale (member discount 10%)", "2", "1500.00", "300.00", "0",
        "2,700.00",
    ]  # fmt: skip
    total = price.total.amount + Decimal(2700)
    row = texts(page)
    assert row[:4] == ["Draft", TRICKY, "Draft", "USD"]
    assert row[4] == f"{total:,.2f}"
    details = context.quotes.get(page.model.quote_at(0).id)
    assert [line.fee_entry_id for line in details.lines[: len(price.lines)]] == [
        line.fee_entry_id for line in price.lines
    ]


def test_sending_then_accepting_creates_an_invoice_with_the_quoted_prices(
    qtbot: QtBot, context: AppContext, page: QuotesPage
) -> None:
    organization = add_organization(context, TRICKY)
    line = DraftLineSpec("Event sponsorship, Gold", Decimal(1), Money(Decimal("25000"), "USD"))
    quote_id = context.quotes.create_draft(
        QuoteSpec(organization, "USD", date.today() + timedelta(days=30), (line,))
    )
    page.refresh(quote_id)
    assert not page.buttons["accept"].isEnabled()

    when_dialog_opens(qtbot, QMessageBox, lambda box: click_button(box, "Mark sent"))
    page.buttons["send"].click()
    qtbot.waitUntil(lambda: not page.work.busy())  # the PDF is made in a worker thread

    number = texts(page)[0]
    assert number.startswith("Q") and texts(page)[2] == "Sent"
    assert not page.buttons["edit"].isEnabled() and page.buttons["accept"].isEnabled()

    with qtbot.waitSignal(page.invoice_created) as created:
        page.buttons["accept"].click()

    assert texts(page)[2] == "Accepted"
    assert number in page.notice.text() and "draft invoice" in page.notice.text()
    invoice = context.invoices.get(created.args[0])
    assert invoice.summary.status == "draft" and invoice.quote_id == quote_id
    assert [(r.description, r.unit_price) for r in invoice.lines] == [
        ("Event sponsorship, Gold", Money(Decimal("25000"), "USD"))
    ]


def test_a_quote_past_its_date_shows_expired_and_cannot_be_accepted(
    qtbot: QtBot, context: AppContext, page: QuotesPage
) -> None:
    organization = add_organization(context, "Acme Robotics GmbH")
    line = DraftLineSpec("Training", Decimal(1), Money(Decimal("900"), "USD"))
    valid_until = date.today() + timedelta(days=5)
    quote_id = context.quotes.create_draft(QuoteSpec(organization, "USD", valid_until, (line,)))
    context.quotes.send(quote_id)
    later = valid_until + timedelta(days=1)
    context.__dict__["quotes"] = QuoteService(context.factories, today=lambda: later)

    page.refresh(quote_id)

    assert texts(page)[2] == "Expired"
    assert not page.buttons["accept"].isEnabled()
    page.status_filter.setCurrentIndex(page.status_filter.findData("expired"))
    assert page.proxy.rowCount() == 1
    page.status_filter.setCurrentIndex(page.status_filter.findData("sent"))
    assert page.proxy.rowCount() == 0


def test_accepting_in_the_main_window_shows_the_new_invoice_selected(
    qtbot: QtBot, context: AppContext, main_window: Any
) -> None:
    use_plain_pdfs(context)
    organization = add_organization(context, TRICKY)
    line = DraftLineSpec("Training", Decimal(3), Money(Decimal("800"), "USD"))
    quote_id = context.quotes.create_draft(
        QuoteSpec(organization, "USD", date.today() + timedelta(days=10), (line,))
    )
    context.quotes.send(quote_id)
    quotes = main_window.page("quotes")
    quotes.refresh(quote_id)

    quotes.buttons["accept"].click()

    invoices = main_window.page("invoices")
    [selected] = invoices.selected()
    assert selected.organization == TRICKY and selected.status == "draft"
    assert selected.total == Money(Decimal("2400"), "USD")
