"""Export of the organizations list to CSV and XLSX.

The columns, cells that cannot run as formulas, the list's search and filters, and files
that are complete or not there at all.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.services.context import AppContext
from ptf_desktop.services.register import organization_export
from ptf_desktop.services.register.organization_columns import (
    EXPORT_COLUMNS,
    FORMULA_STARTS,
    neutralize,
    restore,
)
from ptf_desktop.services.register.organization_records import OrganizationQuery
from ptf_desktop.services.reports import export as report_export

from helpers.organization_csv import row, write_csv

TODAY = date(2026, 6, 15)
DANGEROUS = ['=HYPERLINK("http://example.invalid","click") Corp', "+1 Solutions", "-x", "@x"]


def load(context: AppContext, tmp_path: Path, *rows: dict[str, str]) -> None:
    report = context.organization_import.import_csv(
        write_csv(tmp_path / "load.csv", rows), today=TODAY
    )
    assert report.imported, report.summary()


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM by which Excel knows UTF-8
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def read_xlsx(path: Path) -> list[dict[str, object]]:
    sheet = load_workbook(path).active
    assert sheet is not None
    values = [list(line) for line in sheet.iter_rows(values_only=True)]
    return [dict(zip(values[0], line, strict=True)) for line in values[1:]]


@pytest.fixture
def members(context: AppContext, tmp_path: Path) -> AppContext:
    load(
        context, tmp_path,
        row(name="Premier Corp", tier="premier", member_since="2021-04-01", employees="5000",
            vat_id="DE136695976"),
        row(name="Campus Lab", org_type="academic", tier="associate", member_since="2023-01-15",
            country="FR", billing_contact_name="", billing_contact_email=""),
        row(name="Someday Ltd", country="GB", employees=""),
    )  # fmt: skip
    return context


def test_csv_has_the_import_columns_plus_status_and_term_end(
    members: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "out.csv"
    assert members.organization_export.export(OrganizationQuery(), path) == 3
    assert path.read_bytes().count(b"\r\n") == 4 and b"\n" not in path.read_bytes().replace(
        b"\r\n", b""
    )
    rows = read_csv(path)
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    by_name = {r["name"]: r for r in rows}
    premier = by_name["Premier Corp"]
    assert premier["tier"] == "premier" and premier["status"] == "active"
    assert (premier["member_since"], premier["term_end"]) == ("2021-04-01", "2026-12-31")
    assert (premier["employees"], premier["vat_id"]) == ("5000", "DE136695976")
    assert premier["billing_contact_email"] == "billing@example.org"
    assert premier["address_line1"] == "Hauptstra\u00dfe 1"
    prospect = by_name["Someday Ltd"]
    assert (prospect["tier"], prospect["status"], prospect["term_end"]) == ("", "prospect", "")
    assert prospect["employees"] == "" and by_name["Campus Lab"]["billing_contact_name"] == ""


def test_xlsx_has_the_same_columns_with_numbers_and_dates(
    members: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "out.xlsx"
    assert members.organization_export.export(OrganizationQuery(), path) == 3
    rows = read_xlsx(path)
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    premier = next(r for r in rows if r["name"] == "Premier Corp")
    assert premier["employees"] == 5000
    assert premier["member_since"].date() == date(2021, 4, 1)  # type: ignore[attr-defined]
    assert premier["term_end"].date() == date(2026, 12, 31)  # type: ignore[attr-defined]
    sheet = load_workbook(path).active
    assert sheet is not None
    column = get_column_letter(EXPORT_COLUMNS.index("member_since") + 1)
    assert sheet[f"{column}2"].number_format == "yyyy-mm-dd"  # ISO in Excel too
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    prospect = next(r for r in rows if r["name"] == "Someday Ltd")
    assert prospect["employees"] is None and prospect["tier"] is None


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_cells_that_would_run_as_formulas_get_a_leading_quote(
    context: AppContext, tmp_path: Path, suffix: str
) -> None:
    load(context, tmp_path, *(row(name=name, legal_name=name, notes=name) for name in DANGEROUS))
    with closing(sqlite3.connect(context.path)) as connection, connection:
        # Validation trims text, so only a value stored by other means starts with these.
        connection.execute(
            "UPDATE organizations SET city = char(9) || 'tab' WHERE display_name = '-x'"
        )
        connection.execute(
            "UPDATE organizations SET region = char(13) || 'cr' WHERE display_name = '-x'"
        )
    path = tmp_path / f"out{suffix}"
    context.organization_export.export(OrganizationQuery(), path)
    rows = read_csv(path) if suffix == ".csv" else read_xlsx(path)
    names = sorted(str(r["name"]) for r in rows)
    assert names == sorted("'" + name for name in DANGEROUS)
    for line in rows:
        for value in line.values():
            assert not (isinstance(value, str) and value.startswith(FORMULA_STARTS)), value
    minus = next(r for r in rows if r["name"] == "'-x")
    assert minus["city"] == "'\ttab"
    # XML readers turn a carriage return into a line feed; the quote is what matters.
    assert minus["region"] in ("'\rcr", "'\ncr")
    assert next(r for r in rows if r["name"] == "'@x")["notes"] == "'@x"
    if suffix == ".xlsx":
        sheet = load_workbook(path).active
        assert sheet is not None
        assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)


def test_the_export_honours_search_filters_and_order(members: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "filtered.csv"
    query = OrganizationQuery(tiers=frozenset({Tier.PREMIER, Tier.ASSOCIATE}), sort="country")
    assert members.organization_export.export(query, path) == 2
    assert [r["name"] for r in read_csv(path)] == ["Premier Corp", "Campus Lab"]  # DE, FR
    descending = OrganizationQuery(sort="display_name", descending=True)
    members.organization_export.export(descending, path)
    assert [r["name"] for r in read_csv(path)] == ["Someday Ltd", "Premier Corp", "Campus Lab"]
    assert members.organization_export.export(OrganizationQuery(search="campus"), path) == 1
    assert [r["name"] for r in read_csv(path)] == ["Campus Lab"]
    assert members.organization_export.export(OrganizationQuery(search="%"), path) == 0
    assert read_csv(path) == []


def test_rows_are_read_page_by_page_with_their_billing_contacts(
    context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(organization_export, "PAGE_SIZE", 3)
    load(context, tmp_path, *(
        row(name=f"Org {n:02}", billing_contact_email=f"b{n}@example.org") for n in range(10)
    ))  # fmt: skip
    first = context.organizations.get(
        context.organization_queries.page(OrganizationQuery(), 0, 1)[0].id
    )
    context.organizations.add_contact(first.id, {"name": "Second Biller", "roles": ["billing"]})
    exported = list(context.organization_export.rows(OrganizationQuery()))
    assert [e.name for e in exported] == [f"Org {n:02}" for n in range(10)]
    assert [e.billing_contact_email for e in exported] == [f"b{n}@example.org" for n in range(10)]


def test_other_suffixes_are_refused_and_nothing_is_written(
    members: AppContext, tmp_path: Path
) -> None:
    with pytest.raises(UserError, match=r"\.csv or \.xlsx"):
        members.organization_export.export(OrganizationQuery(), tmp_path / "out.txt")
    assert not (tmp_path / "out.txt").exists()


def test_a_missing_folder_is_a_clear_error(members: AppContext, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "out.csv"
    with pytest.raises(UserError, match="does not exist"):
        members.organization_export.export(OrganizationQuery(), target)


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(
    members: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "out.csv"
    target.write_text("the previous export")

    def broken(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(report_export.WRITERS, ".csv", broken)
    with pytest.raises(UserError, match="disk is full"):
        members.organization_export.export(OrganizationQuery(), target)
    assert target.read_text() == "the previous export"
    assert sorted(p.name for p in folder.iterdir()) == ["out.csv"]


def test_control_characters_xlsx_cannot_hold_are_replaced(
    context: AppContext, tmp_path: Path
) -> None:
    load(context, tmp_path, row(name="Bell"))
    with closing(sqlite3.connect(context.path)) as connection, connection:
        connection.execute("UPDATE organizations SET notes = 'a' || char(7) || 'b'")
    path = tmp_path / "out.xlsx"
    context.organization_export.export(OrganizationQuery(), path)
    assert read_xlsx(path)[0]["notes"] == "a\ufffdb"


@given(st.text())
def test_neutralize_then_restore_gives_the_value_back(text: str) -> None:
    protected = neutralize(text)
    assert not protected.startswith(FORMULA_STARTS)
    assert restore(protected) == text
