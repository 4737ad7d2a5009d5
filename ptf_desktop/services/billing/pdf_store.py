"""Issued PDFs, stored byte for byte with their SHA-256 so that a reprint is identical."""

from __future__ import annotations

import hashlib
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...persistence.ids import time_ordered_uuid
from ...persistence.models.billing import DocumentPdf


def store_pdf(session: Session, kind: str, document_id: uuid.UUID, content: bytes) -> str:
    """Store the PDF of an issued document; return its SHA-256 (hex)."""
    digest = hashlib.sha256(content).hexdigest()
    session.add(
        DocumentPdf(
            id=time_ordered_uuid(),
            document_kind=kind,
            document_id=document_id,
            sha256=digest,
            content=content,
        )
    )
    return digest


def stored_pdf(session: Session, document_id: uuid.UUID) -> bytes | None:
    """The stored PDF of a document, checked against its SHA-256, or None if there is none.

    Raises:
        RuntimeError: the stored bytes no longer match their hash (a damaged database).
    """
    row = session.scalars(
        select(DocumentPdf).where(DocumentPdf.document_id == document_id)
    ).one_or_none()
    if row is None:
        return None
    if hashlib.sha256(row.content).hexdigest() != row.sha256:
        raise RuntimeError(f"the stored PDF of document {document_id} does not match its hash")
    return row.content
