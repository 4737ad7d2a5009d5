"""One chunk of a year's batch: number, render and store many certificates in one transaction.

The terms of a chunk are read with a few queries (terms, organizations, valid
certificates, stored PDFs), the missing certificates are numbered in the transaction
that stores them, drawn by a :class:`CertificateRenderer` (worker processes for big
batches) and stored with their PDFs. Any failure rolls the whole chunk back: no number
is used and no row or PDF is stored, so the series stays gapless.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...documents.certificate_pool import CertificateJob, CertificateRenderer
from ...domain.certificates import CertificateStatus
from ...domain.errors import UserError
from ...persistence.engine import SessionFactories
from ...persistence.models import Certificate, MembershipTerm, Organization
from ...persistence.models.billing import DocumentPdf
from ..billing.pdf_store import store_pdf
from ..billing.series import take_next_numbers
from ..database_errors import translating_database_errors
from ..register.term_holding import not_held
from .certifiable import check_certifiable
from .certificate_records import (
    CertificateRecord,
    certificate_series,
    document_of,
    new_certificate_row,
    to_record,
)
from .certificate_service import PDF_KIND
from .certificate_settings import settings_row
from .verification_keys import current_key

Told = Callable[[str], None]
"""Called with what was just done (a number or why a term was skipped), per term."""


@dataclass(frozen=True)
class ChunkItem:
    """What became of one term of a chunk.

    Attributes:
        record: its valid certificate (None when it was skipped).
        pdf: the certificate's PDF (None when skipped or not asked for).
        issued: the certificate was issued by this chunk.
        problem: why the term was skipped ("" when it was not).
    """

    record: CertificateRecord | None
    pdf: bytes | None
    issued: bool
    problem: str = ""


def issue_chunk(
    factories: SessionFactories,
    term_ids: Sequence[uuid.UUID],
    day: date,
    renderer: Callable[[], CertificateRenderer],
    *,
    with_pdfs: bool,
    told: Told | None = None,
) -> list[ChunkItem]:
    """Issue the missing certificates of some terms in one transaction.

    Args:
        factories: the database's session factories.
        term_ids: the terms, in the order their results are wanted.
        day: the issue date of new certificates.
        renderer: gives the renderer, called only when something is to be issued (so
            the signing material is read only then).
        with_pdfs: also return the PDFs of certificates issued earlier.
        told: told after each term, as soon as its certificate is drawn.

    Returns:
        One item per term, in the order of ``term_ids``.

    Raises:
        UserError: the signatory is not set, or signing failed; nothing is stored.
        RuntimeError: a stored PDF no longer matches its hash (a damaged database).
    """
    with translating_database_errors(factories), factories.write.begin() as s:
        terms, organizations, valid = _load(s, term_ids)
        items: dict[uuid.UUID, ChunkItem] = {}
        certifiable: list[MembershipTerm] = []
        unheld = not_held(s, [term for key, term in terms.items() if key not in valid])
        for term_id in term_ids:
            if term_id in valid:
                continue
            problem = _problem(s, terms.get(term_id), day, unheld)
            if problem:
                items[term_id] = ChunkItem(None, None, False, problem)
            else:
                certifiable.append(terms[term_id])
        new_rows: list[Certificate] = []
        if certifiable:
            # Settings and key read once, and the chunk's numbers taken in one update.
            settings, key = settings_row(s), current_key(s)
            numbers = take_next_numbers(s, certificate_series(settings, day), len(certifiable))
            new_rows = [
                new_certificate_row(s, term, day, settings, key, number)
                for term, number in zip(certifiable, numbers, strict=True)
            ]
        del organizations  # kept until here: the checks found them in the identity map
        pdfs = _stored_pdfs(s, [row.id for row in valid.values()]) if with_pdfs else {}
        # Terms already certified or skipped are reported at once; issued ones as drawn.
        for term_id in term_ids:
            if told is not None and term_id in valid:
                told(valid[term_id].number)
            elif told is not None and term_id in items:
                told(items[term_id].problem)
        for term_id, row in valid.items():
            items[term_id] = ChunkItem(to_record(row), pdfs.get(row.id), False)
        if new_rows:
            _render_and_store(s, new_rows, renderer(), items, told)
        return [items[term_id] for term_id in term_ids]


def _render_and_store(
    s: Session,
    rows: list[Certificate],
    renderer: CertificateRenderer,
    items: dict[uuid.UUID, ChunkItem],
    told: Told | None,
) -> None:
    settings = settings_row(s)
    location = settings.city or settings.legal_name
    signed = renderer.signs
    jobs = [CertificateJob(document_of(row), location) for row in rows]
    for row, pdf in zip(rows, renderer.render(jobs), strict=True):
        row.signed = signed
        row.pdf_sha256 = store_pdf(s, PDF_KIND, row.id, pdf)
        s.add(row)
        items[row.term_id] = ChunkItem(to_record(row), pdf, True)
        if told is not None:
            told(row.number)
    s.flush()


def _load(
    s: Session, term_ids: Sequence[uuid.UUID]
) -> tuple[dict[uuid.UUID, MembershipTerm], list[Organization], dict[uuid.UUID, Certificate]]:
    terms = {
        term.id: term
        for term in s.scalars(select(MembershipTerm).where(MembershipTerm.id.in_(term_ids)))
    }
    owners = {term.organization_id for term in terms.values()}
    # The session's identity map holds rows weakly: while the caller keeps this list,
    # ``s.get(Organization, ...)`` in the checks finds them without a query.
    organizations = list(s.scalars(select(Organization).where(Organization.id.in_(owners))))
    valid = {
        row.term_id: row
        for row in s.scalars(
            select(Certificate).where(
                Certificate.term_id.in_(term_ids),
                Certificate.status == CertificateStatus.VALID.value,
                Certificate.deleted.is_(False),
            )
        )
    }
    return terms, organizations, valid


def _problem(
    s: Session, term: MembershipTerm | None, day: date, unheld: dict[uuid.UUID, str]
) -> str:
    if term is None or term.deleted:
        return "There is no such membership term."
    try:
        check_certifiable(s, term, day, unheld)
    except UserError as error:
        return str(error)
    return ""


def _stored_pdfs(s: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, bytes]:
    if not ids:
        return {}
    found: dict[uuid.UUID, bytes] = {}
    query = select(DocumentPdf.document_id, DocumentPdf.sha256, DocumentPdf.content).where(
        DocumentPdf.document_id.in_(ids)
    )
    for document_id, digest, content in s.execute(query):
        if hashlib.sha256(content).hexdigest() != digest:
            raise RuntimeError(f"the stored PDF of document {document_id} does not match its hash")
        found[document_id] = content
    missing = [key for key in ids if key not in found]
    if missing:
        number = s.get(Certificate, missing[0])
        raise UserError(f"The PDF of certificate {number.number if number else '?'} is missing.")
    return found
