"""Unconfirmed fees are never billed: drafts may carry them, issuing refuses and says why."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ptf_desktop.cli.main import main
from ptf_desktop.domain.fees import FeeKind
from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.services.billing.fee_confirmation import UnconfirmedFee
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage

from conftest import click_button
from helpers.billing import configure_seller
from helpers.billing_ui import use_plain_pdfs, when_dialog_opens

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

LF_SILVER_1200 = "Linux Foundation Silver membership fee (USD 15,000.00 a year for 500 - 4,999"


@pytest.fixture
def renewal_draft(context: AppContext, tricky_names: list[str]) -> Any:
    """A General member of 2026 (1,200 employees, no LF membership) renewed for 2027."""
    configure_seller(context)
    organization = context.organizations.create(
        {"display_name": tricky_names[2], "org_type": "commercial", "country": "US",
         "employees": "1200"}
    )  # fmt: skip
    context.memberships.admit(organization, Tier.GENERAL, date(2026, 1, 1))
    context.renewal_preparation.prepare(2027)
    [draft] = context.invoices.list("draft")
    return draft


def _lf_entry(context: AppContext) -> Any:
    return next(
        e for e in context.fees.schedule_on(date(2027, 1, 1)).entries
        if e.kind is FeeKind.LF_SILVER and e.covers(1200)
    )  # fmt: skip


def test_a_draft_may_carry_an_unconfirmed_fee_but_is_not_issued(
    context: AppContext, renewal_draft: Any
) -> None:
    lines = [line.description for line in context.invoices.get(renewal_draft.id).lines]
    assert lines[1] == (
        "Linux Foundation Silver membership (fee to be confirmed), 2027-01-01 to 2027-12-31"
    )
    with pytest.raises(UnconfirmedFee) as refused:
        context.invoices.issue(renewal_draft.id, date(2026, 12, 7))
    message = str(refused.value)
    assert LF_SILVER_1200 in message and "Settings > Fee schedules" in message
    assert context.invoices.get(renewal_draft.id).summary.status == "draft"
    report = context.invoices.issue_all_drafts(date(2026, 12, 7))
    assert report.issued == () and "still to be confirmed" in report.refused[0][1]


def test_confirming_the_fee_lets_the_draft_be_issued_without_the_mark(
    context: AppContext, renewal_draft: Any
) -> None:
    entry = _lf_entry(context)
    context.fees.change_entry(entry.id, entry.amount, to_be_confirmed=False)
    issued = context.invoices.issue(renewal_draft.id, date(2026, 12, 7))
    lines = [line.description for line in context.invoices.get(issued.id).lines]
    assert lines[1] == "Linux Foundation Silver membership, 2027-01-01 to 2027-12-31"


def test_a_fee_confirmed_at_another_amount_needs_the_line_edited(
    context: AppContext, renewal_draft: Any
) -> None:
    entry = _lf_entry(context)
    context.fees.change_entry(entry.id, Money(Decimal("16000"), "USD"), to_be_confirmed=False)
    with pytest.raises(UnconfirmedFee, match="priced before the fee was confirmed"):
        context.invoices.issue(renewal_draft.id, date(2026, 12, 7))


@pytest.mark.sqlite_only  # the command line opens a file
def test_ptf_invoices_issue_names_the_unconfirmed_fee(
    context: AppContext, renewal_draft: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--database", str(context.path), "invoices", "issue", "--all-drafts",
                   "--date", "2026-12-07"])  # fmt: skip
    captured = capsys.readouterr()
    assert status == 1
    assert LF_SILVER_1200 in captured.out + captured.err
    assert "Settings > Fee schedules" in captured.out + captured.err
    assert context.invoices.get(renewal_draft.id).summary.status == "draft"


def test_issuing_in_the_window_says_which_fee_and_where_to_confirm_it(
    qtbot: QtBot, context: AppContext, renewal_draft: Any
) -> None:
    use_plain_pdfs(context)
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    assert page.select(renewal_draft.id)
    seen: list[str] = []

    def read_refusal(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    def confirm(box: QMessageBox) -> None:
        when_dialog_opens(qtbot, QMessageBox, read_refusal)
        click_button(box, "Issue")

    when_dialog_opens(qtbot, QMessageBox, confirm)
    page.buttons["issue"].click()
    qtbot.waitUntil(lambda: bool(seen) and not page.work.busy())
    assert LF_SILVER_1200 in seen[0] and "Confirm it in Settings > Fee schedules" in seen[0]
    assert page.proxy.index(0, 0).data() == "Draft"
