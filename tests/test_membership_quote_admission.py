"""Accepting a membership quote makes the prospect a member; every view then agrees."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text, update

from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import ApplicationOutcome, MembershipStatus, Tier
from ptf_desktop.persistence.models import MembershipTerm, Organization
from ptf_desktop.persistence.models.billing import InvoiceLine
from ptf_desktop.services.billing.drafts import DraftLineSpec
from ptf_desktop.services.billing.quote_lines import lines_from_price
from ptf_desktop.services.billing.quote_service import QuoteSpec
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.billing.quotes_page import QuotesPage

from helpers.billing import add_organization, configure_seller
from helpers.billing_ui import use_plain_pdfs
from helpers.certificates import configure_signatory

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

TODAY = date.today()
YEAR = TODAY.year + 1


def _sent_quote(context: AppContext, name: str, tier: str = "general") -> tuple[Any, Any]:
    """A prospect (with an LF membership: no LF line) and a sent quote for next year."""
    configure_seller(context)
    organization = add_organization(context, name, lf_membership="silver")
    price = context.fees.price_organization(
        organization, date(YEAR, 1, 1), date(YEAR, 12, 31), tier
    )
    quote = context.quotes.create_draft(
        QuoteSpec(organization, "USD", TODAY + timedelta(days=30), lines_from_price(price))
    )
    context.quotes.send(quote, TODAY)
    return organization, quote


def test_accepting_a_membership_quote_admits_the_prospect(
    context: AppContext, tricky_names: list[str]
) -> None:
    configure_signatory(context)
    name = tricky_names[3].strip()
    organization, quote = _sent_quote(context, name)
    assert context.organizations.get(organization).status is MembershipStatus.PROSPECT

    invoice = context.quotes.accept(quote)

    details = context.organizations.get(organization)
    assert (details.tier, details.status) == (Tier.GENERAL, MembershipStatus.ACTIVE)
    assert details.member_since == date(YEAR, 1, 1) and details.term_end == date(YEAR, 12, 31)
    [term] = details.terms
    assert (term.tier, term.start_date, term.end_date) == (
        Tier.GENERAL, date(YEAR, 1, 1), date(YEAR, 12, 31),
    )  # fmt: skip
    assert [line.term_id for line in context.invoices.get(invoice).lines] == [term.id]
    assert details.tier_changes[-1].to_tier is Tier.GENERAL
    assert "accepted" in details.tier_changes[-1].note
    # The member list, the dashboard and the renewal calendar count it.
    members = context.reports.build("member-list", year=YEAR).rows
    assert [(row[0], row[1]) for row in members] == [("General", name)]
    members_tile = context.dashboard.figures(TODAY).members
    assert [(m.tier, m.status, m.count) for m in members_tile] == [("general", "active", 1)]
    calendar = context.renewals.overview(date(YEAR, 12, 1), 90)
    assert [row.name for row in calendar.rows] == [name]
    # The term is held once its invoice is issued: then it is certified.
    with pytest.raises(UserError, match="still a draft"):
        context.certificates.issue(term.id, on=date(YEAR, 1, 10))
    context.invoices.issue(invoice, TODAY)
    assert context.certificates.issue(term.id, on=date(YEAR, 1, 10)).tier == "General"


def test_a_premier_quote_whose_approval_was_withdrawn_is_not_accepted(
    context: AppContext,
) -> None:
    configure_seller(context)
    organization = add_organization(context, "Hopeful Corp", lf_membership="silver")
    application = context.memberships.record_application(organization, Tier.PREMIER, TODAY)
    context.memberships.update_application(
        application, outcome=ApplicationOutcome.APPROVED, decided_on=TODAY
    )
    price = context.fees.price_organization(
        organization, date(YEAR, 1, 1), date(YEAR, 12, 31), Tier.PREMIER
    )
    quote = context.quotes.create_draft(
        QuoteSpec(organization, "USD", TODAY + timedelta(days=30), lines_from_price(price))
    )
    context.quotes.send(quote, TODAY)
    context.memberships.update_application(
        application, outcome=ApplicationOutcome.REJECTED, decided_on=TODAY
    )
    with pytest.raises(UserError, match="approved by the Governing Board"):
        context.quotes.accept(quote)
    assert context.quotes.get(quote).summary.status == "sent"
    assert context.invoices.list() == []
    assert context.organizations.get(organization).status is MembershipStatus.APPLIED


def test_issuing_the_invoice_of_a_quote_accepted_earlier_admits_the_member(
    context: AppContext,
) -> None:
    organization, quote = _sent_quote(context, "Accepted Last Month Ltd")
    invoice = context.quotes.accept(quote)
    _as_before_the_rule(context)
    context.invoices.issue(invoice, TODAY)
    details = context.organizations.get(organization)
    assert details.status is MembershipStatus.ACTIVE and details.tier is Tier.GENERAL
    assert [(t.start_date, t.end_date) for t in details.terms] == [
        (date(YEAR, 1, 1), date(YEAR, 12, 31))
    ]


def test_the_days_status_check_admits_a_member_whose_quote_was_paid_before(
    context: AppContext,
) -> None:
    organization, quote = _sent_quote(context, "Paid Last Month Ltd")
    invoice = context.quotes.accept(quote)
    issued = context.invoices.issue(invoice, TODAY)
    context.payments.record(str(issued.number), issued.total.amount, TODAY)
    _as_before_the_rule(context)  # accepted, issued and paid: still a prospect

    changes = context.renewals.apply_status_transitions(TODAY)

    assert [(c.name, c.old, c.new) for c in changes] == [
        ("Paid Last Month Ltd", MembershipStatus.PROSPECT, MembershipStatus.ACTIVE)
    ]
    details = context.organizations.get(organization)
    assert details.tier is Tier.GENERAL and len(details.terms) == 1
    assert context.renewals.apply_status_transitions(TODAY) == ()  # once only


def _as_before_the_rule(context: AppContext) -> None:
    """The database as acceptance left it before it admitted: no term, a prospect."""
    with context.factories.write.begin() as s:
        # The issued invoice's lines are guarded on SQLite; the guards stand aside only
        # while change capture is off (as when pulled rows are applied), so this rewrite
        # of history switches it off for its own transaction. PostgreSQL has no guards.
        sqlite = s.get_bind().dialect.name == "sqlite"
        flag = "SELECT value FROM sync_local_state WHERE key = 'capture'"
        capture = s.execute(text(flag)).scalar()
        switch = "INSERT OR REPLACE INTO sync_local_state (key, value) VALUES ('capture', :v)"
        if sqlite:
            s.execute(text(switch), {"v": "off"})
        s.execute(update(InvoiceLine).values(term_id=None))
        s.execute(update(MembershipTerm).values(deleted=True))
        s.execute(
            update(Organization).values(
                status="prospect", tier=None, member_since=None, term_end=None
            )
        )
        if sqlite:
            s.execute(text(switch), {"v": capture or "on"})


def test_a_quote_that_is_not_for_membership_admits_no_one(context: AppContext) -> None:
    organization = add_organization(context, "Sponsor Only GmbH")
    line = DraftLineSpec("Event sponsorship, Gold", Decimal(1), Money(Decimal("25000"), "USD"))
    quote = context.quotes.create_draft(
        QuoteSpec(organization, "USD", TODAY + timedelta(days=30), (line,))
    )
    context.quotes.send(quote, TODAY)
    context.quotes.accept(quote)
    assert context.organizations.get(organization).status is MembershipStatus.PROSPECT


def test_accepting_in_the_window_says_the_prospect_is_now_a_member(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    """A person accepts a sent membership quote and reads what happened."""
    use_plain_pdfs(context)
    _, quote = _sent_quote(context, "Window Shopper Inc.")
    page = QuotesPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.refresh(quote)
    with qtbot.waitSignal(page.invoice_created):
        page.buttons["accept"].click()
    assert page.notice.text().endswith(
        f"Window Shopper Inc. is now a General member for {YEAR}-01-01 to {YEAR}-12-31."
    )
    notice = page.notice  # wrapped over two lines once the layout has room for it
    qtbot.waitUntil(lambda: notice.height() >= notice.heightForWidth(notice.width()))
    page.grab().save(str(tmp_path / "quotes.png"))


def test_the_start_up_check_says_who_was_admitted(qtbot: QtBot, main_window: Any) -> None:
    """Staff open the window and read, in the status bar, that a member was admitted."""
    from test_gui_status_check import warm_up_with_check

    context = main_window.context
    organization, quote = _sent_quote(context, "Paid Before Ltd")
    issued = context.invoices.issue(context.quotes.accept(quote), TODAY)
    context.payments.record(str(issued.number), issued.total.amount, TODAY)
    _as_before_the_rule(context)

    warm_up_with_check(qtbot, main_window, lambda: TODAY)

    assert main_window.statusBar().currentMessage() == (
        "Membership statuses updated today: 1 admitted (their membership quote was accepted)."
    )
    assert context.organizations.get(organization).status is MembershipStatus.ACTIVE
