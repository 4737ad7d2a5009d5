"""A tier change moves the member's terms: certificates and reports say the new tier."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot
from test_gui_organization_editor import fill_form, open_editor, rows

from ptf_desktop.domain.organizations import ApplicationOutcome, Tier
from ptf_desktop.persistence.models import Organization
from ptf_desktop.services.context import AppContext

from helpers.certificates import add_member, configure_signatory

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases


def _approve_premier(context: AppContext, organization: Any) -> None:
    applied = date(2026, 12, 1)
    application = context.memberships.record_application(organization, Tier.PREMIER, applied)
    context.memberships.update_application(
        application, outcome=ApplicationOutcome.APPROVED, decided_on=date(2026, 12, 10)
    )


def _terms(context: AppContext, organization: Any) -> list[tuple[str, date, date]]:
    terms = context.organizations.get(organization).terms
    return sorted((t.tier.value, t.start_date, t.end_date) for t in terms)


def test_a_change_from_the_first_day_moves_the_whole_term_and_its_certificate(
    context: AppContext, tricky_names: list[str]
) -> None:
    configure_signatory(context)
    name = tricky_names[1]
    organization, term = add_member(context, name, start=date(2027, 1, 1))
    certificate = context.certificates.issue(term, on=date(2027, 1, 15))
    assert certificate.tier == "General"
    _approve_premier(context, organization)

    context.memberships.change_tier(organization, Tier.PREMIER, date(2027, 1, 1), "Board approved")

    assert _terms(context, organization) == [("premier", date(2027, 1, 1), date(2027, 12, 31))]
    problems = context.organizations.get(organization).problems
    [stale] = [problem for problem in problems if problem.startswith("Certificate")]
    assert stale == (
        f"Certificate {certificate.number} says General for 2027-01-01 to 2027-12-31; the "
        "term is now Premier for 2027-01-01 to 2027-12-31: re-issue it (Certificates)."
    )
    reissued = context.certificates.reissue(certificate.id, on=date(2027, 3, 1))
    assert not any("re-issue" in p for p in context.organizations.get(organization).problems)
    assert reissued.tier == "Premier" and reissued.legal_name == name
    [row] = context.reports.build("member-list").rows
    assert (row[0], row[1]) == ("Premier", name)
    assert context.organizations.get(organization).tier is Tier.PREMIER
    with context.factories.read.begin() as s:
        assert s.get(Organization, organization).commitment_end == date(2028, 12, 31)


def test_a_change_mid_term_splits_the_term_like_an_upgrade(context: AppContext) -> None:
    configure_signatory(context)
    organization, _ = add_member(context, "Mid Year Corp", start=date(2027, 1, 1))
    _approve_premier(context, organization)

    context.memberships.change_tier(organization, Tier.PREMIER, date(2027, 3, 1))

    assert _terms(context, organization) == [
        ("general", date(2027, 1, 1), date(2027, 2, 28)),
        ("premier", date(2027, 3, 1), date(2027, 12, 31)),
    ]
    premier_term = next(t.id for t in context.organizations.get(organization).terms
                        if t.tier is Tier.PREMIER)  # fmt: skip
    assert context.certificates.issue(premier_term, on=date(2027, 3, 2)).tier == "Premier"
    history = context.organizations.get(organization).tier_changes
    assert [(c.from_tier, c.to_tier, c.effective_date) for c in history][-1] == (
        Tier.GENERAL, Tier.PREMIER, date(2027, 3, 1),
    )  # fmt: skip


def test_a_prepared_next_term_moves_too(context: AppContext) -> None:
    organization, _ = add_member(context, "Two Terms Corp", start=date(2027, 1, 1))
    context.memberships.add_term(organization, date(2028, 1, 1), date(2028, 12, 31))
    _approve_premier(context, organization)
    context.memberships.change_tier(organization, Tier.PREMIER, date(2027, 7, 1))
    assert [tier for tier, _, _ in _terms(context, organization)] == [
        "general", "premier", "premier",
    ]  # fmt: skip


def test_changing_the_tier_in_the_editor_shows_the_terms_at_the_new_tier(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    """A person changes an approved General member to Premier and reads the Terms table."""
    configure_signatory(context)
    organization, term = add_member(context, "Approved Corp", start=date(2027, 1, 1))
    number = context.certificates.issue(term, on=date(2027, 1, 15)).number
    _approve_premier(context, organization)
    dialog = open_editor(qtbot, context, QUndoStack(), organization)
    tab = dialog.membership_tab
    dialog.tabs.setCurrentWidget(tab)
    change = {"tier": Tier.PREMIER, "effective": date(2027, 4, 1), "note": "Board approved"}
    assert fill_form(qtbot, tab.buttons["change_tier"], change, "Change tier") == []
    qtbot.waitUntil(lambda: tab.summary["tier"].text() == "Premier")
    assert rows(tab.terms_table) == [
        ("General", "2027-01-01", "2027-03-31"),
        ("Premier", "2027-04-01", "2027-12-31"),
    ]
    assert f"Certificate {number} says General for 2027-01-01 to 2027-12-31" in (
        dialog.banner.text()
    )
    banner = dialog.banner
    qtbot.waitUntil(lambda: banner.height() >= banner.heightForWidth(banner.width()))
    dialog.grab().save(str(tmp_path / "tier-change.png"))
