"""The organizations list: search, filter, sort and page in SQL, never in Python.

With 100,000 organizations the view asks, on every keystroke, for the total count and
the first page. Three things keep that within a few milliseconds:

* every sort column has an index led by ``deleted`` (see the Organization model), so a
  page in any order is a walk along an index and an unfiltered count reads an index;
* on SQLite a trigram index answers substring search (persistence/search_index.py): the
  count of a search without filters comes from the index alone;
* a search takes one of three plans, chosen by how many organizations match it:
  *fetch* (up to ``FETCH_UP_TO``): look the matches up by rowid and sort them; *probe*
  (up to ``PROBE_UP_TO``): walk the sort column's index, probing the index's list of
  matches until the page is full; *test*: walk the sort index testing each row's
  search text (when most rows match, a page is full after a few hundred). The plan
  only changes the speed, never the rows, so the number that chooses a page's plan may
  be a remembered one. A count with filters fetches up to ``FETCH_TO_COUNT_UP_TO``.
* the number of matches that chooses the plan is counted only as far as the choice
  needs (``LIMIT``): a one- or two-letter search matches most of the register, and
  counting all of its matches reads the whole index (30-90 ms at 100,000). Beyond
  ``FETCH_UP_TO`` matches such a short search takes the *test* plan at once: its
  matches are dense, so the walk fills a page after a few thousand rows at most.
  The list asks for its total the same way, bounded (``count(query, at_most=...)``).

Without the index (another database, or an SQLite without FTS5) search scans the table.
"""

from __future__ import annotations

import calendar
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, func, literal_column, select
from sqlalchemy.orm import Session

from ...domain.organizations import MembershipStatus, OrgType, Tier
from ...persistence import search_index
from ...persistence.engine import SessionFactories
from ...persistence.models import Organization
from ...persistence.portable_sql import substring_position
from ..database_errors import translating_database_errors
from .organization_records import SORTABLE_COLUMNS, OrganizationQuery, OrganizationRow
from .organization_summary import search_key

_LIST_COLUMNS = (
    Organization.id, Organization.display_name, Organization.legal_name, Organization.tier,
    Organization.status, Organization.country, Organization.employees, Organization.term_end,
    Organization.billing_contact, Organization.vat_id, Organization.org_type,
)  # fmt: skip
# The plans of a search, by its number of matches (see the module's docstring).
FETCH_UP_TO = 2_000
FETCH_TO_COUNT_UP_TO = 20_000
PROBE_UP_TO = 20_000
_REMEMBERED_SEARCHES = 32
_TIERS = {tier.value: tier for tier in Tier}
_STATUSES = {status.value: status for status in MembershipStatus}
_ORG_TYPES = {kind.value: kind for kind in OrgType}
_TRIGRAM = 3  # searches this long or longer are one phrase query of the trigram index
_ROWID: ColumnElement[int] = literal_column("organizations.rowid", Integer)
_PROBED_ROWID: ColumnElement[int] = literal_column("+organizations.rowid", Integer)


@dataclass(frozen=True)
class _Search:
    """A search text and what the index says about it.

    Attributes:
        needle: the case-folded text ("" for no search).
        rowids: the matching rowids from the index; None without an index.
        matches: how many organizations match the search alone; None when unknown.
        exact: False when ``matches`` is only a lower bound (counting stopped there).
    """

    needle: str = ""
    rowids: Select[Any] | None = None
    matches: int | None = None
    exact: bool = True


