"""Opening a document's PDF in the system viewer, saving a copy, and an e-mail draft.

The e-mail draft goes to the billing contact with the PDF attached.

The PDF bytes come from the services (stored bytes once issued, a fresh preview for a
draft); these helpers only write files and hand them to the desktop.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from ....domain.billing.file_names import document_file_name
from ....domain.foundation_settings import FoundationSettings
from ....private_files import private_folder_for_this_run
from ....services.atomic_files import write_bytes_atomic
from ....services.billing.records import BillTo, InvoiceDetails
from ....services.certificates.email_draft import email_draft
from ....services.errors import UserError
from .display import format_day, format_money


def pdf_file_name(details: InvoiceDetails) -> str:
    """The file name of an invoice's PDF: number (or "Draft") and organization, sanitized."""
    return document_file_name(details.summary.number or "Draft", details.bill_to.name)


def open_in_viewer(content: bytes, file_name: str) -> Path:
    """Write the PDF to a private temporary folder and open it with the system's viewer.

    Raises:
        UserError: the file cannot be written, or no application opens PDFs.
    """
    folder = private_folder_for_this_run("documents")
    path = folder / file_name
    write_bytes_atomic(path, content)
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        raise UserError(f"No application opens PDF files here; the file is {path}.")
    return path


def save_copy(content: bytes, path: Path) -> Path:
    """Write a copy of the PDF (atomically) where the person chose."""
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    write_bytes_atomic(path, content)
    return path


def save_email_draft(
    content: bytes,
    bill_to: BillTo,
    seller: FoundationSettings,
    path: Path,
    *,
    noun: str,
    number: str,
    addressee: str,
    message: str,
    file_name: str,
) -> Path:
    """Write an .eml draft to a document's billing contact with its PDF attached.

    Args:
        content: the document's PDF.
        bill_to: the buyer, whose billing e-mail receives the draft.
        seller: the foundation, which signs and sends it.
        path: where to write the draft (".eml" is added when missing).
        noun: what the document is ("invoice", "quote"), as the subject names it.
        number: the document's number ("draft" before it has one).
        addressee: who the greeting names.
        message: the paragraph between the greeting and the signature.
        file_name: the attached PDF's file name.

    Raises:
        UserError: the document has no billing e-mail, or the file cannot be written.
    """
    if not bill_to.email:
        raise UserError(
            f"{bill_to.name} has no billing e-mail on this {noun}: "
            "add one to the organization's billing contact first."
        )
    if path.suffix.lower() != ".eml":
        path = path.with_name(path.name + ".eml")
    draft = email_draft(
        sender_name="",  # "From" is the billing address alone
        sender_email=seller.billing_email,
        recipient_name=bill_to.name,
        recipient_email=bill_to.email,
        subject=f"{noun.capitalize()} {number} from {seller.legal_name}",
        body=f"Dear {addressee},\n\n{message}\n\nKind regards,\n{seller.legal_name}\n",
        attachment_name=file_name,
        attachment=content,
    )
    write_bytes_atomic(path, draft)
    return path


def save_invoice_email(
    content: bytes, details: InvoiceDetails, seller: FoundationSettings, path: Path
) -> Path:
    """Write an .eml draft to the invoice's billing contact with the PDF attached.

    Raises:
        UserError: the invoice has no billing e-mail, or the file cannot be written.
    """
    summary = details.summary
    number = summary.number or "draft"
    due = f", due on {format_day(summary.due_date)}" if summary.due_date else ""
    return save_email_draft(
        content, details.bill_to, seller, path, noun="invoice", number=number,
        addressee=f"{details.bill_to.name} accounts payable",
        message=f"Please find attached invoice {number} for {format_money(summary.total)}{due}.\n"
        f"When you pay, please quote the invoice number {number}.",
        file_name=pdf_file_name(details),
    )  # fmt: skip
