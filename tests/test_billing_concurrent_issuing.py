"""Two processes issuing invoices on the same file take every number once, without gaps."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from ptf_desktop.persistence.models.billing import DocumentSeries, Invoice
from ptf_desktop.services.billing.invoice_service import add_draft_invoice
from ptf_desktop.services.context import open_context

from helpers.billing import add_organization, configure_seller, membership_spec

ISSUER = Path(__file__).with_name("helpers") / "invoice_issuer.py"
REPOSITORY = Path(__file__).resolve().parents[1]


def _drafts(database: Path, count: int) -> list[str]:
    context: Any = open_context(database)
    configure_seller(context)
    organization_id = add_organization(context)
    with context.factories.write.begin() as session:
        ids = [
            str(add_draft_invoice(session, membership_spec(organization_id))) for _ in range(count)
        ]
    context.close()
    return ids


def _issue_in_two_processes(database: Path, ids: list[str], folder: Path) -> list[list[str]]:
    halves = [ids[0::2], ids[1::2]]
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    processes = []
    for index, half in enumerate(halves):
        ids_file = folder / f"ids-{index}.txt"
        ids_file.write_text("\n".join(half))
        processes.append(
            subprocess.Popen(
                [sys.executable, str(ISSUER), str(database), str(ids_file)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=environment,
            )
        )
    numbers: list[list[str]] = []
    for process in processes:
        out, err = process.communicate(timeout=900)
        assert process.returncode == 0, err
        numbers.append(out.split())
    return numbers


def _check_gapless(database: Path, printed: list[str], count: int) -> None:
    expected = [f"INV-2027-{n:04d}" for n in range(1, count + 1)]
    assert sorted(printed) == expected  # every number printed exactly once
    context: Any = open_context(database)
    with context.factories.read.begin() as session:
        stored = sorted(session.scalars(select(Invoice.number)))
        counter = session.scalars(select(DocumentSeries.last_number)).one()
    context.close()
    assert stored == expected
    assert counter == count


def test_two_processes_issue_twenty_invoices_without_gap_or_duplicate(
    database_path: Path, tmp_path: Path
) -> None:
    ids = _drafts(database_path, 20)
    first, second = _issue_in_two_processes(database_path, ids, tmp_path)
    _check_gapless(database_path, first + second, 20)


@pytest.mark.slow
def test_two_processes_issue_a_thousand_invoices_without_gap_or_duplicate(
    database_path: Path, tmp_path: Path
) -> None:
    ids = _drafts(database_path, 1000)
    started = time.perf_counter()
    first, second = _issue_in_two_processes(database_path, ids, tmp_path)
    elapsed = time.perf_counter() - started
    _check_gapless(database_path, first + second, 1000)
    # The two really ran at the same time: each took numbers between the other's.
    for own in (first, second):
        sequence = sorted(int(number.rsplit("-", 1)[1]) for number in own)
        assert sequence[-1] - sequence[0] + 1 > len(sequence)
    print(f"1,000 invoices issued by two processes in {elapsed:.1f} s")
