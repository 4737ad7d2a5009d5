"""What an office still has to set up before its first invoice and certificate.

Without a tax ID the first invoice fails; without bank details a member abroad cannot
pay; without a signatory or a signing certificate certificates cannot be issued. Rather
than learning this one refused task at a time, a new office sees the whole list at once
(the window shows it at first launch), each item ticked off as it is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import AppContext


class Place(Enum):
    """Where in the window an item is done."""

    FOUNDATION = "foundation"
    BANK = "bank"
    SIGNING = "signing"
    FEES = "fees"
    MEMBERS = "members"


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to set up.

    Attributes:
        title: what to do, e.g. "Enter the foundation's tax ID".
        done: whether it is done.
        why: what it is needed for (shown under the title).
        place: where it is done.
    """

    title: str
    done: bool
    why: str
    place: Place


def setup_checklist(context: AppContext) -> tuple[ChecklistItem, ...]:
    """The checklist as it stands in this database (reads only)."""
    s = context.settings.load()
    entries = [entry for schedule in context.fees.schedules() for entry in schedule.entries]
    signing = bool(context.certificate_settings.load().signing_pkcs12_path)
    item = ChecklistItem
    return (
        item("Check the foundation's name and address",
             all((s.legal_name, s.address_line1, s.city, s.country)),
             "They head every invoice, quote and certificate.", Place.FOUNDATION),
        item("Enter the foundation's tax ID", bool(s.tax_id),
             "No invoice is issued without it.", Place.FOUNDATION),
        item("Enter the bank details",
             bool(s.bank_name and s.bank_account and (s.iban or s.aba_routing)),
             "Invoices tell members where to pay.", Place.BANK),
        item("Name the signatory", bool(s.signatory_name and s.signatory_title),
             "Certificates and letters are signed in this person's name.", Place.FOUNDATION),
        item("Choose a signing certificate", signing,
             "Certificates and invoices are signed so members can verify them.", Place.SIGNING),
        item("Confirm the fee schedule",
             bool(entries) and not any(entry.to_be_confirmed for entry in entries),
             "Only confirmed fees are invoiced.", Place.FEES),
        item("Import or add the members", not context.demo.is_empty(),
             "The register of organizations everything else is about.", Place.MEMBERS),
    )  # fmt: skip
