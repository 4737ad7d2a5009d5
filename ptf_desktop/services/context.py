"""The application context: one open database and the services that work on it.

Built once by a composition root (the GUI's ``__main__`` or the ``ptf`` command) and
passed down. SQLAlchemy is loaded when the first service is used, not before, so the
main window appears without waiting for it.
"""

from __future__ import annotations

import getpass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..persistence.database_file import DEFAULT_BUSY_TIMEOUT
from ..persistence.opening import OpenedDatabase, open_database

if TYPE_CHECKING:
    from ..persistence.engine import SessionFactories
    from .audit_service import AuditService
    from .demo.demo_data import DemoDataService
    from .register.membership_service import MembershipService
    from .register.organization_export import OrganizationExporter
    from .register.organization_import import OrganizationImporter
    from .register.organization_queries import OrganizationQueries
    from .register.organization_service import OrganizationService
    from .renewals.fee_service import FeeService
    from .renewals.renewal_preparation import RenewalPreparation
    from .renewals.renewal_service import RenewalService
    from .settings_service import SettingsService


class AppContext:
    """An open database and its services.

    Attributes:
        database: what opening the database found and did.
        actor: the name recorded in the audit trail for changes made here.
    """

    _SERVICES = (
        "settings", "audit", "organizations", "memberships", "organization_queries",
        "organization_import", "organization_export", "demo",
        "fees", "renewals", "renewal_preparation",
    )  # fmt: skip

    def __init__(self, database: OpenedDatabase, actor: str) -> None:
        self.database = database
        self.actor = actor

    @property
    def path(self) -> Path:
        """The database file."""
        return self.database.path

    @cached_property
    def factories(self) -> SessionFactories:
        """Session factories for the database, made on first use."""
        from ..persistence.engine import make_engine, make_session_factories

        return make_session_factories(make_engine(self.path), self.actor)

    @cached_property
    def settings(self) -> SettingsService:
        """The foundation's business settings."""
        from .settings_service import SettingsService

        return SettingsService(self.factories)

    @cached_property
    def audit(self) -> AuditService:
        """The history of changes."""
        from .audit_service import AuditService

        return AuditService(self.factories)

    @cached_property
    def organizations(self) -> OrganizationService:
        """The member register: organizations, contacts, testimonials."""
        from .register.organization_service import OrganizationService

        return OrganizationService(self.factories)

    @cached_property
    def memberships(self) -> MembershipService:
        """Applications, admission, terms, tier changes and the board."""
        from .register.membership_service import MembershipService

        return MembershipService(self.factories)

    @cached_property
    def organization_queries(self) -> OrganizationQueries:
        """Searching, filtering and paging the register."""
        from .register.organization_queries import OrganizationQueries

        return OrganizationQueries(self.factories)

    @cached_property
    def organization_import(self) -> OrganizationImporter:
        """CSV import of organizations (all or nothing, with a report)."""
        from .register.organization_import import OrganizationImporter

        return OrganizationImporter(self.factories)

    @cached_property
    def organization_export(self) -> OrganizationExporter:
        """CSV and XLSX export of the (filtered) organizations list."""
        from .register.organization_export import OrganizationExporter

        return OrganizationExporter(self.factories)

    @cached_property
    def demo(self) -> DemoDataService:
        """Realistic demo data for trying the app and for benchmarks."""
        from .demo.demo_data import DemoDataService

        return DemoDataService(self.factories)

    @cached_property
    def fees(self) -> FeeService:
        """Fee schedules and prices."""
        from .renewals.fee_service import FeeService

        return FeeService(self.factories)

    @cached_property
    def renewals(self) -> RenewalService:
        """The renewal calendar and the actions on one member."""
        from .renewals.renewal_service import RenewalService

        return RenewalService(self.factories, self.settings)

    @cached_property
    def renewal_preparation(self) -> RenewalPreparation:
        """Preview and prepare a year's renewals (terms and draft invoices)."""
        from .renewals.renewal_preparation import RenewalPreparation

        return RenewalPreparation(self.factories)

    def close(self) -> None:
        """Close every connection (before the file is replaced, or at exit)."""
        if "factories" in self.__dict__:
            self.factories.engine.dispose()
            del self.__dict__["factories"]
        for service in self._SERVICES:
            self.__dict__.pop(service, None)


def open_context(
    path: Path, *, migrate: bool = True, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
) -> AppContext:
    """Open (creating or migrating as needed) a database and build its context.

    Raises:
        DatabaseProblem: the file cannot be used; see persistence.opening.open_database.
    """
    database = open_database(path, migrate=migrate, busy_timeout=busy_timeout)
    return AppContext(database, current_user())


def current_user() -> str:
    """The operating-system user name, recorded as the actor in the audit trail."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry or no environment: still record something
        return "unknown"
