"""Credit notes and cancelling render their PDF in a worker thread: the window stays live."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ptf_desktop.services.billing.records import InvoiceSummary
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage
from ptf_desktop.ui.pages.billing.money_dialogs import CreditNoteDialog

from conftest import click_button
from helpers.billing import add_organization, membership_spec
from helpers.billing_ui import HeldRenderer, use_plain_pdfs, when_dialog_opens

TRICKY = 'R&D <b>Labs</b> "Ünïcødé" 株式会社'


@pytest.fixture
def held(context: AppContext) -> HeldRenderer:
    use_plain_pdfs(context)
    renderer = HeldRenderer()
    context.__dict__["pdf_renderer"] = renderer
    renderer.release.set()  # the invoices of the tests are issued freely
    return renderer


@pytest.fixture
def issued(context: AppContext, held: HeldRenderer) -> InvoiceSummary:
    organization = add_organization(context, TRICKY)
    draft = context.invoices.create_draft(membership_spec(organization, "1000"))
    return context.invoices.issue(draft)


@pytest.fixture
def page(qtbot: QtBot, context: AppContext, issued: InvoiceSummary) -> InvoicesPage:
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.refresh(issued.id)
    return page


def ok(qtbot: QtBot, dialog: CreditNoteDialog) -> None:
    # A credit note is numbered and permanent: it is confirmed after the dialog.
    when_dialog_opens(qtbot, QMessageBox, lambda box: click_button(box, "Make credit note"))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


def balance(page: InvoicesPage) -> str:
    return str(page.proxy.index(0, 5).data())


def test_a_credit_note_is_made_off_the_gui_thread_with_a_busy_bar(
    qtbot: QtBot,
    context: AppContext,
    page: InvoicesPage,
    held: HeldRenderer,
    issued: InvoiceSummary,
    tmp_path: Path,
) -> None:
    def credit(dialog: CreditNoteDialog) -> None:
        dialog.full.setChecked(False)
        qtbot.keyClicks(dialog.amount, "250")
        qtbot.keyClicks(dialog.reason, "Discount agreed")
        ok(qtbot, dialog)

    held.hold()
    when_dialog_opens(qtbot, CreditNoteDialog, credit)
    page.buttons["credit"].click()

    qtbot.waitUntil(held.started.is_set)
    # The renderer is stuck, yet the GUI thread runs this test: the window is not frozen.
    assert page.work.bar.isVisible()
    assert page.work.bar.label.text() == (
        f"Making a credit note on invoice {issued.number} for {TRICKY}\u2026"
    )
    assert not any(button.isEnabled() for button in page.buttons.values())
    qtbot.keyClicks(page.search, "Acme")  # typing still works meanwhile
    assert page.search.text() == "Acme"
    page.search.clear()
    page.grab().save(str(tmp_path / "crediting.png"))
    assert balance(page) == "1,000.00"  # nothing shown as done before it is

    held.release.set()
    qtbot.waitUntil(lambda: balance(page) == "750.00")
    assert not page.work.busy() and not page.work.bar.isVisible()
    assert page.selected()[0].id == issued.id
    assert page.buttons["cancel"].isEnabled() and page.buttons["credit_notes"].isEnabled()
    assert [note.reason for note in context.credit_notes.list(issued.id)] == ["Discount agreed"]


def test_cancelling_runs_in_the_worker_and_the_list_shows_the_invoice_credited(
    qtbot: QtBot,
    context: AppContext,
    page: InvoicesPage,
    held: HeldRenderer,
    issued: InvoiceSummary,
) -> None:
    def cancel(dialog: CreditNoteDialog) -> None:
        qtbot.keyClicks(dialog.reason, "Membership withdrawn")
        ok(qtbot, dialog)

    held.hold()
    when_dialog_opens(qtbot, CreditNoteDialog, cancel)
    page.buttons["cancel"].click()
    qtbot.waitUntil(held.started.is_set)
    assert page.work.bar.label.text() == f"Cancelling invoice {issued.number} for {TRICKY}\u2026"
    assert not page.buttons["cancel"].isEnabled() and not page.buttons["new"].isEnabled()

    held.release.set()
    qtbot.waitUntil(lambda: page.proxy.index(0, 2).data() == "Credited")
    assert balance(page) == "0.00"
    assert not page.buttons["cancel"].isEnabled()  # nothing left to cancel
    assert [note.reason for note in context.credit_notes.list(issued.id)] == [
        "Membership withdrawn"
    ]


def test_a_refused_render_reopens_the_dialog_with_what_was_typed_and_stores_nothing(
    qtbot: QtBot,
    context: AppContext,
    page: InvoicesPage,
    held: HeldRenderer,
    issued: InvoiceSummary,
) -> None:
    held.refusal = "A Factur-X e-invoice needs the foundation's tax ID: enter it in Settings."
    seen: dict[str, Any] = {}

    def cancel(dialog: CreditNoteDialog) -> None:
        qtbot.keyClicks(dialog.reason, "Membership withdrawn")
        ok(qtbot, dialog)
        when_dialog_opens(qtbot, CreditNoteDialog, read_problem)

    def read_problem(dialog: CreditNoteDialog) -> None:
        seen["problem"] = dialog.problem.text()
        seen["reason"] = dialog.reason.toPlainText()
        seen["busy"] = page.work.busy()
        seen["cancel enabled"] = dialog.full.isEnabled()
        dialog.reject()

    when_dialog_opens(qtbot, CreditNoteDialog, cancel)
    page.buttons["cancel"].click()
    qtbot.waitUntil(lambda: "problem" in seen)

    assert seen == {
        "problem": held.refusal,
        "reason": "Membership withdrawn",
        "busy": False,
        "cancel enabled": False,  # still the cancel dialog: a full credit note
    }
    qtbot.waitUntil(lambda: page.buttons["cancel"].isEnabled())
    assert context.credit_notes.list(issued.id) == []
    assert page.proxy.index(0, 2).data() == "Issued" and balance(page) == "1,000.00"
    assert not page.work.bar.isVisible()


def test_too_large_a_credit_is_refused_and_the_amount_typed_is_kept(
    qtbot: QtBot,
    context: AppContext,
    page: InvoicesPage,
    issued: InvoiceSummary,
) -> None:
    seen: dict[str, Any] = {}

    def credit(dialog: CreditNoteDialog) -> None:
        dialog.full.setChecked(False)
        qtbot.keyClicks(dialog.amount, "1500")
        qtbot.keyClicks(dialog.reason, "Goodwill")
        ok(qtbot, dialog)
        when_dialog_opens(qtbot, CreditNoteDialog, correct)

    def correct(dialog: CreditNoteDialog) -> None:
        seen["problem"] = dialog.problem.text()
        seen["amount"] = dialog.amount.text()
        seen["full"] = dialog.full.isChecked()
        dialog.amount.setText("100")
        ok(qtbot, dialog)

    when_dialog_opens(qtbot, CreditNoteDialog, credit)
    page.buttons["credit"].click()
    qtbot.waitUntil(lambda: balance(page) == "900.00")

    assert "more than the uncredited total" in seen["problem"]
    assert seen["amount"] == "1500" and seen["full"] is False
    notes = context.credit_notes.list(issued.id)
    assert [(note.reason, abs(note.total.amount)) for note in notes] == [("Goodwill", 100)]
