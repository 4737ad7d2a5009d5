"""Asking before a draft invoice is issued: it takes the next number and never changes again.

Asked the same way from the Invoices list and from a draft's own window, with the
service's warnings (an unconfirmed fee, a missing tax ID) above the question.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QMessageBox, QWidget

from ....services.billing.invoice_service import InvoiceService
from ...widgets.message_boxes import confirm


def confirm_issue(
    parent: QWidget, invoices: InvoiceService, draft_id: uuid.UUID, organization: str
) -> bool:
    """Whether the person confirmed issuing the draft (its warnings shown first)."""
    warnings = invoices.issue_warnings(draft_id)
    return confirm(
        parent,
        "Issue invoice",
        "".join(f"Warning: {warning}\n\n" for warning in warnings)
        + f"Issue the draft for {organization}?\n\nIt takes the next invoice number "
        "and its PDF is stored. An issued invoice can no longer be changed or deleted: "
        "corrections are made with credit notes.",
        "Issue",
        icon=QMessageBox.Icon.Warning if warnings else QMessageBox.Icon.Question,
        name="issueConfirmation",
    )
