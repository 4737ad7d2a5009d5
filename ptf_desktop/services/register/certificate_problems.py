"""Valid certificates that no longer say what their term says (after a tier change).

A certificate is a signed, frozen document: a tier change does not rewrite it. When its
term's tier or dates have changed since, the organization editor says so, and re-issuing
the certificate (which takes the term as it is now) puts it right.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.certificates import CertificateStatus
from ...persistence.models import Certificate, MembershipTerm


def stale_certificates(session: Session, organization_id: uuid.UUID) -> tuple[str, ...]:
    """A problem per valid certificate whose term's tier or dates have changed since."""
    rows = session.execute(
        select(Certificate, MembershipTerm)
        .join(MembershipTerm, MembershipTerm.id == Certificate.term_id)
        .where(Certificate.organization_id == organization_id)
        .where(Certificate.status == CertificateStatus.VALID.value)
        .where(Certificate.deleted.is_(False))
        .order_by(Certificate.number)
    ).all()
    problems = []
    for certificate, term in rows:
        said = (certificate.tier.lower(), certificate.term_start, certificate.term_end)
        if said == (term.tier, term.start_date, term.end_date):
            continue
        problems.append(
            f"Certificate {certificate.number} says {certificate.tier} for "
            f"{certificate.term_start.isoformat()} to {certificate.term_end.isoformat()}; the "
            f"term is now {term.tier.title()} for {term.start_date.isoformat()} to "
            f"{term.end_date.isoformat()}: re-issue it (Certificates)."
        )
    return tuple(problems)
