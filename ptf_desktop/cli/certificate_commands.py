"""``ptf certificates ...``: a year's certificates, verifying a PDF, the signing certificate.

List, issue and export a year's certificates, verify a certificate PDF, and create the
self-signed signing certificate the Settings page can create.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from ..domain.errors import UserError
from ..paths import AppPaths
from ..services.certificates.certificate_batch import BatchReport
from .arguments import command_context, command_group, date_option, list_command


def register(commands: Any) -> None:
    """Add the ``certificates`` command group."""
    actions = command_group(commands, "certificates", "issue, export and verify certificates")

    listing = actions.add_parser("list", help="list the certificate register")
    listing.add_argument("--status", metavar="S", help="valid, superseded or revoked")
    listing.set_defaults(run=_list)

    issuing = actions.add_parser(
        "issue", help="issue a certificate for every membership of a year that has none"
    )
    issuing.add_argument("--year", metavar="YYYY", type=int, required=True)
    date_option(issuing, "--date", "issue date")
    issuing.set_defaults(run=_issue)

    exporting = actions.add_parser(
        "export", help="issue what is missing and write every certificate of a year"
    )
    exporting.add_argument("--year", metavar="YYYY", type=int, required=True)
    exporting.add_argument("--out", metavar="DIR", type=Path, required=True)
    exporting.add_argument("--zip", action="store_true", help="write one zip file")
    date_option(exporting, "--date", "issue date")
    exporting.set_defaults(run=_export)

    verifying = actions.add_parser(
        "verify", help="check a certificate PDF (exit status 0 only when it is valid)"
    )
    verifying.add_argument("file", metavar="FILE.pdf", type=Path)
    verifying.set_defaults(run=_verify)

    signing_actions = command_group(
        actions,
        "signing-certificate",
        "the certificate PDFs are signed with",
        dest="signing_command",
    )
    creating = signing_actions.add_parser(
        "create",
        help="create a self-signed signing certificate for testing and use it",
        description="Write a new self-signed PKCS#12 file, choose it as the signing "
        "certificate and keep its passphrase in the system keyring. The passphrase is "
        f"read from ${PASSPHRASE_VARIABLE}, or asked for when run in a terminal.",
    )
    creating.add_argument("file", metavar="FILE.p12", type=Path)
    creating.add_argument("--signer", metavar="NAME", default="", help="default: the foundation")
    creating.add_argument("--force", action="store_true", help="replace an existing file")
    creating.set_defaults(run=_create_signing_certificate)


PASSPHRASE_VARIABLE = "PTF_SIGNING_PASSPHRASE"


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


def _create_signing_certificate(arguments: argparse.Namespace, paths: AppPaths) -> int:
    target: Path = arguments.file
    if target.exists() and not arguments.force:
        raise UserError(f"{target} exists already; add --force to replace it.")
    passphrase = _new_passphrase()
    with command_context(paths) as context:
        context.certificate_settings.create_self_signed(target, passphrase, arguments.signer)
    print(f"Created {target}: a self-signed certificate for testing, now the signing certificate.")
    print("PDF readers show its signatures as valid only once it is added to their trusted list.")
    return 0


def _new_passphrase() -> str:
    """The passphrase from the environment, or typed twice at the terminal."""
    from_environment = os.environ.get(PASSPHRASE_VARIABLE)
    if from_environment is not None:
        return from_environment
    if not sys.stdin.isatty():
        raise UserError(f"set {PASSPHRASE_VARIABLE} to the new certificate's passphrase.")
    first = getpass.getpass("Passphrase for the new certificate: ")
    if getpass.getpass("The same passphrase again: ") != first:
        raise UserError("the two passphrases differ; nothing was created.")
    return first


_list = list_command(
    lambda context, arguments: context.certificates.list(arguments.status),
    headers=("Number", "Organization", "Tier", "Term", "Issued", "Status", "Signed"),
    cells=lambda r: [r.number, r.legal_name, r.tier, f"{r.term_start} to {r.term_end}",
                     r.issue_date.isoformat(), r.status, "yes" if r.signed else "no"],
    noun="certificate",
)  # fmt: skip
