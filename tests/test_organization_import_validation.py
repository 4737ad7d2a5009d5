"""Validation of a large import in two processes: the same answers, in line order."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from ptf_desktop.domain.organizations import OrgType
from ptf_desktop.services.context import AppContext
from ptf_desktop.services.register import organization_import_validation
from ptf_desktop.services.register.organization_csv_reader import read_table
from ptf_desktop.services.register.organization_import_validation import judge, validate_rows

from helpers.organization_csv import row, row_counts, write_csv

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

TODAY = date(2026, 6, 15)
ELIGIBLE = (OrgType.ACADEMIC, OrgType.NONPROFIT)


def mixed_rows(tmp_path: Path, count: int = 40) -> list[dict[str, str]]:
    rows = []
    for n in range(count):
        if n % 7 == 3:
            rows.append(row(name=f"Bad {n}", billing_contact_email=f"bad{n}@@example.org"))
        elif n % 11 == 5:
            rows.append(row(name=f"Bad {n}", employees="-1", tier="platinum"))
        else:
            rows.append(row(name=f"Org {n}", billing_contact_email=f"ap{n}@example.org"))
    return rows


def test_two_processes_judge_as_one_does(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path / "m.csv", mixed_rows(tmp_path)))
    expected = judge(table.rows, ELIGIBLE, TODAY)
    assert expected[0] and expected[1]  # both valid and refused rows
    together = validate_rows(table.rows, ELIGIBLE, TODAY, parallel_from=2)
    assert together == expected
    lines = [problem.line for problem in together[1]]
    assert lines == sorted(lines)


@pytest.mark.parametrize("executable", ["/bin/false", "/nonexistent/python"])
def test_without_a_working_second_process_this_one_judges_every_row(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    executable: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    table = read_table(write_csv(tmp_path / "m.csv", mixed_rows(tmp_path)))
    expected = judge(table.rows, ELIGIBLE, TODAY)
    monkeypatch.setattr(sys, "executable", executable)
    assert validate_rows(table.rows, ELIGIBLE, TODAY, parallel_from=2) == expected
    assert "validating here" in caplog.text


def test_a_large_import_validated_in_two_processes_reports_and_imports_as_before(
    context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[object] = []
    popen = organization_import_validation.subprocess.Popen

    def counted(*args: object, **kwargs: object) -> object:
        started.append(args)
        return popen(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(organization_import_validation.subprocess, "Popen", counted)
    bad = write_csv(tmp_path / "bad.csv", mixed_rows(tmp_path))
    before = row_counts(context)
    alone = context.organization_import.import_csv(bad, today=TODAY)
    assert not started
    monkeypatch.setattr(organization_import_validation, "PARALLEL_FROM", 10)
    shared = context.organization_import.import_csv(bad, today=TODAY)
    assert len(started) == 1
    assert not shared.imported and row_counts(context) == before
    assert shared.errors == alone.errors and len(shared.errors) == 12
    assert shared.summary() == alone.summary()
    good = [row(name=f"Org {n}", billing_contact_email=f"ap{n}@example.org") for n in range(30)]
    report = context.organization_import.import_csv(
        write_csv(tmp_path / "g.csv", good), today=TODAY
    )
    assert report.imported and report.organizations == 30
    assert [preview.line for preview in report.preview] == list(range(2, 32))
    assert row_counts(context)["organizations"] == before["organizations"] + 30
