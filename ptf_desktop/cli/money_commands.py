"""``ptf payments list|reverse``, ``ptf credits ...`` and ``ptf statements create``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..domain.formatting import format_money, plain_amount
from ..paths import AppPaths
from ..services.atomic_files import write_bytes_atomic
from ..services.billing.payment_service import PAYMENT_METHODS
from ..services.billing.records import PaymentRecord
from .arguments import command_context, command_group, date_option, list_command


def add_payment_actions(actions: Any) -> None:
    """Add ``list`` and ``reverse`` to the ``payments`` command group."""
    listing = actions.add_parser("list", help="the payments register (newest first)")
    listing.add_argument("--invoice", metavar="N", help="only the payments of invoice N")
    listing.add_argument("--search", metavar="TEXT", default="", help="words to look for")
    listing.add_argument("--json", action="store_true", help="print JSON: one object each")
    listing.set_defaults(run=_list_payments)
    reversing = actions.add_parser(
        "reverse", help="reverse a payment (a reversal entry with a reason; nothing is deleted)"
    )
    reversing.add_argument("id", metavar="ID", help="the payment id (its last 8 characters)")
    reversing.add_argument("--reason", metavar="R", required=True, help="why it is reversed")
    reversing.set_defaults(run=_reverse_payment)


def register(commands: Any) -> None:
    """Add the ``credits`` and ``statements`` command groups."""
    actions = command_group(commands, "credits", "members' credit balances")
    actions.add_parser("list", help="members with a credit balance").set_defaults(run=_list_credits)
    refunding = actions.add_parser("refund", help="record a refund of a member's credit")
    refunding.add_argument("organization", metavar="ORG", help="name or id")
    refunding.add_argument("--amount", metavar="A", required=True)
    refunding.add_argument("--currency", metavar="C", default="USD")
    date_option(refunding, "--date", required=True)
    refunding.add_argument(
        "--method", metavar="M", default="bank transfer", help=", ".join(PAYMENT_METHODS)
    )
    refunding.add_argument("--reference", metavar="R", default="")
    refunding.set_defaults(run=_refund)
    applying = actions.add_parser("apply", help="pay an invoice out of its member's credit")
    applying.add_argument("number", metavar="NUMBER", help="the invoice number")
    applying.add_argument("--amount", metavar="A", help="default: as much as possible")
    date_option(applying, "--date", "default: today")
    applying.set_defaults(run=_apply)

    statement_actions = command_group(commands, "statements", "statements of account")
    creating = statement_actions.add_parser("create", help="write a member's statement (PDF)")
    creating.add_argument("organization", metavar="ORG", help="name or id")
    date_option(creating, "--as-of", "default: today")
    creating.add_argument("--out", metavar="FILE", type=Path, required=True)
    creating.add_argument(
        "--email-draft", metavar="FILE", type=Path, help="also write an .eml draft"
    )
    creating.set_defaults(run=_create_statement)


def _reference(row: PaymentRecord) -> str:
    if row.reversed_by is not None:
        return f"{row.reference} (reversed)".strip()
    if row.reason:
        return f"{row.reference}: {row.reason}"
    return row.reference


def _payment_json(row: PaymentRecord) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "date": row.paid_on.isoformat(),
        "invoice": row.invoice_number,
        "organization": row.organization,
        "currency": row.amount.currency,
        "amount": plain_amount(row.amount),
        "method": row.method,
        "reference": row.reference,
        "recorded_by": row.recorded_by,
        "reverses": str(row.reverses) if row.reverses else None,
        "reversed_by": str(row.reversed_by) if row.reversed_by else None,
        "reason": row.reason,
    }


def _reverse_payment(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        reversal = context.payments.reverse(arguments.id, arguments.reason)
    print(
        f"Reversed: entry {reversal.short_id} of {format_money(reversal.amount)} "
        f"on invoice {reversal.invoice_number}."
    )
    return 0


def _refund(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        organization = context.statements.find_organization(arguments.organization)
        refund = context.credits.refund(
            organization, arguments.amount, arguments.currency.strip().upper(), arguments.date,
            arguments.method, arguments.reference,
        )  # fmt: skip
    print(f"Refund of {format_money(refund.amount)} recorded ({refund.method}).")
    return 0


def _apply(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        summary = context.credits.apply(arguments.number, arguments.amount, arguments.date)
    print(
        f"Credit applied to {summary.number}: {summary.status}, "
        f"balance due {format_money(summary.balance)}."
    )
    return 0


def _create_statement(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        organization = context.statements.find_organization(arguments.organization)
        content = context.statements.pdf(organization, arguments.as_of)
        draft = None
        if arguments.email_draft is not None:
            draft = context.statements.email_draft(organization, arguments.as_of)
    write_bytes_atomic(arguments.out, content)
    print(arguments.out)
    if draft is not None:
        write_bytes_atomic(arguments.email_draft, draft)
        print(arguments.email_draft)
    return 0


_list_payments = list_command(
    lambda context, arguments: context.payments.register(arguments.search, arguments.invoice),
    headers=("Id", "Date", "Invoice", "Organization", "Amount", "Method", "Reference", "By"),
    cells=lambda row: [row.short_id, row.paid_on.isoformat(), row.invoice_number,
                       row.organization, format_money(row.amount), row.method,
                       _reference(row), row.recorded_by],
    right={4}, noun="payment", as_json=_payment_json,
)  # fmt: skip
_list_credits = list_command(
    lambda context, _arguments: context.credits.balances(),
    headers=("Organization", "Credit"),
    cells=lambda row: [row.organization, format_money(row.amount)],
    right={1}, empty="No member has a credit balance.",
)  # fmt: skip
