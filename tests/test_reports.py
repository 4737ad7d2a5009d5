"""Reports: the typed model, CSV and XLSX cells, the two reports, ``ptf reports``."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ptf_desktop.cli.main import main
from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import MembershipStatus, Tier
from ptf_desktop.domain.reports import Column, ColumnType, make_report
from ptf_desktop.services.context import AppContext
from ptf_desktop.services.register.organization_columns import restore
from ptf_desktop.services.reports.csv_export import write_csv
from ptf_desktop.services.reports.xlsx_export import HEADER_ROW, write_xlsx

from helpers.members import add_member

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

MIXED = make_report(
    "Money [test]: a/b",
    [
        Column("Name"), Column("Count", ColumnType.NUMBER), Column("Amount", ColumnType.MONEY),
        Column("Due", ColumnType.DATE), Column("Ratio", ColumnType.NUMBER),
    ],
    [
        ("=SUM(A1:A9)", 3, Money(Decimal("1234.5"), "USD"), date(2026, 3, 1), Decimal("0.25")),
        ("Plain", None, Money(Decimal("-20"), "USD"), None, None),
    ],
    "Test rows",
)  # fmt: skip


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def table(path: Path) -> list[list[object]]:
    sheet = load_workbook(path).active
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=HEADER_ROW)]


def test_rows_must_match_their_columns() -> None:
    columns = [Column("Name"), Column("When", ColumnType.DATE)]
    with pytest.raises(ValueError, match="row 1 has 1 values"):
        make_report("T", columns, [("only one",)])
    with pytest.raises(TypeError, match="column 'When': str is not a date"):
        make_report("T", columns, [("x", "2026-01-01")])
    with pytest.raises(TypeError, match="bool is not a number"):
        make_report("T", [Column("N", ColumnType.NUMBER)], [(True,)])
    with pytest.raises(TypeError, match="float is not a money"):
        make_report("T", [Column("M", ColumnType.MONEY)], [(1.5,)])


def test_csv_has_plain_values_and_no_live_formulas(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    write_csv(MIXED, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in path.read_bytes()
    assert read_csv(path) == [
        ["Name", "Count", "Amount (USD)", "Due", "Ratio"],
        ["'=SUM(A1:A9)", "3", "1234.50", "2026-03-01", "0.25"],
        ["Plain", "", "-20.00", "", ""],
    ]
    assert restore(read_csv(path)[1][0]) == "=SUM(A1:A9)"


def test_csv_money_of_several_currencies_names_the_currency_in_each_cell(tmp_path: Path) -> None:
    report = make_report(
        "T", [Column("Amount", ColumnType.MONEY)],
        [(Money(Decimal("5"), "EUR"),), (Money(Decimal("7"), "JPY"),)],
    )  # fmt: skip
    write_csv(report, tmp_path / "r.csv")
    assert read_csv(tmp_path / "r.csv") == [["Amount"], ["5.00 EUR"], ["7 JPY"]]


def test_xlsx_has_real_number_money_and_date_cells(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_xlsx(MIXED, path)
    book = load_workbook(path)
    sheet = book.active
    assert sheet.title == "Money test a b"
    assert sheet["A1"].value == "Money [test]: a/b" and sheet["A1"].font.bold
    assert sheet["A2"].value.startswith("Test rows · Made ")
    header, first, second = (list(row) for row in sheet.iter_rows(min_row=HEADER_ROW))
    assert [cell.value for cell in header] == ["Name", "Count", "Amount", "Due", "Ratio"]
    assert first[0].value == "'=SUM(A1:A9)" and first[0].data_type == "s"
    assert first[1].value == 3 and first[1].data_type == "n"
    assert first[2].value == pytest.approx(1234.5) and first[2].data_type == "n"
    assert first[2].number_format == '#,##0.00 "USD";-#,##0.00 "USD"'
    assert first[3].is_date and first[3].value.date() == date(2026, 3, 1)
    assert first[4].value == pytest.approx(0.25) and first[4].data_type == "n"
    assert second[2].value == pytest.approx(-20)
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert sheet.auto_filter.ref == f"A{HEADER_ROW}:E{HEADER_ROW + 2}"


def test_sheet_names_excel_refuses_are_cleaned(tmp_path: Path) -> None:
    report = make_report("A/B: [x]? *" + "y" * 40, [Column("N")], [("v",)])
    write_xlsx(report, tmp_path / "r.xlsx")
    title = load_workbook(tmp_path / "r.xlsx").active.title
    assert len(title) <= 31 and not set("[]:*?/\\") & set(title) and title.startswith("A B")


def board(context: AppContext) -> list[tuple[object, ...]]:
    return list(context.reports.build("board-composition").rows)


def test_board_composition_lists_premier_seats_and_elected_general_seats(
    context: AppContext,
) -> None:
    for number in range(21):
        add_member(context, f"General {number:02d}", Tier.GENERAL)
    add_member(context, "Lapsed General", Tier.GENERAL, status=MembershipStatus.LAPSED)
    voting = add_member(context, "Zeta Premier", Tier.PREMIER)
    context.organizations.add_contact(
        voting, {"name": "Vera Voter", "roles": ["voting_representative"]}
    )
    context.organizations.add_contact(
        voting, {"name": "Alan Alternate", "roles": ["alternate_representative"]}
    )
    add_member(context, "Alpha Premier", Tier.PREMIER)
    report = context.reports.build("board-composition")
    assert report.subtitle == "4 seats: 2 Premier, 2 elected by 21 General members (0 filled)"
    assert list(report.rows) == [
        ("Premier seat 1", "Premier", "Alpha Premier", "(not named)", "", 1, None, None),
        ("Premier seat 2", "Premier", "Zeta Premier", "Vera Voter", "Alan Alternate", 1, None,
         None),
        ("General seat 1 of 2", "General", "Elected by the General members", "", "", 21, None,
         None),
        ("General seat 2 of 2", "General", "Elected by the General members", "", "", 21, None,
         None),
    ]  # fmt: skip


def test_member_list_now_and_for_a_year(context: AppContext) -> None:
    add_member(context, "b General", Tier.GENERAL, start=date(2026, 1, 1), employees=50)
    add_member(context, "A Premier", Tier.PREMIER, start=date(2026, 2, 1))
    add_member(context, "Campus", Tier.ASSOCIATE, start=date(2026, 1, 1))
    add_member(context, "Grace Co", Tier.GENERAL, status=MembershipStatus.GRACE)
    add_member(context, "Old Member", Tier.GENERAL, start=date(2024, 1, 1))
    lapsed = add_member(context, "Lapsed 2025", Tier.GENERAL, start=date(2025, 1, 1))
    context.memberships.set_status(lapsed, MembershipStatus.LAPSED)

    current = context.reports.build("member-list")
    assert [(row[0], row[1]) for row in current.rows] == [
        ("Premier", "A Premier"), ("General", "b General"), ("General", "Grace Co"),
        ("General", "Old Member"), ("Associate", "Campus"),
    ]  # fmt: skip
    first = current.rows[1]
    assert first[2:] == ("US", 50, date(2026, 1, 1), date(2026, 1, 1), date(2026, 12, 31), "Active")
    assert current.rows[2][-1] == "Grace period"

    of_2025 = context.reports.build("member-list", year=2025)
    assert [row[1] for row in of_2025.rows] == ["Lapsed 2025"]
    assert of_2025.rows[0][-1] == "Lapsed" and of_2025.subtitle == "Members with a term during 2025"
    assert [row[1] for row in context.reports.build("member-list", year=2024).rows] == [
        "Old Member"
    ]


def test_tricky_names_go_through_both_formats_unchanged(
    context: AppContext, tmp_path: Path, tricky_names: list[str]
) -> None:
    for name in tricky_names:
        add_member(context, name, Tier.GENERAL)
    stored = sorted(row[1] for row in context.reports.build("member-list").rows)
    context.reports.export("member-list", tmp_path / "m.csv")
    context.reports.export("member-list", tmp_path / "m.xlsx")
    from_csv = sorted(restore(row[1]) for row in read_csv(tmp_path / "m.csv")[1:])
    from_xlsx = sorted(restore(str(row[1])) for row in table(tmp_path / "m.xlsx")[1:])
    assert from_csv == stored == from_xlsx and len(stored) == len(tricky_names)


def test_unknown_report_year_or_extension_is_refused_before_writing(
    context: AppContext, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(
        UserError,
        match="no report called 'aging'.*board-composition, member-list, receivables-aging",
    ):
        context.reports.export("aging", tmp_path / "a.csv")
    with pytest.raises(UserError, match=r"ending in \.csv, \.xlsx or \.pdf"):
        context.reports.export("member-list", tmp_path / "a.ods")
    with pytest.raises(UserError, match="takes no year"):
        context.reports.export("board-composition", tmp_path / "a.csv", year=2026)
    with pytest.raises(UserError, match="out of range"):
        context.reports.export("member-list", tmp_path / "a.csv", year=26)
    assert list(tmp_path.iterdir()) == []


def test_a_report_into_a_missing_folder_leaves_nothing(context: AppContext, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(UserError, match="does not exist"):
        context.reports.export("member-list", tmp_path / "missing" / "m.xlsx")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.sqlite_only  # the command line opens a file
def test_ptf_reports_writes_the_file_or_says_what_is_wrong(
    context: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_member(context, "AT&T Inc.", Tier.GENERAL)
    database = ["--database", str(context.path)]
    out = tmp_path / "list.xlsx"
    assert main([*database, "reports", "member-list", "--year", "2026", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote Member list by tier (1 rows) to {out}.\n"
    assert table(out)[1][:2] == ["General", "AT&T Inc."]
    assert main([*database, "reports", "forecast", "--out", str(tmp_path / "f.csv")]) == 1
    assert capsys.readouterr().err.startswith("ptf: error: There is no report called 'forecast'")
    assert main([*database, "reports", "member-list", "--out", str(tmp_path / "f.ods")]) == 1
    assert "ending in .csv, .xlsx or .pdf" in capsys.readouterr().err
