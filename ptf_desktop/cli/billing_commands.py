"""``ptf quotes ...``, ``ptf credit-notes ...`` and ``ptf receivables aging``."""

from __future__ import annotations

import argparse
import uuid
from typing import Any

from ..domain.billing.aging import AgingBucket, AgingRow
from ..domain.formatting import format_money, plain_amount
from ..paths import AppPaths
from ..services.billing.records import QuoteSummary
from ..services.context import AppContext
from .arguments import command_context, command_group, date_option, list_command
from .document_listing import document_json
from .text_table import print_listing


def register(commands: Any) -> None:
    """Add the ``quotes``, ``credit-notes`` and ``receivables`` command groups."""
    actions = command_group(commands, "quotes", "list, send, accept and decline quotes")
    listing = actions.add_parser("list", help="list quotes (all, or of one status)")
    listing.add_argument("--status", metavar="S", help="draft, sent, accepted, declined, expired")
    listing.add_argument("--json", action="store_true", help="print JSON: one object each")
    listing.set_defaults(run=_list_quotes)
    for name, text in (
        ("send", "send a draft quote (gives it its number)"),
        ("accept", "accept a sent quote: it becomes a draft invoice at the quoted prices"),
        ("decline", "mark a sent quote declined"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("quote", metavar="NUMBER|ID", help="quote number, or a draft's id")
        action.set_defaults(run=_quote_action, action=name)

    note_actions = command_group(
        commands, "credit-notes", "credit issued invoices", dest="credit_command"
    )
    creating = note_actions.add_parser(
        "create", help="credit an invoice in full (cancel it) or in part (--amount)"
    )
    creating.add_argument("number", metavar="NUMBER", help="the invoice number")
    creating.add_argument("--reason", metavar="R", required=True, help="why (printed)")
    creating.add_argument("--amount", metavar="A", help="amount with tax; default: all of it")
    date_option(creating, "--date", "issue date")
    creating.set_defaults(run=_create_credit_note)
    listing = note_actions.add_parser("list", help="list credit notes")
    listing.set_defaults(run=_list_credit_notes)

    receivable_actions = command_group(commands, "receivables", "open balances")
    aging = receivable_actions.add_parser("aging", help="aging report by organization")
    date_option(aging, "--as-of", "default: today")
    aging.add_argument("--json", action="store_true", help="print JSON")
    aging.set_defaults(run=_aging)


def _quote_cells(row: QuoteSummary) -> list[str]:
    return [
        row.number or str(row.id),
        row.organization,
        row.status,
        row.currency,
        f"{row.total.amount:,}",
        row.valid_until.isoformat(),
    ]


def _quote_json(row: QuoteSummary) -> dict[str, Any]:
    return {
        **document_json(row),
        "issue_date": row.issue_date.isoformat() if row.issue_date else None,
        "valid_until": row.valid_until.isoformat(),
    }


def _quote_id(context: AppContext, text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        return context.quotes.find(text).summary.id


def _quote_action(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        quote_id = _quote_id(context, arguments.quote)
        if arguments.action == "send":
            sent = context.quotes.send(quote_id)
            print(f"Sent quote {sent.number} to {sent.organization}.")
        elif arguments.action == "accept":
            invoice_id = context.quotes.accept(quote_id)
            invoice = context.invoices.get(invoice_id).summary
            print(
                f"Accepted; draft invoice {invoice_id} for {invoice.organization}, "
                f"{format_money(invoice.total)}."
            )
        else:
            declined = context.quotes.decline(quote_id)
            print(f"Quote {declined.number} declined.")
    return 0


def _create_credit_note(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        note = context.credit_notes.create(
            arguments.number, arguments.reason, arguments.amount, arguments.date
        )
    print(f"Credit note {note.number} for {format_money(note.total)} on {note.invoice_number}.")
    return 0


def _aging(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        rows = context.receivables.aging(arguments.as_of)
    buckets = list(AgingBucket)
    headers = ("Organization", "Currency", *(b.value for b in buckets), "Total", "Credit")
    return print_listing(
        rows,
        headers=headers,
        cells=lambda row: [
            row.organization,
            row.currency,
            *(f"{row.buckets[b].amount:,}" for b in buckets),
            f"{row.total.amount:,}",
            f"{row.credit.amount:,}" if row.credit else "",
        ],  # fmt: skip
        right=range(2, len(headers)),
        empty="Nothing is owed.",
        as_json=_aging_json if arguments.json else None,
    )


def _aging_json(row: AgingRow) -> dict[str, Any]:
    return {
        "organization": row.organization,
        "currency": row.currency,
        **{bucket.value: plain_amount(row.buckets[bucket]) for bucket in AgingBucket},
        "total": plain_amount(row.total),
        "credit": plain_amount(row.credit) if row.credit else None,
    }


_list_quotes = list_command(
    lambda context, arguments: context.quotes.list(arguments.status),
    headers=("Number", "Organization", "Status", "Currency", "Total", "Valid until"),
    cells=_quote_cells, right={4}, noun="quote", as_json=_quote_json,
)  # fmt: skip
_list_credit_notes = list_command(
    lambda context, _arguments: context.credit_notes.list(),
    headers=("Number", "Invoice", "Organization", "Date", "Total", "Reason"),
    cells=lambda n: [n.number, n.invoice_number, n.organization, n.issue_date.isoformat(),
                     format_money(n.total), n.reason],
    right={4}, empty="No credit notes.",
)  # fmt: skip
