"""The draft invoice editor: a new draft for an organization, or changes to a draft.

Saving is one service call (two for a new draft whose bill-to was changed: the draft is
created from the organization, then its bill-to corrected; if the correction is refused
the new draft is removed again, so a refused save leaves nothing behind).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget

from ....domain.errors import ValidationError
from ....services.billing.drafts import DraftInvoiceSpec
from ....services.billing.invoice_service import InvoiceService
from ....services.billing.records import BillTo, InvoiceDetails
from ....services.errors import UserError
from .draft_editor import DraftEditor
from .fee_lines_dialog import FeeLinesDialog
from .lines_model import EditedLine, LinesModel


class InvoiceEditor(DraftEditor):
    """Edit the bill-to, reference, currency, lines and notes of a draft invoice.

    Signals:
        saved(object): the draft's UUID, after a successful save.
    """

    def __init__(
        self,
        invoices: InvoiceService,
        *,
        details: InvoiceDetails | None = None,
        organization_id: uuid.UUID | None = None,
        bill_to: BillTo | None = None,
        fees: Any = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("invoiceEditor", "draft", parent)
        if details is None and (organization_id is None or bill_to is None):
            raise ValueError("a new draft needs an organization and its bill-to details")
        self._invoices = invoices
        self._details = details
        self._organization_id = organization_id
        self._prefilled = bill_to
        self.invoice_id: uuid.UUID | None = details.summary.id if details else None
        self._fees = fees
        self._today = today or date.today()
        # As in the quote editor: membership lines priced from the fee schedule.
        self.fee_button = QPushButton("Membership from fee schedule\u2026")
        self.fee_button.setObjectName("invoiceFeeLines")
        self.form.line_buttons.insertWidget(2, self.fee_button)
        self.fee_button.setEnabled(fees is not None)
        self.fee_button.clicked.connect(self._on_fee_button_clicked)
        self._lay_out(860, 720)
        if details is not None:
            self.setWindowTitle(f"Draft invoice \u2013 {details.bill_to.name}")
            summary = details.summary
            self._fill(
                details.bill_to, summary.currency, details.exchange_rate_to_usd, details.notes
            )
            self.form.set_lines(details.lines)
        else:
            assert bill_to is not None
            self.setWindowTitle(f"New draft invoice \u2013 {bill_to.name}")
            self._fill(bill_to, "USD", None, "")
            self.form.lines.add_line()
        self._mark_stored()

    def _saved_id(self) -> object:
        return self.invoice_id

    def _on_fee_button_clicked(self) -> None:
        organization = self._organization_id or (
            self._details.summary.organization_id if self._details else None
        )
        if organization is None:
            return
        dialog = FeeLinesDialog(self._fees, organization, self._today, self)
        if not dialog.exec():
            return
        lines = self.form.lines
        # The blank line a new draft starts with gives way to the priced lines.
        if lines.lines() == [EditedLine()]:
            lines.remove_line(0)
        for spec in dialog.lines:
            lines.add_line(LinesModel.edited(spec))

    def _save(self) -> None:
        lines = self.form.lines.specs()
        values = self.form.values()
        if self.invoice_id is not None:
            self._invoices.update_draft(self.invoice_id, {**values, "lines": lines})
            return
        assert self._organization_id is not None and self._prefilled is not None
        rate_text = values["exchange_rate_to_usd"]
        changes = {
            k: v for k, v in values.items() if k.startswith("bill_to") or k == "buyer_vat_id"
        }
        spec = DraftInvoiceSpec(
            organization_id=self._organization_id,
            currency=values["currency"],
            lines=lines,
            buyer_reference=values["buyer_reference"],
            notes=values["notes"],
        )
        new_id = self._invoices.create_draft(spec)
        try:
            # The rate and the bill-to go through update_draft, which reads typed text.
            self._invoices.update_draft(new_id, {**changes, "exchange_rate_to_usd": rate_text})
        except (ValidationError, UserError):
            self._invoices.delete_draft(new_id)
            raise
        self.invoice_id = new_id