class OrganizationQueries:
    """Read-only queries over the register for lists and exports."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories
        # Match counts of recent searches, to choose a page's plan without counting again.
        self._match_counts: OrderedDict[str, tuple[int, bool]] = OrderedDict()

    def count(self, query: OrganizationQuery, at_most: int | None = None) -> int:
        """How many organizations match.

        Args:
            query: the search and filters (the order does not matter).
            at_most: stop counting there: a result equal to ``at_most`` means "that many
                or more". A list shows "10,000+" instead of making a keystroke of a
                one-letter search count most of the register.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            # A search alone is counted in the index, as far as asked: no plan to choose.
            search = self._search(s, query.search, recent=False, plan=_has_filters(query))
            if search.needle and search.exact and search.matches == 0:
                return 0
            if search.rowids is not None and not _has_filters(query):
                return _count_up_to(s, search.rowids, at_most)
            # Counting walks no sort index, so fetching by rowid pays off for more rows.
            if at_most is None:
                counted = select(func.count()).select_from(Organization)
                statement = _planned(counted, query, search, fetch_up_to=FETCH_TO_COUNT_UP_TO)
                return int(s.scalar(statement) or 0)
            matching: Select[Any] = select(literal_column("1")).select_from(Organization)
            matching = _planned(matching, query, search, fetch_up_to=FETCH_TO_COUNT_UP_TO)
            bounded = select(func.count()).select_from(matching.limit(at_most).subquery())
            return int(s.scalar(bounded) or 0)

    def page(self, query: OrganizationQuery, offset: int, limit: int) -> list[OrganizationRow]:
        """One page of matching organizations, in the query's order."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            search = self._search(s, query.search, recent=True)
            if search.needle and search.matches == 0 and search.rowids is None:
                return []  # nothing can match (not a remembered count: that may be stale)
            planned = _planned(_list_select(), query, search, fetch_up_to=FETCH_UP_TO)
            statement = _ordered(planned, query)
            rows = s.execute(statement.offset(offset).limit(limit)).all()
        return [_row(values) for values in rows]

    def countries(self) -> list[str]:
        """The countries that occur in the register, for the filter.

        The query steps through the country index from one country to the next: a few
        dozen look-ups instead of reading an index entry per organization.
        """
        alive = Organization.deleted.is_(False)
        first = select(func.min(Organization.country)).where(alive).scalar_subquery()
        walk = select(first.label("country")).cte("countries", recursive=True)
        following = (
            select(func.min(Organization.country))
            .where(alive, Organization.country > walk.c.country)
            .scalar_subquery()
        )
        walk = walk.union_all(select(following).where(walk.c.country.is_not(None)))
        statement = (
            select(walk.c.country).where(walk.c.country.is_not(None)).order_by(walk.c.country)
        )
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return list(s.scalars(statement))

    def _search(self, session: Session, text: str, recent: bool, plan: bool = True) -> _Search:
        """Ask the index about a search text; ``recent`` accepts a remembered count.

        The matches are counted only as far as choosing a plan needs: up to
        ``PROBE_UP_TO`` for a search of three letters or more (the index lists its
        matches cheaply), up to ``FETCH_UP_TO`` for a shorter one (which then takes the
        *test* plan). Beyond that the count is a lower bound.
        Without ``plan`` they are not counted at all (``matches`` is None).
        """
        needle = search_key(text)
        connection = session.connection()
        if not needle or not search_index.available(connection):
            return _Search(needle)
        rowids = search_index.matching_rowids(connection, needle)
        if rowids is None:
            return _Search(needle, None, 0)
        if not plan:
            return _Search(needle, rowids, None, exact=False)
        remembered = self._match_counts.get(needle) if recent else None
        if remembered is None:
            enough = PROBE_UP_TO if len(needle) >= _TRIGRAM else FETCH_UP_TO
            matches = _count_up_to(session, rowids, enough + 1)
            remembered = matches, matches <= enough
        self._match_counts[needle] = remembered
        self._match_counts.move_to_end(needle)
        while len(self._match_counts) > _REMEMBERED_SEARCHES:
            self._match_counts.popitem(last=False)
        return _Search(needle, rowids, *remembered)


def _count_up_to(session: Session, rowids: Select[Any], limit: int | None) -> int:
    """How many rowids there are, counting no further than ``limit`` (None: all)."""
    if limit is not None:
        rowids = rowids.limit(limit)
    counted = select(func.count()).select_from(rowids.subquery())
    return int(session.scalar(counted) or 0)


def _list_select() -> Select[Any]:
    return select(*_LIST_COLUMNS)  # type: ignore[return-value]  # a row of many types


def _has_filters(query: OrganizationQuery) -> bool:
    return bool(query.tiers or query.statuses or query.countries or query.term_end_month)


def _planned(
    statement: Select[Any], query: OrganizationQuery, search: _Search, fetch_up_to: int
) -> Select[Any]:
    """The query's filters, and its search by the plan that suits its number of matches."""
    matches = search.matches if search.exact else None
    if search.rowids is not None and matches is not None and matches <= fetch_up_to:
        # Fetch: hidden inside coalesce(), "not deleted" no longer makes the sort indexes
        # usable, so SQLite looks the few rows up by rowid and sorts them instead of
        # walking a whole index to find them.
        not_deleted = func.coalesce(Organization.deleted, False).is_(False)
        statement = _with_filters(statement, query, not_deleted)
        return statement.where(_ROWID.in_(search.rowids))
    statement = _with_filters(statement, query)
    if search.rowids is not None and matches is not None and matches <= PROBE_UP_TO:
        # Probe: the unary plus keeps SQLite from looking rows up by the list; it walks
        # the sort index and probes the list (built once) with each row's rowid.
        return statement.where(_PROBED_ROWID.in_(search.rowids))
    # Test: so many rows match that testing each row's text as the walk goes is cheapest.
    return statement.where(_contains(search.needle)) if search.needle else statement


def _filtered(statement: Select[Any], query: OrganizationQuery) -> Select[Any]:
    """The query's filters and search on a statement (by scanning: for whole-list reads)."""
    statement = _with_filters(statement, query)
    needle = search_key(query.search)
    return statement.where(_contains(needle)) if needle else statement


def _contains(needle: str) -> ColumnElement[bool]:
    # instr() looks for the text as typed: no LIKE wildcards, no pattern at all.
    return substring_position(Organization.search_text, needle) > 0


def _with_filters(
    statement: Select[Any],
    query: OrganizationQuery,
    not_deleted: ColumnElement[bool] | None = None,
) -> Select[Any]:
    statement = statement.where(
        Organization.deleted.is_(False) if not_deleted is None else not_deleted
    )
    if query.tiers:
        statement = statement.where(Organization.tier.in_([t.value for t in query.tiers]))
    if query.statuses:
        statement = statement.where(Organization.status.in_([s.value for s in query.statuses]))
    if query.countries:
        statement = statement.where(Organization.country.in_(sorted(query.countries)))
    if query.ids:
        statement = statement.where(Organization.id.in_(sorted(query.ids)))
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
    # A page is read on every keystroke: enum members by dict, columns by position.
    (key, display, legal, tier, status, country, employees, term_end, billing, vat, kind) = values
    return OrganizationRow(
        id=key,
        display_name=display,
        legal_name=legal,
        tier=_TIERS[tier] if tier else None,
        status=_STATUSES[status],
        country=country,
        employees=employees,
        term_end=term_end,
        billing_contact=billing,
        vat_id=vat,
        org_type=_ORG_TYPES[kind],
    )
