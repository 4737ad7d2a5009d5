"""``ptf organizations import --on-match skip|update|create``: importing the same file twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptf_desktop.cli.main import main
from ptf_desktop.services.context import open_context
from ptf_desktop.services.register.organization_records import OrganizationQuery

from helpers.organization_csv import row, write_csv


@pytest.fixture(autouse=True)
def _database_exists(database_path: Path) -> None:
    open_context(database_path).close()


def ptf(
    capsys: pytest.CaptureFixture[str], database: Path, *arguments: str
) -> tuple[int, str, str]:
    try:
        status = main(["--database", str(database), "organizations", *arguments])
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def register(database: Path) -> list[tuple[str, str, str]]:
    context = open_context(database)
    try:
        rows = context.organization_queries.page(OrganizationQuery(), 0, 100)
        return sorted(
            (r.display_name, context.organizations.get(r.id).fields.city, r.billing_contact)
            for r in rows
        )
    finally:
        context.close()


@pytest.fixture
def members_csv(tmp_path: Path, tricky_names: list[str]) -> Path:
    return write_csv(
        tmp_path / "members.csv",
        [
            row(name=tricky_names[4], legal_name="", vat_id="DE136695976",
                website="https://mueller.example"),
            row(name=tricky_names[8], legal_name="", country="RU", vat_id="",
                website="https://yandex.example"),
            row(name="Campus Lab", legal_name="", org_type="academic", country="FR",
                website="https://campus.example"),
        ],
    )  # fmt: skip


def test_importing_the_same_file_twice_skips_every_match_by_default(
    capsys: pytest.CaptureFixture[str],
    database_path: Path,
    members_csv: Path,
    tricky_names: list[str],
) -> None:
    assert ptf(capsys, database_path, "import", str(members_csv))[0] == 0
    before = register(database_path)

    status, out, err = ptf(capsys, database_path, "import", str(members_csv))

    assert (status, err) == (0, "")
    assert "Imported 0 organizations" in out
    assert "3 rows match the register:" in out
    assert f"line 2: {tricky_names[4]} matches {tricky_names[4]} by tax ID; skipped" in out
    assert f"line 3: {tricky_names[8]} matches {tricky_names[8]} by name and country" in out
    assert register(database_path) == before


def test_update_changes_the_matching_organizations(
    capsys: pytest.CaptureFixture[str],
    database_path: Path,
    members_csv: Path,
    tmp_path: Path,
    tricky_names: list[str],
) -> None:
    ptf(capsys, database_path, "import", str(members_csv))
    changed = write_csv(
        tmp_path / "changed.csv",
        [row(name=tricky_names[4].upper(), legal_name="", vat_id="DE 136 695 976", city="München",
             website="", billing_contact_name="Zoë Ångström",
             billing_contact_email="zoe@mueller.example")],
    )  # fmt: skip

    status, out, _ = ptf(capsys, database_path, "import", str(changed), "--on-match", "update")

    assert status == 0
    assert "1 row matches the register (1 organization updated):" in out
    assert "by tax ID; updated" in out
    names = [name for name, _, _ in register(database_path)]
    assert len(names) == 3 and tricky_names[4].upper() in names
    city = {name: city for name, city, _ in register(database_path)}
    assert city[tricky_names[4].upper()] == "München"


def test_create_anyway_creates_a_second_record_and_lists_the_match(
    capsys: pytest.CaptureFixture[str], database_path: Path, members_csv: Path
) -> None:
    ptf(capsys, database_path, "import", str(members_csv))
    status, out, _ = ptf(capsys, database_path, "import", str(members_csv), "--on-match", "create")
    assert status == 0 and "Imported 3 organizations" in out
    assert out.count("created anyway") == 3
    assert len(register(database_path)) == 6


def test_a_dry_run_tells_the_matches_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], database_path: Path, members_csv: Path
) -> None:
    ptf(capsys, database_path, "import", str(members_csv))
    before = register(database_path)
    status, out, _ = ptf(
        capsys, database_path, "import", str(members_csv), "--dry-run", "--on-match", "update"
    )
    assert status == 0 and "Dry run" in out and out.count("; updated") == 3
    assert register(database_path) == before


def test_an_unknown_choice_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], database_path: Path, members_csv: Path
) -> None:
    status, _, err = ptf(capsys, database_path, "import", str(members_csv), "--on-match", "merge")
    assert status == 2 and "invalid choice: 'merge'" in err
