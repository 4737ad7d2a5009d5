"""Issuing and sending run in a worker thread: the window stays live, then shows the outcome."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.money import Money
from ptf_desktop.services.billing.drafts import DraftLineSpec
from ptf_desktop.services.billing.quote_service import QuoteSpec
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage
from ptf_desktop.ui.pages.billing.quotes_page import QuotesPage

from conftest import click_button
from helpers.billing import add_organization, membership_spec
from helpers.billing_ui import HeldRenderer, use_plain_pdfs, when_dialog_opens

TRICKY = 'R&D <b>Labs</b> "Ünïcødé" 株式会社'


@pytest.fixture
def held(context: AppContext) -> HeldRenderer:
    use_plain_pdfs(context)
    renderer = HeldRenderer()
    context.__dict__["pdf_renderer"] = renderer
    return renderer


@pytest.fixture
def page(qtbot: QtBot, context: AppContext, held: HeldRenderer) -> InvoicesPage:
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def confirm_issue(qtbot: QtBot) -> None:
    when_dialog_opens(qtbot, QMessageBox, lambda box: click_button(box, "Issue"))


def test_issuing_shows_a_busy_bar_disables_the_buttons_and_keeps_the_window_live(
    qtbot: QtBot, context: AppContext, page: InvoicesPage, held: HeldRenderer, tmp_path: Path
) -> None:
    organization = add_organization(context, TRICKY)
    draft = context.invoices.create_draft(membership_spec(organization))
    page.refresh(draft)
    confirm_issue(qtbot)
    page.buttons["issue"].click()

    qtbot.waitUntil(held.started.is_set)
    # The renderer is stuck, yet the GUI thread runs this test: the window is not frozen.
    assert page.work.bar.isVisible()
    assert page.work.bar.label.text() == f"Issuing the invoice for {TRICKY}\u2026"
    assert not any(button.isEnabled() for button in page.buttons.values())
    qtbot.keyClicks(page.search, "Acme")  # typing still works while issuing
    assert page.search.text() == "Acme"
    page.grab().save(str(tmp_path / "issuing.png"))
    page.search.clear()

    held.release.set()
    qtbot.waitUntil(lambda: not page.work.busy())
    assert not page.work.bar.isVisible()
    assert page.proxy.index(0, 0).data().startswith("INV-")
    assert page.proxy.index(0, 2).data() == "Issued"
    assert page.buttons["payment"].isEnabled() and page.buttons["new"].isEnabled()
    assert page.selected()[0].id == draft


def test_a_refused_issue_shows_the_message_and_leaves_the_draft_as_it_was(
    qtbot: QtBot, context: AppContext, page: InvoicesPage, held: HeldRenderer
) -> None:
    organization = add_organization(context)
    draft = context.invoices.create_draft(membership_spec(organization))
    held.refusal = "A Factur-X e-invoice needs the foundation's tax ID: enter it in Settings."
    held.release.set()
    page.refresh(draft)
    seen: dict[str, str] = {}

    def read_problem(box: QMessageBox) -> None:
        seen["text"] = box.text()
        seen["busy"] = str(page.work.busy())
        box.accept()

    confirm_issue(qtbot)
    page.buttons["issue"].click()
    when_dialog_opens(qtbot, QMessageBox, read_problem)
    qtbot.waitUntil(lambda: "text" in seen)

    assert seen == {"text": held.refusal, "busy": "False"}
    assert not page.work.bar.isVisible()
    details = context.invoices.get(draft)
    assert details.summary.number is None and details.summary.status == "draft"
    assert page.proxy.index(0, 2).data() == "Draft"
    assert page.buttons["issue"].isEnabled()
    # The number was not taken: the next issue gets the first of the series.
    held.refusal = None
    assert context.invoices.issue(draft).number.endswith("-0001")  # type: ignore[union-attr]


def test_sending_a_quote_and_its_preview_are_made_off_the_gui_thread(
    qtbot: QtBot, context: AppContext, held: HeldRenderer
) -> None:
    organization = add_organization(context, TRICKY)
    line = DraftLineSpec("Event sponsorship, Gold", Decimal(1), Money(Decimal("25000"), "USD"))
    quote_id = context.quotes.create_draft(
        QuoteSpec(organization, "USD", date.today() + timedelta(days=30), (line,))
    )
    page = QuotesPage(context)
    qtbot.addWidget(page)
    page.show()
    page.refresh(quote_id)

    when_dialog_opens(qtbot, QMessageBox, lambda box: click_button(box, "Mark sent"))
    page.buttons["send"].click()
    qtbot.waitUntil(held.started.is_set)
    assert page.work.bar.label.text() == f"Sending the quote for {TRICKY}\u2026"
    assert not page.buttons["send"].isEnabled() and not page.buttons["new"].isEnabled()
    held.release.set()
    qtbot.waitUntil(lambda: not page.work.busy())
    assert page.proxy.index(0, 2).data() == "Sent"
    assert page.buttons["accept"].isEnabled()

    page.buttons["preview"].click()
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    assert page.preview is not None
    assert page.preview.windowTitle().startswith("Quote Q")
    assert page.preview.status.text() == "1 page"
    page.preview.close()
