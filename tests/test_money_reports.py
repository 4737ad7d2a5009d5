"""The money reports on the known data set: exact rows, real XLSX cells, ``ptf reports``."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ptf_desktop.cli.main import main
from ptf_desktop.domain.money import Money
from ptf_desktop.services.reports.catalog import ReportRequest, find_report
from ptf_desktop.services.reports.xlsx_export import HEADER_ROW, write_xlsx

from helpers.billing import configure_seller
from helpers.dashboard_data import TODAY, make_known_data

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases


def usd(text: str) -> Money:
    return Money(Decimal(text), "USD")


def build(context: Any, name: str, year: int | None = None) -> Any:
    return find_report(name).build(ReportRequest(context.factories, year, TODAY))


@pytest.fixture
def known(context: Any) -> Any:
    make_known_data(context)
    return context


def test_receivables_aging_rows(known: Any) -> None:
    report = build(known, "receivables-aging")
    zero = usd("0")
    assert report.rows == (
        ("Alpha AI", "USD", zero, zero, zero, zero, usd("40000"), usd("40000")),
        ("Beta Labs", "USD", usd("20000"), zero, zero, zero, zero, usd("20000")),
        ("Gamma University", "USD", zero, usd("5000"), zero, zero, zero, usd("5000")),
    )
    assert report.subtitle.startswith("Open balances as of 2026-11-30")


def test_revenue_by_tier_and_year_rows(known: Any) -> None:
    zero = usd("0")
    every = build(known, "revenue-by-tier")
    assert every.rows == (
        (2025, "Premier", "USD", 1, usd("100000"), zero, usd("100000"), usd("100000")),
        (2025, "General", "USD", 1, usd("20000"), zero, usd("20000"), zero),
        (2026, "Premier", "USD", 1, usd("100000"), zero, usd("100000"), usd("60000")),
        (2026, "General", "USD", 1, usd("20000"), zero, usd("20000"), usd("20000")),
        (2026, "Associate", "USD", 1, usd("5000"), zero, usd("5000"), zero),
    )
    assert [row[0] for row in build(known, "revenue-by-tier", 2025).rows] == [2025, 2025]


def test_revenue_is_reduced_by_credit_notes(known: Any) -> None:
    configure_seller(known)
    gamma = next(i for i in known.invoices.list() if i.organization == "Gamma University")
    known.credit_notes.create(
        gamma.number, "Associate membership is free", issue_date=date(2026, 11, 2)
    )
    row = next(r for r in build(known, "revenue-by-tier", 2026).rows if r[1] == "Associate")
    assert row[4:7] == (usd("5000"), usd("5000"), usd("0"))


def test_renewal_forecast_uses_the_schedule_in_force_when_the_term_starts(known: Any) -> None:
    report = build(known, "renewal-forecast")
    assert [(r[0], r[1], r[2], r[3], r[5]) for r in report.rows] == [
        ("Alpha AI", "Premier", date(2027, 1, 1), date(2027, 12, 31), usd("170000")),
        ("Beta Labs", "General", date(2027, 1, 1), date(2027, 12, 31), usd("45000")),
        ("Gamma University", "Associate", date(2027, 1, 1), date(2027, 12, 31), usd("0")),
    ]
    assert report.subtitle == "Renewals starting in 2027: 3 members, USD 215,000.00"
    current = known.fees.schedule_on(TODAY)
    raised = tuple(
        replace(e, amount=e.amount + usd("10000")) if e.kind.value == "premier" else e
        for e in current.entries
    )
    known.fees.add_schedule("Fees 2027", date(2027, 1, 1), raised)
    again = build(known, "renewal-forecast")
    assert (again.rows[0][4], again.rows[0][5]) == ("Fees 2027", usd("180000"))
    assert build(known, "renewal-forecast", 2026).rows == ()  # no term starts in 2026 now


def test_xlsx_cells_are_numbers_and_dates(known: Any, tmp_path: Path) -> None:
    path = tmp_path / "forecast.xlsx"
    write_xlsx(build(known, "renewal-forecast"), path)
    sheet = load_workbook(path).active
    first = [cell for cell in next(sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 1))]
    assert first[0].value == "Alpha AI"
    assert isinstance(first[2].value, datetime) and first[2].is_date
    assert first[5].value == 170000 and first[5].data_type == "n"


@pytest.mark.sqlite_only  # the command line opens a file
def test_ptf_reports_writes_the_money_reports(known: Any, tmp_path: Path, capsys: Any) -> None:
    database = ["--database", str(known.path)]
    for name in ("receivables-aging", "revenue-by-tier", "renewal-forecast"):
        out = tmp_path / f"{name}.csv"
        assert main([*database, "reports", name, "--out", str(out)]) == 0
        assert out.read_text(encoding="utf-8-sig").count("\n") > 1
    capsys.readouterr()
    assert (
        main([*database, "reports", "receivables-aging", "--year", "2026", "--out", "x.csv"]) == 1
    )
    assert "takes no year" in capsys.readouterr().err
