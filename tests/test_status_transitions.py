"""Grace and lapse by themselves: the days around each boundary, audit, idempotency, CLI."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_renewal_services import member, sql

from ptf_desktop.cli.main import main
from ptf_desktop.domain.organizations import MembershipStatus, Tier
from ptf_desktop.domain.renewals import RenewalIntent
from ptf_desktop.domain.status_transitions import status_on
from ptf_desktop.domain.term_rules import TermRules
from ptf_desktop.services.context import AppContext, open_context

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

END = date(2026, 12, 31)
RULES = TermRules(grace_days=60)
ACTIVE, GRACE, LAPSED = (MembershipStatus.ACTIVE, MembershipStatus.GRACE,
                         MembershipStatus.LAPSED)  # fmt: skip
RENEWING, LEAVING = RenewalIntent.RENEWING.value, RenewalIntent.NON_RENEWING.value


@pytest.mark.parametrize(
    ("status", "today", "wanted"),
    [
        (ACTIVE, END, None),  # the last day of the term
        (ACTIVE, END + timedelta(days=1), GRACE),  # the first day overdue
        (ACTIVE, END + timedelta(days=60), GRACE),  # the last day of grace
        (ACTIVE, END + timedelta(days=61), LAPSED),  # closed for months: straight to lapsed
        (GRACE, END + timedelta(days=60), None),
        (GRACE, END + timedelta(days=61), LAPSED),
        (GRACE, END, ACTIVE),  # renewed (term end moved on) and nothing unpaid
    ],
)
def test_grace_and_lapse_boundaries(
    status: MembershipStatus, today: date, wanted: MembershipStatus | None
) -> None:
    assert status_on(status.value, END, RENEWING, today, RULES) == wanted


def test_an_unpaid_renewal_invoice_counts_from_its_due_date_and_leap_years() -> None:
    renewed_to, due = date(2028, 12, 31), date(2028, 1, 30)
    assert status_on("active", renewed_to, RENEWING, due, RULES, due) is None
    assert status_on("active", renewed_to, RENEWING, due + timedelta(days=1), RULES, due) == GRACE
    # 2028 is a leap year: 60 days after 30 January is 30 March.
    assert status_on("grace", renewed_to, RENEWING, date(2028, 3, 30), RULES, due) is None
    assert status_on("grace", renewed_to, RENEWING, date(2028, 3, 31), RULES, due) == LAPSED
    assert status_on("active", END, RENEWING, date(2027, 3, 1), TermRules(grace_days=0)) == LAPSED


def test_non_renewing_members_lapse_when_the_term_ends_and_others_never_move() -> None:
    assert status_on("active", END, LEAVING, END, RULES) is None
    assert status_on("active", END, LEAVING, END + timedelta(days=1), RULES) == LAPSED
    for status in ("prospect", "applied", "lapsed", "cancelled"):
        assert status_on(status, END, RENEWING, END + timedelta(days=400), RULES) is None
    assert status_on("active", None, RENEWING, END, RULES) is None


def _statuses(context: AppContext) -> dict[str, str]:
    rows = sql(context, "SELECT display_name, status FROM organizations")
    return {str(name): str(status) for name, status in rows}


def test_the_service_moves_audits_and_changes_nothing_twice(
    context: AppContext, tricky_names: list[str]
) -> None:
    names = tricky_names[:3]
    ended, unpaid, fine = (member(context, name) for name in names)
    leaving = member(context, "Leaving Ltd")
    context.renewals.mark_non_renewing(leaving, date(2026, 11, 1))
    later = member(context, "Later Inc", Tier.GENERAL, date(2026, 1, 1), date(2027, 12, 31))
    assert later
    # "unpaid" renewed to 2027 but its issued renewal invoice fell due on 30 January.
    sql(context, "UPDATE organizations SET term_end = '2027-12-31' WHERE id = ?", unpaid.hex)
    sql(context, "INSERT INTO invoices (id, row_version, created_at, updated_at, deleted, "
        "organization_id, bill_to_name, bill_to_address_line1, bill_to_address_line2, "
        "bill_to_city, bill_to_region, bill_to_postal_code, bill_to_country, bill_to_email, "
        "buyer_vat_id, buyer_reference, currency, notes, net_minor, tax_minor, total_minor, "
        "status, due_date, renewal_year, paid_minor, credited_minor) VALUES (?, 0, "
        "'2027-01-01 00:00:00', '2027-01-01 00:00:00', false, ?, 'x', '', '', '', '', '', 'US', "
        "'', '', '', 'USD', '', 100, 0, 100, 'issued', '2027-01-30', 2027, 0, 0)",
        "f" * 32, unpaid.hex)  # fmt: skip
    sql(context, "UPDATE organizations SET term_end = '2027-12-31' WHERE id = ?", fine.hex)

    preview = context.renewals.apply_status_transitions(date(2027, 1, 31), dry_run=True)
    assert {(c.name, c.old, c.new) for c in preview} == {
        (names[0], ACTIVE, GRACE), (names[1], ACTIVE, GRACE), ("Leaving Ltd", ACTIVE, LAPSED),
    }  # fmt: skip
    assert set(_statuses(context).values()) == {"active"}  # a dry run writes nothing

    changes = context.renewals.apply_status_transitions(date(2027, 1, 31))
    assert changes == preview
    statuses = _statuses(context)
    assert [statuses[n] for n in names] == ["grace", "grace", "active"]
    assert statuses["Leaving Ltd"] == "lapsed" and statuses["Later Inc"] == "active"
    history = [e for e in context.audit.history(owner_id=ended) if e.field == "status"]
    assert ("update", "active", "grace") in [(e.action, e.old_value, e.new_value)
                                             for e in history]  # fmt: skip
    assert context.renewals.apply_status_transitions(date(2027, 1, 31)) == ()

    # Grace ends 60 days after the term (1 March 2027): the day after, the member lapses.
    assert context.renewals.apply_status_transitions(date(2027, 3, 1)) == ()
    lapsed = context.renewals.apply_status_transitions(date(2027, 3, 2))
    assert {c.name for c in lapsed} == {names[0]}
    # The unpaid invoice fell due on 30 January: its grace ends on 31 March.
    assert {c.name for c in context.renewals.apply_status_transitions(date(2027, 4, 1))} == {
        names[1]}  # fmt: skip
    sql(context, "UPDATE invoices SET status = 'paid'")
    assert context.renewals.apply_status_transitions(date(2027, 4, 2)) == ()  # lapsed stays


def test_the_cli_lists_then_applies(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    context = open_context(database_path)
    try:
        member(context, "Alpha")
    finally:
        context.close()
    arguments = ["--database", str(database_path), "renewals", "transitions", "--today"]
    assert main([*arguments, "2027-01-01", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Alpha\tActive -> Grace period\t1 days overdue" in out
    assert out.splitlines()[-1] == "Would change the status of 1 members on 2027-01-01."
    assert main([*arguments, "2027-01-01", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [(c["name"], c["from"], c["to"]) for c in result["changes"]] == [
        ("Alpha", "active", "grace")]  # fmt: skip
    assert main([*arguments, "2027-01-01"]) == 0
    assert capsys.readouterr().out == "Changed the status of 0 members on 2027-01-01.\n"
    with pytest.raises(SystemExit):
        main([*arguments, "tomorrow"])
