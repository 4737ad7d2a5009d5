"""The organizations list: search, filter, sort and page in SQL, never in Python.

With 100,000 organizations the view asks for one page at a time and the total count.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select

from ..persistence.engine import SessionFactories
from ..persistence.models import Organization
from .database_errors import translating_database_errors
from .organization_records import SORTABLE_COLUMNS, OrganizationQuery, OrganizationRow
from .organization_summary import search_key

_LIST_COLUMNS = (
    Organization.id, Organization.display_name, Organization.legal_name, Organization.tier,
    Organization.status, Organization.country, Organization.employees, Organization.term_end,
    Organization.billing_contact, Organization.vat_id, Organization.org_type,
)  # fmt: skip


class OrganizationQueries:
    """Read-only queries over the register for lists and exports."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def count(self, query: OrganizationQuery) -> int:
        """How many organizations match."""
        statement = _filtered(select(func.count()).select_from(Organization), query)
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return int(s.scalar(statement) or 0)

    def page(self, query: OrganizationQuery, offset: int, limit: int) -> list[OrganizationRow]:
        """One page of matching organizations, in the query's order."""
        statement = _ordered(_filtered(_list_select(), query), query)
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            rows = s.execute(statement.offset(offset).limit(limit)).all()
        return [_row(values) for values in rows]

    def countries(self) -> list[str]:
        """The countries that occur in the register, for the filter."""
        statement = (
            select(Organization.country)
            .where(Organization.deleted.is_(False))
            .distinct()
            .order_by(Organization.country)
        )
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return list(s.scalars(statement))


def _list_select() -> Select[Any]:
    return select(*_LIST_COLUMNS)  # type: ignore[return-value]  # a row of many types


def _filtered(statement: Select[Any], query: OrganizationQuery) -> Select[Any]:
    statement = statement.where(Organization.deleted.is_(False))
    needle = search_key(query.search)
    if needle:
        # instr() looks for the text as typed: no LIKE wildcards, no pattern at all.
        statement = statement.where(func.instr(Organization.search_text, needle) > 0)
    if query.tiers:
        statement = statement.where(Organization.tier.in_([t.value for t in query.tiers]))
    if query.statuses:
        statement = statement.where(Organization.status.in_([s.value for s in query.statuses]))
    if query.countries:
        statement = statement.where(Organization.country.in_(sorted(query.countries)))
    if query.term_end_month is not None:
        year, month = query.term_end_month
        last_day = calendar.monthrange(year, month)[1]
        statement = statement.where(
            Organization.term_end.between(date(year, month, 1), date(year, month, last_day))
        )
    return statement


def _ordered(statement: Select[Any], query: OrganizationQuery) -> Select[Any]:
    if query.sort not in SORTABLE_COLUMNS:
        raise ValueError(f"cannot sort by {query.sort!r}")
    column = getattr(Organization, query.sort)
    primary = column.desc() if query.descending else column.asc()
    # The name and then the key make the order total, so pages never overlap.
    return statement.order_by(primary, Organization.display_name, Organization.id)


def _row(values: Any) -> OrganizationRow:
    from ..domain.organizations import MembershipStatus, OrgType, Tier

    return OrganizationRow(
        id=values.id,
        display_name=values.display_name,
        legal_name=values.legal_name,
        tier=Tier(values.tier) if values.tier else None,
        status=MembershipStatus(values.status),
        country=values.country,
        employees=values.employees,
        term_end=values.term_end,
        billing_contact=values.billing_contact,
        vat_id=values.vat_id,
        org_type=OrgType(values.org_type),
    )
