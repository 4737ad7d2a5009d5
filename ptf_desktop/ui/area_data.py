"""What the areas show, read ahead in the background and kept until a write changes it.

Once every area's libraries are loaded, the warm-up (``ui/warm_up.py``) reads here, in
its background thread, what each area shows first (the register's first page and
count, the renewal calendar's first page, the invoices, the certificate register), so
that a click builds the page from data already read instead of waiting for the
database. The dashboard keeps the figures it read, so that coming back to it shows them
at once.

A write announced to the change hub (``ui/changes.py``) drops what it makes stale, by
the kinds each area shows (``AREA_SHOWS``): a page never starts from data older than the
last write. A read that began before such a write is not kept either (each area's
*generation* counts its invalidations). Entries belong to one open database (context);
another database finds nothing.
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from .changes import AREA_SHOWS, Changes, change_hub

if TYPE_CHECKING:
    from ..domain.foundation_settings import FoundationSettings
    from ..services.billing.records import InvoiceSummary
    from ..services.certificates.certificate_records import CertificateRecord
    from ..services.context import AppContext
    from ..services.dashboard.figures import DashboardFigures
    from ..services.register.organization_records import OrganizationQuery, OrganizationRow
    from ..services.renewals.calendar_queries import RenewalCalendar

# The renewal calendar as the page first shows it: 90 days ahead, every group.
RENEWALS_LOOK_AHEAD_DAYS = 90
# The organizations list reads the register this many rows at a time.
REGISTER_PAGE_ROWS = 200


@dataclass(frozen=True)
class RegisterSummary:
    """How the Organizations area first shows the register.

    Attributes:
        query: the search and filters the first page was read for.
        rows: that first page.
        total: the organizations matching the query (None: not counted yet).
        registered: the organizations in the register, whatever the filters.
        countries: the countries that occur in the register, for the filter.
    """

    query: OrganizationQuery
    rows: list[OrganizationRow]
    total: int
    registered: int
    countries: list[str]


class AreaData:
    """Data of the areas by area key, for one context at a time; safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[weakref.ref[Any], object]] = {}
        self._generations: Counter[str] = Counter()

    def generation(self, key: str) -> int:
        """The area's count of invalidations: take it before a read, hand it to ``put``."""
        with self._lock:
            return self._generations[key]

    def put(self, context: AppContext, key: str, generation: int, value: object) -> bool:
        """Keep what was read for an area, unless a write made it stale meanwhile."""
        with self._lock:
            if self._generations[key] != generation:
                return False
            self._entries[key] = (weakref.ref(context), value)
            return True

    def get(self, context: AppContext, key: str) -> Any:
        """What was kept for the area of this context; None when nothing (still) is."""
        with self._lock:
            entry = self._entries.get(key)
        if entry is None or entry[0]() is not context:
            return None
        return entry[1]

    def take(self, context: AppContext, key: str) -> Any:
        """``get``, and forget it (data that serves one page's first read only)."""
        value = self.get(context, key)
        if value is not None:
            self.forget(key)
        return value

    def forget(self, key: str) -> None:
        """Drop what was kept for an area; a read still running is not kept either."""
        with self._lock:
            self._entries.pop(key, None)
            self._generations[key] += 1

    def on_changed(self, changes: Changes, _initiator: object = None) -> None:
        """Drop what a write made stale (connected to the change hub)."""
        for key, shows in AREA_SHOWS.items():
            if changes & shows:
                self.forget(key)


@cache
def area_data() -> AreaData:
    """The application's area data, listening to the change hub (call it on the GUI thread).

    The hub's signal calls a plain function directly, in the thread that announced the
    write (the GUI thread), before any view refreshes.
    """
    data = AreaData()
    change_hub().changed.connect(data.on_changed)
    return data


def read_dashboard(
    context: AppContext, day: date | None = None
) -> tuple[DashboardFigures, FoundationSettings]:
    """The dashboard's figures on ``day`` (None: today) and the settings that show them."""
    return context.dashboard.figures(day), context.settings.load()


def read_register(context: AppContext) -> RegisterSummary:
    """The register as the Organizations area first shows it (every organization, by name)."""
    from ..services.register.organization_records import OrganizationQuery

    queries = context.organization_queries
    query = OrganizationQuery()
    rows = queries.page(query, 0, REGISTER_PAGE_ROWS)
    registered = queries.count(query)
    # Without a filter the query matches the whole register: no second count.
    return RegisterSummary(query, rows, registered, registered, queries.countries())


def read_renewals(context: AppContext) -> RenewalCalendar:
    """The renewal calendar as the Renewals area first shows it (today, every group)."""
    from ..services.renewals.calendar_queries import SHOW_ALL

    return context.renewals.calendar(date.today(), RENEWALS_LOOK_AHEAD_DAYS, SHOW_ALL, 0)


def kept_calendar(
    context: AppContext, today: date, within: int, shown: str, offset: int
) -> RenewalCalendar | None:
    """The calendar read ahead, when it is the page asked for (it serves one read only)."""
    kept: RenewalCalendar | None = area_data().take(context, "renewals")
    if kept is None or (kept.today, kept.shown, kept.offset) != (today, shown, offset):
        return None
    return kept if within == RENEWALS_LOOK_AHEAD_DAYS else None


def read_invoices(context: AppContext) -> list[InvoiceSummary]:
    """The invoices as their area first shows them: every status, unfiltered."""
    return context.invoices.list(None)


def read_certificates(context: AppContext) -> list[CertificateRecord]:
    """The certificate register as its area first shows it: every status, newest first."""
    return context.certificates.list(None)


# What the warm-up reads for each area, in its order, once every library is in.
READ_AHEAD: dict[str, Callable[[AppContext], object]] = {
    "dashboard": read_dashboard,
    "organizations": read_register,
    "renewals": read_renewals,
    "invoices": read_invoices,
    "certificates": read_certificates,
}
