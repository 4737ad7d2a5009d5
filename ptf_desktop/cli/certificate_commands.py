"""``ptf certificates ...``: list, issue and export a year's certificates, verify a PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..paths import AppPaths
from ..services.certificates.certificate_batch import BatchReport
from .arguments import command_context, parse_date
from .text_table import print_table


def register(commands: Any) -> None:
    """Add the ``certificates`` command group."""
    group = commands.add_parser("certificates", help="issue, export and verify certificates")
    actions = group.add_subparsers(dest="certificates_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="list the certificate register")
    listing.add_argument("--status", metavar="S", help="valid, superseded or revoked")
    listing.set_defaults(run=_list)

    issuing = actions.add_parser(
        "issue", help="issue a certificate for every membership of a year that has none"
    )
    issuing.add_argument("--year", metavar="YYYY", type=int, required=True)
    issuing.add_argument("--date", metavar="YYYY-MM-DD", type=parse_date, help="issue date")
    issuing.set_defaults(run=_issue)

    exporting = actions.add_parser(
        "export", help="issue what is missing and write every certificate of a year"
    )
    exporting.add_argument("--year", metavar="YYYY", type=int, required=True)
    exporting.add_argument("--out", metavar="DIR", type=Path, required=True)
    exporting.add_argument("--zip", action="store_true", help="write one zip file")
    exporting.add_argument("--date", metavar="YYYY-MM-DD", type=parse_date, help="issue date")
    exporting.set_defaults(run=_export)

    verifying = actions.add_parser(
        "verify", help="check a certificate PDF (exit status 0 only when it is valid)"
    )
    verifying.add_argument("file", metavar="FILE.pdf", type=Path)
    verifying.set_defaults(run=_verify)


def _list(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        rows = context.certificates.list(arguments.status)
    if not rows:
        print("No certificates.")
        return 0
    cells = [
        [
            r.number, r.legal_name, r.tier, f"{r.term_start} to {r.term_end}",
            r.issue_date.isoformat(), r.status, "yes" if r.signed else "no",
        ]
        for r in rows
    ]  # fmt: skip
    print_table(
        ("Number", "Organization", "Tier", "Term", "Issued", "Status", "Signed"), cells, set()
    )
    print(f"{len(rows)} certificate(s)")
    return 0


def _print_report(report: BatchReport) -> int:
    for number in report.issued:
        print(f"Issued {number}")
    for path in report.written:
        print(path)
    for reason in report.skipped:
        print(f"ptf: warning: {reason}", file=sys.stderr)
    print(
        f"{len(report.issued)} certificate(s) issued, {len(report.written)} file(s) written, "
        f"{len(report.skipped)} membership(s) skipped."
    )
    return 0


def _issue(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        report = context.certificate_batch.issue_year(arguments.year, on=arguments.date)
    return _print_report(report)


def _export(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        report = context.certificate_batch.export_year(
            arguments.year, arguments.out, as_zip=arguments.zip, on=arguments.date
        )
    return _print_report(report)


def _verify(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        verdict = context.certificate_verifier.verify_file(arguments.file)
    for note in verdict.notes:
        print(f"note: {note}")
    if verdict.valid:
        signer = f", signed by {verdict.signer}" if verdict.signer else ""
        print(f"VALID: certificate {verdict.number} of {verdict.legal_name}{signer}")
        return 0
    for problem in verdict.problems:
        print(f"INVALID: {problem}", file=sys.stderr)
    return 1
