"""``ptf organizations import|list|export`` as typed: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from ptf_desktop.cli.main import main
from ptf_desktop.services.context import open_context
from ptf_desktop.services.register.organization_columns import EXPORT_COLUMNS

from helpers.organization_csv import row, row_counts, write_csv


@pytest.fixture(autouse=True)
def _database_exists(database_path: Path) -> None:
    """Only ``ptf db upgrade`` creates a database; these commands need one."""
    open_context(database_path).close()


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    try:
        status = main(list(arguments))
    except SystemExit as exit_:  # argparse's usage errors
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def ptf(
    capsys: pytest.CaptureFixture[str], database: Path, *arguments: str
) -> tuple[int, str, str]:
    return run(capsys, "--database", str(database), "organizations", *arguments)


def listed(capsys: pytest.CaptureFixture[str], database: Path, *arguments: str) -> list[dict]:  # type: ignore[type-arg]
    status, out, err = ptf(capsys, database, "list", "--json", *arguments)
    assert (status, err) == (0, "")
    result = json.loads(out)
    assert isinstance(result, list)
    return result


@pytest.fixture
def members_csv(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "members.csv",
        [
            row(name="Premier Corp", tier="premier", member_since="2021-04-01"),
            row(name="Campus Lab", org_type="academic", country="FR", employees=""),
        ],
    )


def test_import_then_list_as_json(
    capsys: pytest.CaptureFixture[str], database_path: Path, members_csv: Path
) -> None:
    status, out, err = ptf(capsys, database_path, "import", str(members_csv))
    assert (status, err) == (0, "")
    assert out.startswith("Imported 2 organizations from members.csv.")
    organizations = {o["name"]: o for o in listed(capsys, database_path)}
    premier = organizations["Premier Corp"]
    assert set(premier) == {"id", "founding_member", *EXPORT_COLUMNS}
    assert (premier["tier"], premier["status"], premier["member_since"]) == (
        "premier", "active", "2021-04-01",
    )  # fmt: skip
    assert premier["employees"] == 250 and premier["country"] == "DE"
    campus = organizations["Campus Lab"]
    assert (campus["tier"], campus["status"], campus["employees"]) == (None, "prospect", None)


def test_a_dry_run_writes_nothing(
    capsys: pytest.CaptureFixture[str], database_path: Path, members_csv: Path
) -> None:
    status, out, _ = ptf(capsys, database_path, "import", str(members_csv), "--dry-run")
    assert status == 0 and "Would import 2 organizations" in out and "Dry run" in out
    assert listed(capsys, database_path) == []


def test_a_bad_file_prints_the_report_and_exits_1(
    capsys: pytest.CaptureFixture[str], database_path: Path, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        [row(), row(employees="-5"), row(tier="gold", member_since="2027-02-30")],
    )
    run(capsys, "--database", str(database_path), "db", "upgrade")
    before = row_counts(database_path)
    status, out, err = ptf(capsys, database_path, "import", str(path))
    assert status == 1
    assert "line 3, employees:" in out
    assert "line 4, tier:" in out and "line 4, member_since: 2027-02-30 is not a real date" in out
    assert err == f"ptf: error: {path} has 3 problems; nothing was imported.\n"
    assert "Traceback" not in out + err
    assert row_counts(database_path) == before


def test_a_missing_file_is_one_line(
    capsys: pytest.CaptureFixture[str], database_path: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "nope.csv"
    status, out, err = ptf(capsys, database_path, "import", str(missing))
    assert (status, out) == (1, "")
    assert err == f"ptf: error: There is no file {missing}.\n"


def test_list_prints_an_aligned_table_of_tricky_names(
    capsys: pytest.CaptureFixture[str],
    database_path: Path,
    tmp_path: Path,
    tricky_names: list[str],
) -> None:
    path = write_csv(tmp_path / "tricky.csv", [row(name=n, legal_name=n) for n in tricky_names])
    assert ptf(capsys, database_path, "import", str(path))[0] == 0
    status, out, _ = ptf(capsys, database_path, "list")
    lines = out.splitlines()
    assert status == 0 and lines[-1] == f"{len(tricky_names)} organization(s)"
    header, body = lines[0], lines[1:-1]
    assert header.startswith("Name") and len(body) == len(tricky_names)
    status_at = display_width(header[: header.index("Status")])
    for line in body:  # wide CJK characters and all, the Status column lines up
        assert display_width(line[: line.index("Prospect")]) == status_at, line
    assert "Tab\\tSeparated\\tName" in out  # control characters shown, not obeyed


def test_list_json_keeps_every_tricky_name_exactly(
    capsys: pytest.CaptureFixture[str],
    database_path: Path,
    tmp_path: Path,
    tricky_names: list[str],
) -> None:
    path = write_csv(tmp_path / "tricky.csv", [row(name=n, legal_name=n) for n in tricky_names])
    ptf(capsys, database_path, "import", str(path))
    names = sorted(o["name"] for o in listed(capsys, database_path))
    assert names == sorted(n.strip() for n in tricky_names)
    for name in ("CON", "=HYPERLINK", "\u0634\u0631\u0643\u0629", "Tab\tSeparated"):
        assert any(name in o["name"] for o in listed(capsys, database_path, "--search", name))


def test_list_search_is_literal(
    capsys: pytest.CaptureFixture[str], database_path: Path, members_csv: Path
) -> None:
    ptf(capsys, database_path, "import", str(members_csv))
    assert [o["name"] for o in listed(capsys, database_path, "--search", "CAMPUS")] == [
        "Campus Lab"
    ]
    assert listed(capsys, database_path, "--search", "%") == []
    status, out, _ = ptf(capsys, database_path, "list", "--search", "_")
    assert (status, out) == (0, "No organizations.\n")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_writes_the_file(
    capsys: pytest.CaptureFixture[str], database_path: Path, members_csv: Path, suffix: str
) -> None:
    ptf(capsys, database_path, "import", str(members_csv))
    target = members_csv.with_name(f"out{suffix}")
    status, out, err = ptf(capsys, database_path, "export", "--out", str(target))
    assert (status, err) == (0, "") and out == f"Exported 2 organization(s) to {target}.\n"
    assert target.stat().st_size > 0
    status, out, _ = ptf(
        capsys, database_path, "export", "--out", str(target), "--search", "campus"
    )
    assert status == 0 and out.startswith("Exported 1 organization(s)")


def test_an_export_reimports(
    capsys: pytest.CaptureFixture[str], database_path: Path, members_csv: Path, tmp_path: Path
) -> None:
    ptf(capsys, database_path, "import", str(members_csv))
    exported = tmp_path / "exported.csv"
    ptf(capsys, database_path, "export", "--out", str(exported))
    other = tmp_path / "other.sqlite"
    open_context(other).close()
    assert ptf(capsys, other, "import", str(exported))[0] == 0

    def comparable(database: Path) -> list[dict]:  # type: ignore[type-arg]
        return sorted(({**o, "id": None} for o in listed(capsys, database)), key=repr)

    assert comparable(other) == comparable(database_path)


def test_export_to_another_format_is_one_line(
    capsys: pytest.CaptureFixture[str], database_path: Path, tmp_path: Path
) -> None:
    status, out, err = ptf(capsys, database_path, "export", "--out", str(tmp_path / "x.txt"))
    assert (status, out) == (1, "")
    assert (
        err == "ptf: error: Cannot export to x.txt: choose a file name ending in .csv or .xlsx.\n"
    )


def test_export_needs_out(capsys: pytest.CaptureFixture[str], database_path: Path) -> None:
    status, _, err = ptf(capsys, database_path, "export")
    assert status == 2 and "--out" in err


def display_width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )
