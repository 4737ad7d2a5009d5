"""The reports by name: what ``ptf reports NAME`` and the Reports dialog offer.

Every report is one line of ``_DEFINITIONS`` (name, title, what it shows) and one module
of this package with its ``COLUMNS`` and a ``content`` function returning its rows and
subtitle. The module is imported only when the report is made, so menus are built
without the database libraries.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol, cast

from ...domain.errors import UserError
from ...domain.reports import Column, Report, Value

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


# A report's rows and its subtitle (what it covers, e.g. "Year 2026").
ReportContent = tuple[Sequence[Sequence[Value]], str]


class _ReportModule(Protocol):
    """What a report's module holds: its columns and the function making its rows."""

    COLUMNS: tuple[Column, ...]

    def content(self, request: ReportRequest) -> ReportContent:
        """The rows and the subtitle (one read transaction)."""


@dataclass(frozen=True)
class ReportDefinition:
    """A report that can be made.

    Attributes:
        name: the command-line name, e.g. "member-list".
        title: the title people see.
        takes_year: whether ``--year`` applies (without it: as of today).
        description: one sentence on what it shows.
        table_only: spreadsheets get the rows without a title (see ``Report``).
        module: the module of this package that makes it (default: the name with
            underscores).
    """

    name: str
    title: str
    takes_year: bool
    description: str
    table_only: bool = False
    module: str = ""

    def build(self, request: ReportRequest) -> Report:
        """Make the report (one read transaction)."""
        module_name = self.module or self.name.replace("-", "_")
        module = cast(_ReportModule, importlib.import_module(f"{__package__}.{module_name}"))
        rows, subtitle = module.content(request)
        return Report(
            self.title,
            module.COLUMNS,
            tuple(tuple(row) for row in rows),
            subtitle,
            table_only=self.table_only,
        )


_DEFINITIONS = (
    ReportDefinition("board-composition", "Board composition", False,
        "Governing Board seats: Premier members with their representatives, and the seats "
        "General members elect."),
    ReportDefinition("member-list", "Member list by tier", True,
        "Members grouped by tier with country, size, member since and term; the current "
        "members, or those of a chosen year."),
    ReportDefinition("receivables-aging", "Receivables aging", False,
        "Open balances of issued invoices by organization: current, 1-30, 31-60, 61-90 and "
        "over 90 days past due."),
    ReportDefinition("revenue-by-tier", "Revenue by tier and year", True,
        "Invoiced, credited and collected amounts per year and tier (net of tax; collected "
        "as received)."),
    ReportDefinition("renewal-forecast", "Renewal forecast", True,
        "Next year's renewals, each priced with the fee schedule in force when its term "
        "starts."),
    ReportDefinition("organizations", "Organizations", False,
        "Every organization with the columns of the import, its membership status and the "
        "end of its term; the file imports again.", table_only=True,
        module="organization_list"),
)  # fmt: skip


def report_definitions() -> tuple[ReportDefinition, ...]:
    """Every report, in the order people are shown them."""
    return _DEFINITIONS


def find_report(name: str) -> ReportDefinition:
    """The report of a name.

    Raises:
        UserError: no report has that name (the message lists those that exist).
    """
    for definition in _DEFINITIONS:
        if definition.name == name:
            return definition
    names = ", ".join(definition.name for definition in _DEFINITIONS)
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
