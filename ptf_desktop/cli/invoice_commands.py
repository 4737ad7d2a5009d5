"""``ptf invoices ...`` and ``ptf payments record``: invoices listed, issued, exported, paid."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..domain.formatting import format_money, plain_amount
from ..paths import AppPaths
from ..services.atomic_files import write_bytes_atomic
from ..services.billing.payment_service import PAYMENT_METHODS
from ..services.billing.records import InvoiceSummary
from . import money_commands
from .arguments import command_context, command_group, date_option, list_command
from .document_listing import document_json

_COLUMNS = ("Number", "Organization", "Status", "Currency", "Total", "Balance", "Issued", "Due")


def register(commands: Any) -> None:
    """Add the ``invoices`` and ``payments`` command groups."""
    actions = command_group(commands, "invoices", "list, issue and export invoices")

    listing = actions.add_parser("list", help="list invoices (all, or of one status)")
    listing.add_argument("--status", metavar="S", help=_status_help())
    listing.add_argument("--json", action="store_true", help="print JSON: one object each")
    listing.set_defaults(run=_list)

    issuing = actions.add_parser("issue", help="issue draft invoices (numbers, dates, PDFs)")
    issuing.add_argument(
        "--all-drafts", action="store_true", required=True, help="issue every draft invoice"
    )
    date_option(issuing, "--date", "issue date")
    issuing.set_defaults(run=_issue)

    exporting = actions.add_parser("export", help="write one PDF per issued invoice to a folder")
    exporting.add_argument("--out", metavar="DIR", type=Path, required=True)
    exporting.add_argument("--status", metavar="S", help=_status_help())
    exporting.set_defaults(run=_export)

    reprinting = actions.add_parser(
        "reprint", help="write an issued invoice's stored PDF (byte for byte) to a file"
    )
    reprinting.add_argument("number", metavar="NUMBER", help="the invoice number")
    reprinting.add_argument("--out", metavar="FILE", type=Path, required=True)
    reprinting.set_defaults(run=_reprint)

    payment_actions = command_group(commands, "payments", "record payments against invoices")
    recording = payment_actions.add_parser("record", help="record a payment of an invoice")
    recording.add_argument("number", metavar="NUMBER", help="the invoice number")
    recording.add_argument("--amount", metavar="A", required=True, help="e.g. 1250.00")
    date_option(recording, "--date", required=True)
    recording.add_argument("--reference", metavar="R", default="")
    recording.add_argument(
        "--method", metavar="M", default="bank transfer", help=", ".join(PAYMENT_METHODS)
    )
    recording.add_argument(
        "--keep-excess",
        action="store_true",
        help="accept more than the balance due; the excess becomes the member's credit",
    )
    recording.set_defaults(run=_record_payment)
    money_commands.add_payment_actions(payment_actions)


def _status_help() -> str:
    return "draft, issued, partially-paid, paid, overdue or credited"


def invoice_json(row: InvoiceSummary) -> dict[str, Any]:
    """An invoice as a JSON object: amounts as exact decimal strings, dates in ISO form."""
    return {
        **document_json(row),
        "paid": plain_amount(row.paid),
        "credited": plain_amount(row.credited),
        "balance": plain_amount(row.balance),
        "issue_date": row.issue_date.isoformat() if row.issue_date else None,
        "due_date": row.due_date.isoformat() if row.due_date else None,
    }


def _cells(row: InvoiceSummary) -> list[str]:
    return [
        row.number or "(draft)",
        row.organization,
        row.status,
        row.currency,
        f"{row.total.amount:,}",
        f"{row.balance.amount:,}",
        row.issue_date.isoformat() if row.issue_date else "",
        row.due_date.isoformat() if row.due_date else "",
    ]


def _issue(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        report = context.invoices.issue_all_drafts(arguments.date)
    for summary in report.issued:
        print(f"Issued {summary.number}  {summary.organization}")
    for draft, reason in report.refused:
        print(f"ptf: error: draft for {draft.organization} not issued: {reason}", file=sys.stderr)
    if report.issued_elsewhere:
        print(
            f"{len(report.issued_elsewhere)} draft(s) were already issued by another program "
            "working on the same database meanwhile; they were not issued again."
        )
    print(f"Issued {len(report.issued)} invoice(s); {len(report.refused)} draft(s) refused.")
    return 1 if report.refused else 0


def _export(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        report = context.invoice_export.export(arguments.out, arguments.status)
    for path in report.written:
        print(path)
    for number in report.without_pdf:
        print(f"ptf: error: invoice {number} has no stored PDF to export", file=sys.stderr)
    return 1 if report.without_pdf else 0


def _reprint(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        invoice = context.invoices.find(arguments.number)
        content = context.invoices.pdf(invoice.summary.id)
    write_bytes_atomic(arguments.out, content)
    print(arguments.out)
    return 0


def _record_payment(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        summary = context.payments.record(
            arguments.number, arguments.amount, arguments.date, arguments.method,
            arguments.reference, keep_excess=arguments.keep_excess,
        )  # fmt: skip
    excess = summary.excess
    kept = f"; {format_money(excess)} to the member's credit" if excess and excess.amount else ""
    print(
        f"Recorded the payment on {summary.number}: {summary.status}, "
        f"balance due {format_money(summary.balance)}{kept}."
    )
    return 0


_list = list_command(
    lambda context, arguments: context.invoices.list(arguments.status),
    headers=_COLUMNS, cells=_cells, right={4, 5}, noun="invoice", as_json=invoice_json,
)  # fmt: skip
