"""The membership terms a person can pick to issue a certificate for, with the reason not."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select

from ...domain.certificates import CertificateStatus
from ...persistence.engine import SessionFactories
from ...persistence.models import Certificate, MembershipTerm, Organization
from ..database_errors import translating_database_errors
from ..register.term_holding import not_held


@dataclass(frozen=True)
class TermChoice:
    """A membership term of a year and whether a certificate can be issued for it.

    Attributes:
        term_id: the term.
        organization_id: its organization.
        legal_name: the organization's legal name as recorded.
        tier: the term's tier (premier, general, associate).
        start: first day of the term.
        end: last day of the term.
        certificate: the number of its valid certificate ("" when none).
        problem: why no certificate can be issued now ("" when one can).
    """

    term_id: uuid.UUID
    organization_id: uuid.UUID
    legal_name: str
    tier: str
    start: date
    end: date
    certificate: str
    problem: str


def terms_in_year(year: int, *columns: Any) -> Select[Any]:
    """Select ``columns`` of every term overlapping ``year`` (organizations not deleted).

    Args:
        year: the membership year.
        *columns: what to select of each term and its organization.

    Returns:
        The query, ordered by organization name, then term start.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    return (
        select(*columns)
        .join(Organization, Organization.id == MembershipTerm.organization_id)
        .where(
            MembershipTerm.deleted.is_(False),
            Organization.deleted.is_(False),
            MembershipTerm.start_date <= last,
            MembershipTerm.end_date >= first,
        )
        .order_by(Organization.normalized_name, MembershipTerm.start_date)
    )


def term_choices(factories: SessionFactories, year: int, on: date) -> list[TermChoice]:
    """Every term overlapping ``year``, by organization name, with what stops issuing."""
    with translating_database_errors(factories), factories.read.begin() as s:
        rows = s.execute(terms_in_year(year, MembershipTerm, Organization)).all()
        valid = dict(
            s.execute(
                select(Certificate.term_id, Certificate.number).where(
                    Certificate.status == CertificateStatus.VALID.value,
                    Certificate.deleted.is_(False),
                )
            ).all()
        )
        unheld = not_held(s, [term for term, _ in rows])
        choices = []
        for term, organization in rows:
            number = valid.get(term.id, "")
            if number:
                problem = f"Already certified by {number}"
            elif organization.status not in ("active", "grace"):
                problem = f"Membership is {organization.status}"
            elif term.end_date < on:
                problem = f"Term ended on {term.end_date.isoformat()}"
            else:
                reason = unheld.get(term.id, "")
                problem = reason[:1].upper() + reason[1:]
            choices.append(
                TermChoice(
                    term.id,
                    organization.id,
                    organization.legal_name,
                    term.tier,
                    term.start_date,
                    term.end_date,
                    number,
                    problem,
                )  # fmt: skip
            )
        return choices
