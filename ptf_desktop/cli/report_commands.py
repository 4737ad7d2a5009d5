"""``ptf reports NAME [--year YYYY] --out FILE``: a report as CSV, XLSX or PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..paths import AppPaths
from ..services.reports.catalog import report_definitions
from .arguments import command_context


def register(commands: Any) -> None:
    """Add the ``reports`` command to the top-level sub-command parser."""
    names = "; ".join(f"{d.name}: {d.description}" for d in report_definitions())
    reports = commands.add_parser(
        "reports",
        help="write a report as CSV, XLSX or PDF",
        description=f"Write a report. The reports are {names}",
    )
    reports.add_argument("name", metavar="NAME", help="the report, e.g. member-list")
    reports.add_argument("--year", type=int, metavar="YYYY", help="the year, for reports by year")
    reports.add_argument(
        "--out", metavar="FILE", type=Path, required=True, help="the file: .csv, .xlsx or .pdf"
    )
    reports.set_defaults(run=_reports)


def _reports(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        report = context.reports.export(arguments.name, arguments.out, arguments.year)
    print(f"Wrote {report.title} ({len(report.rows)} rows) to {arguments.out}.")
    return 0
