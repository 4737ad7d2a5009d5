"""The renewal calendar reads the register as it is: look-ahead, lapsed members, next terms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from ptf_desktop.cli.main import main
from ptf_desktop.domain.organizations import MembershipStatus, Tier
from ptf_desktop.domain.renewals import Bucket, RenewalIntent, next_term
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.renewals.models import RenewalTableModel
from ptf_desktop.ui.pages.renewals.page import RenewalsPage

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

TODAY = date(2026, 12, 7)


def _member(context: AppContext, name: str, start: date, end: date, **fields: str) -> Any:
    organization = context.organizations.create(
        {"display_name": name, "org_type": "commercial", "country": "US",
         "employees": "1200", "lf_membership": "silver", **fields}
    )  # fmt: skip
    context.memberships.admit(organization, Tier.GENERAL, start, end)
    return organization


@pytest.fixture
def calendar(context: AppContext, tricky_names: list[str]) -> AppContext:
    """Members ending in 24 days, in 5 months and in 10 months, and one lapsed in 2023."""
    _member(context, tricky_names[0], date(2026, 1, 1), date(2026, 12, 31))
    _member(context, tricky_names[1], date(2025, 5, 1), date(2026, 4, 30))  # then renewed
    context.memberships.add_term(
        context.organizations.find_duplicates({"display_name": tricky_names[1]})[0].id,
        date(2026, 5, 1), date(2027, 4, 30),
    )  # fmt: skip
    _member(context, "Autumn Systems", date(2025, 10, 1), date(2027, 9, 30))
    gone = _member(context, "Gone Since 2023", date(2022, 10, 1), date(2023, 9, 30))
    context.memberships.set_status(gone, MembershipStatus.LAPSED)
    return context


def test_a_longer_look_ahead_lists_more(calendar: AppContext, tricky_names: list[str]) -> None:
    near = calendar.renewals.overview(TODAY, 90)
    far = calendar.renewals.overview(TODAY, 365)
    assert {r.name for r in near.rows} == {tricky_names[0].strip(), "Gone Since 2023"}
    assert {r.name for r in far.rows} == {
        tricky_names[0].strip(), tricky_names[1].strip(), "Autumn Systems", "Gone Since 2023",
    }  # fmt: skip
    assert far.counts[Bucket.LATER] == 2 and Bucket.LATER not in near.counts


@pytest.mark.sqlite_only  # the command line opens a file
def test_ptf_renewals_due_counts_the_look_ahead(
    calendar: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    database = str(calendar.path)
    counts = []
    for days in ("90", "365"):
        assert main(["--database", database, "renewals", "due", "--within", days,
                     "--today", TODAY.isoformat()]) == 0  # fmt: skip
        counts.append(capsys.readouterr().out.splitlines()[-1])
    assert counts[0].startswith("2 members;") and counts[1].startswith("4 members;")


def test_a_lapsed_member_is_not_renewing(calendar: AppContext) -> None:
    [gone] = [r for r in calendar.renewals.overview(TODAY, 365).rows
              if r.name == "Gone Since 2023"]  # fmt: skip
    assert gone.bucket is Bucket.LAPSED and gone.intent is RenewalIntent.ENDED
    assert gone.next_price is None


def test_a_first_term_ending_on_30_december_is_not_followed_by_a_one_day_term(
    context: AppContext,
) -> None:
    assert (next_term(date(2026, 12, 30)).start, next_term(date(2026, 12, 30)).end) == (
        date(2026, 12, 31), date(2027, 12, 31),
    )  # fmt: skip
    assert next_term(date(2026, 12, 1)).end == date(2026, 12, 31)  # 30 days: a part-year
    late = _member(context, "Late Signer", date(2025, 12, 31), date(2026, 12, 30))

    [row] = [r for r in context.renewals.overview(TODAY, 90).rows if r.organization_id == late]
    assert (row.next_start, row.next_end) == (date(2026, 12, 31), date(2027, 12, 31))
    # One day of 2026 (35,000 / 365) and the whole of 2027.
    assert row.next_price is not None and row.next_price.amount == Decimal("35095.89")

    context.renewal_preparation.prepare(2026)
    [draft] = context.invoices.list("draft")
    details = context.invoices.get(draft.id)
    assert [line.description for line in details.lines] == [
        "General membership, 2026-12-31 to 2027-12-31"
    ]
    terms = sorted((t.start_date, t.end_date) for t in context.organizations.get(late).terms)
    assert terms[-1] == (date(2026, 12, 31), date(2027, 12, 31))
    assert context.renewal_preparation.preview(2027).items == ()


def test_the_renewals_page_looks_a_year_ahead(
    qtbot: QtBot, main_window: Any, calendar: AppContext, tmp_path: Path
) -> None:
    """A person sets the look-ahead to 365 days, refreshes, and reads the rows."""
    page = main_window.page("renewals")
    assert isinstance(page, RenewalsPage)
    qtbot.waitUntil(lambda: not page.busy())
    page.as_of.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    qtbot.waitUntil(lambda: not page.busy() and page.overview is not None
                    and page.overview.today == TODAY)  # fmt: skip
    assert page.proxy.rowCount() == 2
    page.within.selectAll()
    qtbot.keyClicks(page.within, "365")
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy() and page.proxy.rowCount() == 4)
    shown = {
        page.proxy.index(row, RenewalTableModel.NAME).data(): (
            page.proxy.index(row, RenewalTableModel.BUCKET).data(),
            page.proxy.index(row, RenewalTableModel.INTENT).data(),
        )
        for row in range(page.proxy.rowCount())
    }
    assert shown["Autumn Systems"] == ("Ends in more than 90 days", "Renewing")
    assert shown["Gone Since 2023"] == ("Lapsed", "Membership ended")
    main_window.resize(1400, 700)
    main_window.grab().save(str(tmp_path / "renewals.png"))
