"""E-mail drafts (.eml) with a PDF attached, which a mail program opens ready to send.

``X-Unsent: 1`` makes Outlook open the file as a draft; Thunderbird and Apple Mail open
it as a message to edit and send. Names in any script are encoded by the standard
library's header machinery, so ``AT&T <Holding>`` or an Arabic name cannot break the
address header.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime


def email_draft(
    *,
    sender_name: str,
    sender_email: str,
    recipient_name: str,
    recipient_email: str,
    subject: str,
    body: str,
    attachment_name: str = "",
    attachment: bytes | None = None,
    now: datetime | None = None,
) -> bytes:
    """Build an unsent e-mail with one PDF attachment (or none), as .eml bytes.

    Args:
        sender_name: shown as the sender (the foundation).
        sender_email: the sender's address ("" leaves the From header out).
        recipient_name: the recipient's name, any script.
        recipient_email: the recipient's address.
        subject: the subject line.
        body: the plain-text body.
        attachment_name: the PDF's file name.
        attachment: the PDF's bytes (None: a message without attachment).
        now: the Date header (the present by default).

    Raises:
        ValueError: an address is malformed.
    """
    message = EmailMessage(policy=SMTP)
    message["X-Unsent"] = "1"
    if sender_email:
        message["From"] = Address(display_name=_one_line(sender_name), addr_spec=sender_email)
    message["To"] = Address(display_name=_one_line(recipient_name), addr_spec=recipient_email)
    message["Subject"] = _one_line(subject)
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message.set_content(body)
    if attachment is not None:
        message.add_attachment(
            attachment, maintype="application", subtype="pdf", filename=attachment_name
        )
    return message.as_bytes()


def _one_line(text: str) -> str:
    # A line break in a header would start a new header: never let a name do that.
    return " ".join(text.split())
