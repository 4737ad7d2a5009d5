"""Reports benchmark: each report built and written as CSV, XLSX and PDF at full size.

What is measured
    * The database: a copy of a demo database (``--database``; made with ``ptf demo
      --organizations 100000`` when the file does not exist), to which the dashboard
      benchmark's data builder adds 300,000 invoices with their payments when it holds
      none yet (``benchmarks/dashboard.py``, ``write_billing``).
    * For each report: the build (one read transaction) and each format's writing, as
      wall time and CPU time of this process, the median of ``--rounds`` rounds. A
      format a report refuses at that size (the PDF of a list too long to print) is
      shown with the refusal's message, timed too: the refusal must be quick.

Usage::

    python benchmarks/reports.py --database FILE [--rounds N] [--formats csv,xlsx,pdf]
        [--only NAME]

The database file is changed (invoices are added once): never point it at a shared
file. The exit status is 0 when every report was built and written or refused with a
message, 1 otherwise.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.reports import ReportMetadata
from ptf_desktop.persistence.models import Invoice
from ptf_desktop.services.context import AppContext, open_context
from ptf_desktop.services.reports.catalog import ReportRequest, report_definitions
from ptf_desktop.services.reports.export import WRITERS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dashboard import write_billing

INVOICES = 300_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--organizations", type=int, default=100_000)
    parser.add_argument("--invoices", type=int, default=INVOICES)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--formats", default="csv,xlsx,pdf")
    parser.add_argument("--only", help="only the report of this name")
    arguments = parser.parse_args()
    today = date.today()
    fresh = not arguments.database.exists()
    context = open_context(arguments.database)
    try:
        prepare(context, arguments.organizations if fresh else 0, arguments.invoices, today)
        formats = ["." + name.strip().lstrip(".") for name in arguments.formats.split(",")]
        with tempfile.TemporaryDirectory(prefix="ptf-reports-bench-") as folder:
            ok = time_reports(context, today, Path(folder), formats, arguments)
    finally:
        context.close()
    return 0 if ok else 1


def prepare(context: AppContext, organizations: int, invoices: int, today: date) -> None:
    """Demo organizations (for a new file) and invoices (when the file has none)."""
    if organizations:
        started = time.perf_counter()
        context.demo.generate(organizations, today=today)
        print(f"{'demo organizations written':40} {time.perf_counter() - started:8.1f} s")
    with context.factories.read.begin() as session:
        has_invoices = bool(session.scalar(select(func.count()).select_from(Invoice)))
    if not has_invoices:
        started = time.perf_counter()
        write_billing(context, invoices, today)
        print(f"{'invoices and payments written':40} {time.perf_counter() - started:8.1f} s")


def measure(work: Callable[[], Any], rounds: int) -> tuple[float, float, Any]:
    """Median wall and CPU seconds of ``work`` over ``rounds`` calls, and its last result."""
    walls, cpus, result = [], [], None
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def time_reports(
    context: AppContext, today: date, folder: Path, formats: list[str], arguments: Any
) -> bool:
    """Print each report's build and each format's writing; False when one failed."""
    ok = True
    metadata = ReportMetadata()
    print(f"{'':40} {'wall s':>8} {'cpu s':>8}  (median of {arguments.rounds})")
    for definition in report_definitions():
        if arguments.only and definition.name != arguments.only:
            continue
        request = ReportRequest(context.factories, None, today)
        wall, cpu, report = measure(lambda d=definition, r=request: d.build(r), arguments.rounds)
        rows = len(report.rows)
        print(f"{definition.name + ' build':40} {wall:8.2f} {cpu:8.2f}  {rows:,} rows")
        for suffix in formats:
            path = folder / f"{definition.name}{suffix}"
            write = WRITERS[suffix]
            try:
                wall, cpu, _ = measure(lambda w=write, p=path, r=report: w(r, p, metadata), 1)
            except UserError as refusal:
                print(f"{'  ' + suffix[1:]:40} refused: {refusal}")
                continue
            except Exception as error:  # reported, the others still run
                print(f"{'  ' + suffix[1:]:40} FAILED: {error!r}")
                ok = False
                continue
            size = path.stat().st_size / 1_000_000
            print(f"{'  ' + suffix[1:]:40} {wall:8.2f} {cpu:8.2f}  {size:.1f} MB")
    return ok


if __name__ == "__main__":
    sys.exit(main())
