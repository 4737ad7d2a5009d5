"""An e-mail draft (.eml) to a billing contact with a document attached.

The person opens the file with their mail program, reads it and sends it: the app never
sends mail itself. Written with Python's ``email`` package.
"""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage


def email_draft(
    *,
    sender: str,
    recipient_name: str,
    recipient_email: str,
    subject: str,
    body: str,
    attachment_name: str,
    attachment: bytes,
) -> bytes:
    """The bytes of an unsent message with a PDF attached (marked as a draft)."""
    message = EmailMessage()
    if sender:
        message["From"] = sender
    if recipient_email:
        # An Address object quotes the name itself: "AT&T <Holding>" must not become an address.
        message["To"] = Address(display_name=recipient_name, addr_spec=recipient_email)
    message["Subject"] = subject
    message["X-Unsent"] = "1"  # Outlook and Thunderbird open it as a draft to send
    message.set_content(body)
    message.add_attachment(
        attachment, maintype="application", subtype="pdf", filename=attachment_name
    )
    return bytes(message)
