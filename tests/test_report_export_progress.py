"""Report and landscape exports: progress, cancelling, the PDF size limit, large XLSX."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.domain.progress import Cancelled, Progress
from ptf_desktop.domain.reports import Column, ColumnType, make_report
from ptf_desktop.services.context import AppContext
from ptf_desktop.services.reports import csv_export, export, xlsx_export
from ptf_desktop.services.reports.xlsx_export import HEADER_ROW, write_xlsx

from helpers.members import PNG, add_member


def counting() -> tuple[Progress, list[tuple[int, int]]]:
    seen: list[tuple[int, int]] = []
    return Progress(lambda done, total: seen.append((done, total))), seen


def stopping_after(steps: int) -> Progress:
    asked = [0]

    def cancelled() -> bool:
        asked[0] += 1
        return asked[0] > steps

    return Progress(cancelled=cancelled)


def test_an_export_reports_its_rows(
    context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(5):
        add_member(context, f"Member {number}", Tier.GENERAL)
    monkeypatch.setattr(xlsx_export, "STEP_ROWS", 2)
    monkeypatch.setattr(csv_export, "STEP_ROWS", 2)
    for suffix in (".xlsx", ".csv"):
        progress, seen = counting()
        context.reports.export("member-list", tmp_path / f"m{suffix}", progress=progress)
        assert seen == [(0, 5), (2, 5), (4, 5), (5, 5)], suffix


@pytest.mark.parametrize(("suffix", "steps"), [(".xlsx", 2), (".csv", 2), (".pdf", 1)])
def test_a_cancelled_export_leaves_the_previous_file_as_it_was(
    context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, steps: int
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    for number in range(5):
        add_member(context, f"Member {number}", Tier.GENERAL)
    monkeypatch.setattr(xlsx_export, "STEP_ROWS", 2)
    monkeypatch.setattr(csv_export, "STEP_ROWS", 2)
    path = tmp_path / f"members{suffix}"
    path.write_bytes(b"the previous export")
    with pytest.raises(Cancelled):  # after the build, in the middle of the rows (or pages)
        context.reports.export("member-list", path, progress=stopping_after(steps))
    assert path.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary left


def test_a_pdf_of_too_many_rows_is_refused_with_what_to_do_instead(
    context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(4):
        add_member(context, f"Member {number}", Tier.GENERAL)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    monkeypatch.setattr(export, "PDF_ROW_LIMIT", 3)
    with pytest.raises(UserError) as refused:
        context.reports.export("member-list", tmp_path / "m.pdf")
    assert str(refused.value) == (
        "The Member list by tier report has 4 rows, too many for a PDF (at most 3 rows). "
        "Export it as Excel (.xlsx) or CSV instead."
    )
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(export, "PDF_ROW_LIMIT", 4)
    context.reports.export("member-list", tmp_path / "m.pdf")
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")


def test_a_large_xlsx_keeps_every_value_and_type(tmp_path: Path) -> None:
    rows = [
        (f"Org {n} <&> \x01", n, Money(Decimal(n) / 100, "JPY" if n % 3 else "USD"),
         date(2020, 1, 1 + n % 28), Decimal("0.5") * n if n % 2 else None)
        for n in range(12_345)
    ]  # fmt: skip
    report = make_report(
        "Big", [Column("Name"), Column("N", ColumnType.NUMBER), Column("Amount", ColumnType.MONEY),
                Column("Day", ColumnType.DATE), Column("Half", ColumnType.NUMBER)], rows,
    )  # fmt: skip
    path = tmp_path / "big.xlsx"
    write_xlsx(report, path)
    sheet = load_workbook(path, read_only=True).active
    read = list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert len(read) == len(rows)
    for got, (name, n, amount, day, half) in zip(read[::997], rows[::997], strict=True):
        assert got[0] == name.replace("\x01", "\ufffd") and got[1] == n
        assert got[2] == pytest.approx(float(amount.amount)) and got[3].date() == day
        assert got[4] == (None if half is None else pytest.approx(float(half)))
    book = load_workbook(path)
    cells = book.active[HEADER_ROW + 2]
    assert cells[2].number_format == '#,##0 "JPY";-#,##0 "JPY"'
    assert book.active[HEADER_ROW + 1][2].number_format == '#,##0.00 "USD";-#,##0.00 "USD"'
    assert book.properties.title == "Big" and book.active.auto_filter.ref == "A4:E12349"


def test_a_cancelled_landscape_export_keeps_the_previous_one(
    context: AppContext, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "site"
    for number in range(30):
        member = add_member(context, f"Member {number}", Tier.GENERAL)
        context.organizations.set_logo(member, PNG, "image/png")
    context.landscape.export(tmp_path)
    before = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    add_member(context, "Newcomer", Tier.GENERAL)
    with pytest.raises(Cancelled):
        context.landscape.export(tmp_path, stopping_after(1))  # after 20 logos
    after = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before and len(before) == 31
    progress, seen = counting()
    assert context.landscape.export(tmp_path, progress).members == 31
    assert seen == [(0, 30), (20, 30)]
