"""``ptf fees price`` and ``ptf renewals prepare|due`` as typed: output, exit codes, errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ptf_desktop.cli.main import main
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.services.context import open_context


@pytest.fixture(autouse=True)
def _database_exists(database_path: Path) -> None:
    """Only ``ptf db upgrade`` creates a database; these commands need one."""
    open_context(database_path).close()


def run(
    capsys: pytest.CaptureFixture[str], database: Path, *arguments: str
) -> tuple[int, str, str]:
    try:
        status = main(["--database", str(database), *arguments])
    except SystemExit as exit_:  # argparse's usage errors
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_price_prints_the_breakdown_as_json(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    status, out, err = run(
        capsys, database_path, "fees", "price", "--tier", "general", "--employees", "700",
        "--start", "2027-10-01", "--end", "2027-12-31", "--json",
    )  # fmt: skip
    assert (status, err) == (0, "")
    breakdown = json.loads(out)
    assert breakdown["total"] == "11342.46"
    assert [line["amount"] for line in breakdown["lines"]] == ["7561.64", "3780.82"]
    first = breakdown["lines"][0]["description"]
    assert first == "General membership, 2027-10-01 to 2027-12-31"
    assert breakdown["lines"][1]["to_be_confirmed"] is True
    assert breakdown["prorated"] is True


def test_price_of_a_full_year_with_lf_membership(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    status, out, _ = run(
        capsys, database_path, "fees", "price", "--tier", "premier", "--employees", "9000",
        "--lf-membership", "gold", "--premier-approved", "--start", "2027-01-01",
    )  # fmt: skip
    assert status == 0
    assert "Premier membership, 2027-01-01 to 2027-12-31: USD 150,000.00" in out
    assert "Total: USD 150,000.00" in out


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        (("--tier", "associate", "--employees", "10"), "Associate membership is only for"),
        (("--tier", "general",), "record the organization's employee count"),
        (("--tier", "premier", "--employees", "10"), "approved by the Governing Board"),
        (("--tier", "general", "--employees", "0"), "covers 0 employees"),
        (("--tier", "general", "--employees", "5", "--start", "2027-02-01", "--end",
          "2027-01-01"), "cannot end before it starts"),
    ],
)  # fmt: skip
def test_price_refusals_exit_non_zero_with_the_reason(
    capsys: pytest.CaptureFixture[str], database_path: Path, arguments: tuple[str, ...], reason: str
) -> None:
    status, out, err = run(capsys, database_path, "fees", "price", *arguments, "--json")
    assert status == 1 and out == ""
    assert err.startswith("ptf: error: ") and reason in err and err.count("\n") == 1


def test_bad_arguments_are_usage_errors(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    status, _, err = run(capsys, database_path, "fees", "price", "--tier", "gold")
    assert status == 2 and "'gold' is not a known tier" in err
    status, _, err = run(capsys, database_path, "renewals", "due", "--within", "soon")
    assert status == 2 and "not a whole number of days" in err


def _members(database: Path) -> None:
    context = open_context(database)
    try:
        for name, employees in (("Alpha", "600"), ("Beta", "")):
            organization = context.organizations.create(
                {"display_name": name, "org_type": "commercial", "country": "US",
                 "employees": employees}
            )  # fmt: skip
            context.memberships.admit(
                organization, Tier.GENERAL, date(2026, 1, 1), date(2026, 12, 31)
            )
    finally:
        context.close()


def test_prepare_then_prepare_again_and_due(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    _members(database_path)
    status, out, err = run(capsys, database_path, "renewals", "due", "--today", "2026-12-01",
                           "--json")  # fmt: skip
    assert status == 0
    due = {row["name"]: row for row in json.loads(out)}
    assert due["Alpha"]["bucket"] == "within_30" and due["Alpha"]["next_price"] == "45000.00"
    assert due["Beta"]["next_price"] is None and "employee count" in due["Beta"]["price_problem"]
    assert due["Alpha"]["reminder"] == "30 days before the term ends"

    status, out, err = run(capsys, database_path, "renewals", "prepare", "--year", "2027")
    assert status == 0
    assert out.startswith("Renewed 1 members for 2027 (0 already renewed).")
    assert "Beta: General membership is priced by consolidated employees" in err
    status, out, _ = run(capsys, database_path, "renewals", "prepare", "--year", "2027", "--json")
    result = json.loads(out)
    assert (result["renewed"], result["already_renewed"]) == (0, 1)

    status, out, _ = run(capsys, database_path, "renewals", "due", "--today", "2026-12-01")
    assert status == 0 and "Alpha" not in out and "Beta" in out
    assert out.splitlines()[-1] == "1 members; 1 reminders due today."
