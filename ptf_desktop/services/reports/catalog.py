"""The reports by name: what ``ptf reports NAME`` and the Reports dialog offer.

Each report module defines a ``DEFINITION``; adding a report is adding it to
``_DEFINITIONS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ...domain.errors import UserError
from ...domain.reports import Report

if TYPE_CHECKING:  # the catalog is read to build menus: no database libraries for that
    from ...persistence.engine import SessionFactories
    from ..register.organization_records import OrganizationQuery


@dataclass(frozen=True)
class ReportRequest:
    """What a report is asked for: the database and, for some reports, a year.

    ``today`` is the day "today" means for the report (None: the computer's date);
    ``organizations`` the search, filters and order of the organizations list (None: all).
    """

    factories: SessionFactories
    year: int | None = None
    today: date | None = None
    organizations: OrganizationQuery | None = None

    def day(self) -> date:
        """The day the report is made as of."""
        return self.today or date.today()


@dataclass(frozen=True)
class ReportDefinition:
    """A report that can be made.

    Attributes:
        name: the command-line name, e.g. "member-list".
        title: the title people see.
        description: one sentence on what it shows.
        takes_year: whether ``--year`` applies (without it: as of today).
        build: makes the report (one read transaction).
    """

    name: str
    title: str
    description: str
    takes_year: bool
    build: Callable[[ReportRequest], Report]


def _definitions() -> tuple[ReportDefinition, ...]:
    from . import (
        board_composition,
        member_list,
        organization_list,
        receivables_aging,
        renewal_forecast,
        revenue_by_tier,
    )

    return (
        board_composition.DEFINITION,
        member_list.DEFINITION,
        receivables_aging.DEFINITION,
        revenue_by_tier.DEFINITION,
        renewal_forecast.DEFINITION,
        organization_list.DEFINITION,
    )


def report_definitions() -> tuple[ReportDefinition, ...]:
    """Every report, in the order people are shown them."""
    return _definitions()


def find_report(name: str) -> ReportDefinition:
    """The report of a name.

    Raises:
        UserError: no report has that name (the message lists those that exist).
    """
    for definition in _definitions():
        if definition.name == name:
            return definition
    names = ", ".join(definition.name for definition in _definitions())
    raise UserError(f"There is no report called {name!r}. The reports are: {names}.")


def check_year(definition: ReportDefinition, year: int | None) -> None:
    """Refuse a year a report cannot use, or one out of range, with a clear message.

    Raises:
        UserError: the report takes no year, or the year is not plausible.
    """
    if year is None:
        return
    if not definition.takes_year:
        raise UserError(f"The {definition.title} report shows today's state; it takes no year.")
    if not 2000 <= year <= 2100:
        raise UserError(f"The year {year} is out of range: give a year from 2000 to 2100.")
