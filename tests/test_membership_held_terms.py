"""When a term counts as held, and certificates (batch and single) certify only those."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.errors import UserError, ValidationError
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.certificates.issue_dialog import IssueDialog
from ptf_desktop.ui.pages.settings_page import SettingsPage

from helpers.billing import configure_seller
from helpers.certificates import add_member, configure_signatory

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

ISSUE_DAY = date(2027, 1, 15)


@pytest.fixture
def renewed(context: AppContext) -> AppContext:
    """Two General members of 2026 renewed for 2027 (draft renewal invoices), an Associate."""
    configure_signatory(context)
    configure_seller(context)
    for name in ("Draft Renewal Corp", "Issued Renewal Corp"):
        add_member(context, name, start=date(2026, 1, 1), lf_membership="silver")
    context.memberships.admit(
        context.organizations.create(
            {"display_name": "Free University", "legal_name": "Free University",
             "org_type": "academic", "country": "US"}
        ),
        Tier.ASSOCIATE, date(2027, 1, 1),
    )  # fmt: skip
    context.renewal_preparation.prepare(2027)
    return context


def _renewal_invoice(context: AppContext, name: str) -> Any:
    return next(i for i in context.invoices.list("draft") if i.organization == name)


def test_the_batch_certifies_no_term_billed_only_by_a_draft(renewed: AppContext) -> None:
    context = renewed
    context.invoices.issue(_renewal_invoice(context, "Issued Renewal Corp").id, date(2026, 12, 7))

    report = context.certificate_batch.issue_year(2027, on=ISSUE_DAY)

    records = [r for r in context.certificates.list() if r.term_start.year == 2027]
    assert sorted(r.legal_name for r in records) == ["Free University", "Issued Renewal Corp"]
    [skipped] = [s for s in report.skipped if "Draft Renewal Corp" in s]
    assert "not held yet: its invoice is still a draft" in skipped


def test_a_single_issue_says_why_the_term_is_not_held(renewed: AppContext) -> None:
    context = renewed
    draft_term = _term_of(context, "Draft Renewal Corp", 2027)
    with pytest.raises(UserError, match=r"Draft Renewal Corp .*still a draft"):
        context.certificates.issue(draft_term, on=ISSUE_DAY)


def test_with_the_paid_setting_an_issued_invoice_is_not_enough(renewed: AppContext) -> None:
    context = renewed
    context.settings.save({"term_held_when": "paid"})
    invoice = context.invoices.issue(
        _renewal_invoice(context, "Issued Renewal Corp").id, date(2026, 12, 7)
    )
    term = _term_of(context, "Issued Renewal Corp", 2027)
    with pytest.raises(UserError, match=f"its invoice {invoice.number} is not paid in full"):
        context.certificates.issue(term, on=ISSUE_DAY)
    context.payments.record(str(invoice.number), invoice.total.amount, date(2026, 12, 20))
    assert context.certificates.issue(term, on=ISSUE_DAY).legal_name == "Issued Renewal Corp"


def test_the_setting_is_checked(context: AppContext) -> None:
    assert context.settings.load().term_held_when == "issued"
    with pytest.raises(ValidationError, match="choose 'issued' or 'paid'"):
        context.settings.save({"term_held_when": "signed"})


def _term_of(context: AppContext, name: str, year: int) -> Any:
    organization = next(r.id for r in context.organizations.find_duplicates({"display_name": name}))
    return next(
        t.id for t in context.organizations.get(organization).terms if t.start_date.year == year
    )


def test_the_setting_is_shown_and_saved_in_settings(
    qtbot: QtBot, main_window: Any, context: AppContext, tmp_path: Path
) -> None:
    """A person opens Settings, picks "paid in full" and saves."""
    settings = main_window.page("settings")
    assert isinstance(settings, SettingsPage)
    combo = settings.fields["term_held_when"].editor
    assert settings.fields["term_held_when"].label.text() == ("Terms held once the invoice is:")
    assert combo.currentText() == "issued"
    qtbot.keyClicks(combo, "p")  # typing the first letter picks "paid in full"
    assert combo.currentText() == "paid in full"
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert settings.status.text() == "Saved."
    assert context.settings.load().term_held_when == "paid"
    settings.findChild(QScrollArea).ensureWidgetVisible(combo)
    settings.grab().save(str(tmp_path / "settings.png"))


def test_the_issue_dialog_says_why_a_drafted_term_cannot_be_certified(
    qtbot: QtBot, renewed: AppContext, tmp_path: Path
) -> None:
    """A person looks at next year's terms and clicks the one billed only by a draft."""
    dialog = IssueDialog(renewed)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.year.selectAll()
    qtbot.keyClicks(dialog.year, "2027")
    terms = dialog.table.model()
    names = [terms.index(row, 0).data() for row in range(terms.rowCount())]
    row = names.index("Draft Renewal Corp")
    qtbot.mouseClick(
        dialog.table.viewport(), Qt.MouseButton.LeftButton,
        pos=dialog.table.visualRect(terms.index(row, 0)).center(),
    )  # fmt: skip
    assert not dialog.issue_button.isEnabled()
    assert dialog.reason.text().startswith("The term is not held yet: its invoice is still a draft")
    free = names.index("Free University")
    assert terms.index(free, 3).data() == "To issue"
    dialog.grab().save(str(tmp_path / "issue.png"))
