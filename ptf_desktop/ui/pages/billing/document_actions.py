"""Opening a document's PDF in the system viewer, saving a copy, and an e-mail draft.

The e-mail draft goes to the billing contact with the PDF attached.

The PDF bytes come from the services (stored bytes once issued, a fresh preview for a
draft); these helpers only write files and hand them to the desktop. The ``…_as`` ones
ask where first and warn of a failure themselves (``Warn``: title, message), so the
pages' slots are a line each.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from ....domain.billing.file_names import document_file_name
from ....domain.foundation_settings import FoundationSettings
from ....private_files import private_folder_for_this_run
from ....services.atomic_files import write_bytes_atomic
from ....services.billing.records import InvoiceDetails, QuoteDetails
from ....services.certificates.email_draft import email_draft
from ....services.errors import UserError
from ... import file_dialogs
from .display import format_day, format_money

Warn = Callable[[str, str], None]


def pdf_file_name(details: InvoiceDetails) -> str:
    """The file name of an invoice's PDF: number (or "Draft") and organization, sanitized."""
    return document_file_name(details.summary.number or "Draft", details.bill_to.name)


def quote_file_name(details: QuoteDetails) -> str:
    """The file name of a quote's PDF: number (or "Draft quote") and organization."""
    return document_file_name(details.summary.number or "Draft quote", details.bill_to.name)


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
    details: InvoiceDetails | QuoteDetails,
    seller: FoundationSettings,
    path: Path,
) -> Path:
    """Write an .eml draft to the document's billing contact with the PDF attached.

    The draft of an invoice asks accounts payable to pay by the due date, quoting its
    number; the draft of a quote says until when the quote is valid.

    Raises:
        UserError: the document has no billing e-mail, or the file cannot be written.
    """
    bill_to, summary = details.bill_to, details.summary
    noun = "quote" if isinstance(details, QuoteDetails) else "invoice"
    if not bill_to.email:
        raise UserError(
            f"{bill_to.name} has no billing e-mail on this {noun}: "
            "add one to the organization's billing contact first."
        )
    if path.suffix.lower() != ".eml":
        path = path.with_name(path.name + ".eml")
    number = summary.number or "draft"
    attached = f"Please find attached {noun} {number} for {format_money(summary.total)}"
    if isinstance(details, QuoteDetails):
        addressee, file_name = bill_to.name, quote_file_name(details)
        message = f"{attached}, valid until {format_day(details.summary.valid_until)}."
    else:
        addressee, file_name = f"{bill_to.name} accounts payable", pdf_file_name(details)
        due_date = details.summary.due_date
        due = f", due on {format_day(due_date)}" if due_date else ""
        message = f"{attached}{due}.\nWhen you pay, please quote the invoice number {number}."
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


def document_pdf_name(details: InvoiceDetails | QuoteDetails) -> str:
    """The file name of an invoice's or a quote's PDF."""
    return quote_file_name(details) if isinstance(details, QuoteDetails) else pdf_file_name(details)


def open_or_warn(content: bytes, file_name: str, warn: Warn, title: str) -> None:
    """Open the PDF in the system's viewer, or warn (``title``) why it cannot be."""
    try:
        open_in_viewer(content, file_name)
    except UserError as problem:
        warn(title, str(problem))


def save_copy_as(parent: QWidget, content: bytes, file_name: str, warn: Warn) -> Path | None:
    """Ask where to save a copy of the PDF and write it there.

    Returns:
        Where it was written; None when the person cancelled or it could not be (warned).
    """
    chosen, _ = file_dialogs.get_save_file_name(
        parent, "Save a copy", file_name, "PDF files (*.pdf)"
    )
    try:
        return save_copy(content, Path(chosen)) if chosen else None
    except UserError as problem:
        warn("Save a copy", str(problem))
        return None


def save_email_draft_as(
    parent: QWidget,
    content: bytes,
    details: InvoiceDetails | QuoteDetails,
    seller: Callable[[], FoundationSettings],
    warn: Warn,
) -> Path | None:
    """Ask where to write the document's e-mail draft (see ``save_email_draft``), write it.

    Returns:
        Where it was written; None when the person cancelled or it could not be (warned).
    """
    name = document_pdf_name(details).removesuffix(".pdf") + ".eml"
    chosen, _ = file_dialogs.get_save_file_name(
        parent, "Save the e-mail draft", name, "E-mail drafts (*.eml)"
    )
    try:
        return save_email_draft(content, details, seller(), Path(chosen)) if chosen else None
    except UserError as problem:
        warn("E-mail draft", str(problem))
        return None
