"""The demo office: settings filled in, billing history, quotes, certificates, signing.

The demo must show real figures on the first launch, and stay deterministic by seed.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ptf_desktop.persistence.record_checks import record_problems
from ptf_desktop.services.context import open_context

TODAY = date(2026, 11, 20)
ORGANIZATIONS = 120


def _office(path: Path, folder: Path) -> tuple[Any, Any]:
    context: Any = open_context(path)
    context.demo.generate(ORGANIZATIONS, seed=7, today=TODAY)
    return context, context.demo_office.furnish(7, folder, today=TODAY)


def _history(context: Any) -> list[tuple[object, ...]]:
    return [(i.number, i.organization, i.status, i.total, i.paid, i.credited, i.issue_date)
            for i in context.invoices.list()]  # fmt: skip


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One demo office, shared by the tests that only read it."""
    import keyring

    from helpers.memory_keyring import MemoryKeyring

    folder = tmp_path_factory.mktemp("office")
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    context, summary = _office(folder / "demo.sqlite", folder)
    yield context, summary, folder
    context.close()
    keyring.set_keyring(previous)


def test_the_office_is_set_up_so_documents_can_be_issued(office: Any) -> None:
    context, summary, folder = office
    settings = context.settings.load()
    assert settings.tax_id and settings.iban and settings.signatory_name
    assert not [e for s in context.fees.schedules() for e in s.entries if e.to_be_confirmed]
    assert summary.signing == str(folder / "demo-signing-certificate.p12")
    assert context.certificate_settings.signing_material() is not None


def test_billing_history_holds_every_outcome(office: Any) -> None:
    context, summary, _ = office
    invoices = [invoice for invoice in context.invoices.list() if invoice.number]
    statuses = Counter(invoice.status for invoice in invoices)
    assert summary.billing.invoices == len(invoices) > 20
    assert {"paid", "overdue", "credited"} <= set(statuses), statuses
    assert any(0 < i.paid.amount < i.total.amount for i in invoices)  # part-paid
    assert any(i.due_date < TODAY and i.balance.amount > 0 for i in invoices)
    assert len({i.issue_date.year for i in invoices}) >= 3  # past years too
    assert summary.billing.refunds == len(context.credits.refunds()) > 0
    quotes = Counter(quote.status for quote in context.quotes.list())
    assert set(quotes) >= {"draft", "sent", "accepted", "declined", "expired"}, quotes


def test_the_dashboard_and_aging_show_real_figures(office: Any) -> None:
    context, summary, _ = office
    figures = context.dashboard.figures(TODAY)
    assert figures.invoiced_this_year and figures.collected_this_year
    assert figures.overdue.count > 0 and figures.revenue_by_tier
    assert any(bucket.count for bucket in figures.aging if bucket.bucket != "current")
    assert summary.certificates == len(context.certificates.list("valid")) > 0


def test_the_first_start_finds_every_status_as_the_term_rules_give_it(office: Any) -> None:
    context, _, _ = office
    assert context.renewals.apply_status_transitions(TODAY, dry_run=True) == ()


def test_the_office_passes_the_database_check(office: Any) -> None:
    context, _, _ = office
    assert record_problems(context.path) == []


def test_the_same_seed_gives_the_same_office(office: Any, tmp_path: Path) -> None:
    first, _, _ = office
    second, _ = _office(tmp_path / "again.sqlite", tmp_path)
    try:
        assert _history(second) == _history(first)
    finally:
        second.close()
