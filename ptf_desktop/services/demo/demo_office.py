"""A working demo office: the settings filled in, a signing certificate, billing, certificates.

The demo register alone leaves the dashboard, reports and aging at zero and the first
invoice failing until the tax ID is set. ``DemoOffice.furnish`` makes the demo database
look like an office that has run for a few years: the foundation's details and bank,
confirmed fees, a self-signed signing certificate (when the system keyring can hold its
passphrase), the billing history of ``demo_billing`` and this year's certificates. The
same seed on the same register gives the same office.
"""

from __future__ import annotations

import logging
import random
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.errors import UserError
from .demo_billing import BillingTally, DemoBilling

if TYPE_CHECKING:
    from ..context import AppContext

log = logging.getLogger(__name__)

OFFICE_SETTINGS = {
    "tax_id": "46-0825839",
    "billing_email": "billing@pytorch-foundation.example",
    "bank_name": "First Example Bank, N.A.",
    "bank_account": "000123456789",
    "aba_routing": "021000021",
    "iban": "GB33 BUKB 2020 1555 5555 55",
    "swift_bic": "BUKBGB22",
    "signatory_name": "Alex Morgan",
    "signatory_title": "Executive Director",
}
SIGNING_FILE_NAME = "demo-signing-certificate.p12"


@dataclass(frozen=True)
class OfficeSummary:
    """What ``furnish`` set up.

    Attributes:
        billing: invoices, payments, credit notes, refunds and quotes written.
        certificates: certificates issued for this year's members.
        signing: the signing certificate's file, or why there is none.
    """

    billing: BillingTally
    certificates: int
    signing: str


class DemoOffice:
    """Turns a demo register into a working office, through the services."""

    def __init__(self, context: AppContext) -> None:
        self._context = context

    def furnish(self, seed: int, signing_folder: Path, today: date | None = None) -> OfficeSummary:
        """Fill in settings, signing, billing history and certificates.

        Args:
            seed: the same seed gives the same office.
            signing_folder: where the demo's signing certificate file is written.
            today: the day the history runs up to (default today).

        Raises:
            UserError: a service refused a step (the steps before it stay).
        """
        day = today or date.today()
        self._context.settings.save(OFFICE_SETTINGS)
        self._confirm_fees()
        signing = self._create_signing_certificate(signing_folder)
        billing = DemoBilling(self._context, random.Random(f"office:{seed}"), day).build()
        # The statuses the term rules give on the day (members whose renewal went unpaid
        # are in grace or lapsed), rather than thousands of changes at the first start.
        moved = self._context.renewals.apply_status_transitions(day)
        batch = self._context.certificate_batch.issue_year(day.year, on=day)
        log.info("Demo office: %s; %d statuses brought up to date; %d certificates; "
                 "signing: %s", billing, len(moved), len(batch.issued), signing)  # fmt: skip
        return OfficeSummary(billing, len(batch.issued), signing)

    def _confirm_fees(self) -> None:
        """The demo's fees are the foundation's own: nothing is left "to be confirmed"."""
        fees = self._context.fees
        for schedule in fees.schedules():
            for entry in schedule.entries:
                if entry.to_be_confirmed and entry.id is not None:
                    fees.change_entry(entry.id, entry.amount, to_be_confirmed=False)

    def _create_signing_certificate(self, folder: Path) -> str:
        """A self-signed certificate for the signatory; its passphrase goes to the keyring."""
        path = folder / SIGNING_FILE_NAME
        try:
            self._context.certificate_settings.create_self_signed(
                path, secrets.token_urlsafe(18), OFFICE_SETTINGS["signatory_name"]
            )
        except UserError as problem:  # e.g. no system keyring on this computer
            path.unlink(missing_ok=True)
            return f"none ({problem})"
        return str(path)
