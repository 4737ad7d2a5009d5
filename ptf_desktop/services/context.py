"""The application context: one open database and the services that work on it.

Built once by a composition root (the GUI's ``__main__`` or the ``ptf`` command) and
passed down. SQLAlchemy is loaded when the first service is used, not before, so the
main window appears without waiting for it.
"""

from __future__ import annotations

import getpass
import importlib
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar, Unpack, overload

from ..persistence.database_file import DEFAULT_BUSY_TIMEOUT
from ..persistence.opening import OpenedDatabase, OpenOptions, open_database

if TYPE_CHECKING:
    from ..persistence.engine import SessionFactories
    from .audit_service import AuditService
    from .billing.credit_note_service import CreditNoteService
    from .billing.credit_service import CreditService
    from .billing.document_settings_service import DocumentSettingsService
    from .billing.invoice_export import InvoiceExporter
    from .billing.invoice_service import InvoiceService
    from .billing.payment_service import PaymentService
    from .billing.quote_service import QuoteService
    from .billing.receivables import ReceivablesService
    from .billing.rendering import PdfRenderer
    from .billing.statement_service import StatementService
    from .certificates.certificate_batch import CertificateBatch
    from .certificates.certificate_service import CertificateService
    from .certificates.certificate_settings import CertificateSettingsService
    from .certificates.letters_service import LetterService
    from .certificates.verification import CertificateVerifier
    from .dashboard.dashboard_service import DashboardService
    from .demo.demo_data import DemoDataService
    from .demo.demo_office import DemoOffice
    from .marketing.landscape_export import LandscapeExporter
    from .register.contact_directory import ContactDirectory
    from .register.email_drafts import EmailDrafts
    from .register.global_search import GlobalSearch
    from .register.membership_service import MembershipService
    from .register.organization_documents import OrganizationDocumentsService
    from .register.organization_import import OrganizationImporter
    from .register.organization_queries import OrganizationQueries
    from .register.organization_service import OrganizationService
    from .renewals.fee_service import FeeService
    from .renewals.renewal_preparation import RenewalPreparation
    from .renewals.renewal_service import RenewalService
    from .reports.export import ReportService
    from .reports.organization_list import OrganizationListExport
    from .settings_service import SettingsService
    from .sync.engine import SyncEngine

_T = TypeVar("_T")


class LazyService(Generic[_T]):
    """A class attribute that builds its service once per instance, on first access.

    The service class is imported from ``module`` (relative to ``services``)
    and called with the owner's attributes named in ``needs``, in order. The built
    service is kept in the instance's ``__dict__`` under the attribute's name, as
    ``functools.cached_property`` does, so dropping it from there rebuilds it next time.
    """

    def __init__(self, module: str, class_name: str, doc: str, *needs: str) -> None:
        """Name the service class and what it is built from (``factories`` by default)."""
        self.module = module
        self.class_name = class_name
        self.needs = needs or ("factories",)
        self.__doc__ = doc
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> LazyService[_T]: ...

    @overload
    def __get__(self, instance: object, owner: type) -> _T: ...

    def __get__(self, instance: object | None, owner: type) -> LazyService[_T] | _T:
        if instance is None:
            return self
        service_class = getattr(importlib.import_module(self.module, __package__), self.class_name)
        service: _T = service_class(*(getattr(instance, need) for need in self.needs))
        instance.__dict__[self.name] = service
        return service


class AppContext:
    """An open database and its services.

    Attributes:
        database: what opening the database found and did.
        actor: the name recorded in the audit trail for changes made here.
    """

    def __init__(
        self, database: OpenedDatabase, actor: str, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
    ) -> None:
        self.database = database
        self.actor = actor
        # How long a write waits for another process's transaction before "locked".
        self.busy_timeout = busy_timeout
        self._close_actions: list[Callable[[], object]] = []
        self._closed = False

    @property
    def path(self) -> Path:
        """The database file."""
        return self.database.path

    @property
    def read_only(self) -> bool:
        """Whether the database was opened for reading only."""
        return self.database.read_only

    def is_open(self) -> bool:
        """Whether the context has not been closed (closing runs its close actions)."""
        return not self._closed

    def on_close(self, action: Callable[[], object]) -> None:
        """Run an action when the context closes (releasing a lock held for it, say)."""
        self._close_actions.append(action)

    def has_joined_team(self) -> bool:
        """Whether the database has joined a team server: one key read.

        The window asks at start, before it loads the sync service: a database that has
        not joined needs none of it, and loading it competes with the first page.
        """
        from ..persistence.sync import local_state

        with self.factories.read.begin() as session:
            return local_state.get(session.connection(), "server_url") is not None

    @cached_property
    def factories(self) -> SessionFactories:
        """Session factories for the database, made on first use."""
        from ..persistence.engine import make_engine, make_session_factories

        engine = make_engine(
            self.path,
            self.busy_timeout,
            read_only=self.read_only,
            refusal=self.database.read_only_reason,
        )
        return make_session_factories(engine, self.actor)

    settings: LazyService[SettingsService] = LazyService(
        ".settings_service", "SettingsService", "The foundation's business settings."
    )
    audit: LazyService[AuditService] = LazyService(
        ".audit_service", "AuditService", "The history of changes."
    )
    organizations: LazyService[OrganizationService] = LazyService(
        ".register.organization_service",
        "OrganizationService",
        "The member register: organizations, contacts, testimonials.",
    )
    memberships: LazyService[MembershipService] = LazyService(
        ".register.membership_service",
        "MembershipService",
        "Applications, admission, terms, tier changes and the board.",
    )
    organization_queries: LazyService[OrganizationQueries] = LazyService(
        ".register.organization_queries",
        "OrganizationQueries",
        "Searching, filtering and paging the register.",
    )
    organization_documents: LazyService[OrganizationDocumentsService] = LazyService(
        ".register.organization_documents",
        "OrganizationDocumentsService",
        "An organization's invoices, quotes, credit notes, payments and certificates.",
    )
    global_search: LazyService[GlobalSearch] = LazyService(
        ".register.global_search",
        "GlobalSearch",
        "One search over organizations, contacts and document numbers.",
    )
    contact_directory: LazyService[ContactDirectory] = LazyService(
        ".register.contact_directory",
        "ContactDirectory",
        "Every contact of every organization, searchable.",
    )
    email_drafts: LazyService[EmailDrafts] = LazyService(
        ".register.email_drafts",
        "EmailDrafts",
        "E-mail drafts (.eml) to the contacts of several organizations at once.",
    )
    organization_import: LazyService[OrganizationImporter] = LazyService(
        ".register.organization_import",
        "OrganizationImporter",
        "CSV import of organizations (all or nothing, with a report).",
    )
    organization_export: LazyService[OrganizationListExport] = LazyService(
        ".reports.organization_list",
        "OrganizationListExport",
        "CSV and XLSX export of the (filtered) organizations list (a report of the catalog).",
    )
    demo: LazyService[DemoDataService] = LazyService(
        ".demo.demo_data",
        "DemoDataService",
        "Realistic demo data for trying the app and for benchmarks.",
    )

    @cached_property
    def demo_office(self) -> DemoOffice:
        """The demo register made a working office: settings, billing, certificates."""
        from .demo.demo_office import DemoOffice

        return DemoOffice(self)

    fees: LazyService[FeeService] = LazyService(
        ".renewals.fee_service", "FeeService", "Fee schedules and prices."
    )
    renewals: LazyService[RenewalService] = LazyService(
        ".renewals.renewal_service",
        "RenewalService",
        "The renewal calendar and the actions on one member.",
        "factories",
        "settings",
    )
    renewal_preparation: LazyService[RenewalPreparation] = LazyService(
        ".renewals.renewal_preparation",
        "RenewalPreparation",
        "Preview and prepare a year's renewals (terms and draft invoices).",
    )

    @cached_property
    def pdf_renderer(self) -> PdfRenderer:
        """What turns quotes, invoices and credit notes into PDFs."""
        from .billing.pdf_renderer import ReportLabRenderer
        from .certificates.invoice_signing import SigningRenderer

        # Signs issued invoices and credit notes when the "sign invoices" setting is on.
        return SigningRenderer(ReportLabRenderer(), self.certificate_settings)

    document_settings: LazyService[DocumentSettingsService] = LazyService(
        ".billing.document_settings_service",
        "DocumentSettingsService",
        "Tax and document settings: default tax, exemption and reverse-charge wording.",
    )
    invoices: LazyService[InvoiceService] = LazyService(
        ".billing.invoice_service",
        "InvoiceService",
        "Invoice drafts, issuing with gapless numbers, reprints and lists.",
        "factories",
        "pdf_renderer",
    )
    quotes: LazyService[QuoteService] = LazyService(
        ".billing.quote_service",
        "QuoteService",
        "Quotes: drafts, sending, acceptance into invoices, expiry.",
        "factories",
        "pdf_renderer",
    )
    payments: LazyService[PaymentService] = LazyService(
        ".billing.payment_service", "PaymentService", "Payments received against issued invoices."
    )
    credit_notes: LazyService[CreditNoteService] = LazyService(
        ".billing.credit_note_service",
        "CreditNoteService",
        "Credit notes (full or partial) against issued invoices.",
        "factories",
        "pdf_renderer",
    )
    credits: LazyService[CreditService] = LazyService(
        ".billing.credit_service",
        "CreditService",
        "Members' credit balances: refunds and credit applied to invoices.",
    )
    statements: LazyService[StatementService] = LazyService(
        ".billing.statement_service",
        "StatementService",
        "Statements of account per member (PDF and e-mail draft).",
    )
    receivables: LazyService[ReceivablesService] = LazyService(
        ".billing.receivables",
        "ReceivablesService",
        "Open balances and their aging by organization.",
    )
    invoice_export: LazyService[InvoiceExporter] = LazyService(
        ".billing.invoice_export", "InvoiceExporter", "Writing issued invoices' PDFs to a folder."
    )
    landscape: LazyService[LandscapeExporter] = LazyService(
        ".marketing.landscape_export",
        "LandscapeExporter",
        "The members landscape for the website (landscape.yml and logos).",
    )
    reports: LazyService[ReportService] = LazyService(
        ".reports.export", "ReportService", "Reports by name, written as CSV or XLSX."
    )
    certificates: LazyService[CertificateService] = LazyService(
        ".certificates.certificate_service",
        "CertificateService",
        "The certificate register: issue, re-issue, revoke, stored PDFs.",
    )
    certificate_settings: LazyService[CertificateSettingsService] = LazyService(
        ".certificates.certificate_settings",
        "CertificateSettingsService",
        "Certificate prefix, signing certificate, passphrase, signature image, key.",
    )
    certificate_verifier: LazyService[CertificateVerifier] = LazyService(
        ".certificates.verification",
        "CertificateVerifier",
        "Verifying certificate PDFs: signature, QR code, content and register status.",
    )
    certificate_batch: LazyService[CertificateBatch] = LazyService(
        ".certificates.certificate_batch",
        "CertificateBatch",
        "Issuing and exporting the certificates of a membership year.",
        "certificates",
        "factories",
    )
    letters: LazyService[LetterService] = LazyService(
        ".certificates.letters_service",
        "LetterService",
        "Welcome and renewal reminder letters as PDFs and e-mail drafts.",
    )
    dashboard: LazyService[DashboardService] = LazyService(
        ".dashboard.dashboard_service",
        "DashboardService",
        "The dashboard's figures, computed by aggregate queries.",
    )
    sync: LazyService[SyncEngine] = LazyService(
        ".sync.engine",
        "SyncEngine",
        "Team sync: join a server, push and pull, conflicts.",
        "factories",
        "path",
    )

    def close(self) -> None:
        """Close every connection (before the file is replaced, or at exit)."""
        if "factories" in self.__dict__:
            self.factories.engine.dispose()
            del self.__dict__["factories"]
        for service in _built_on_first_use(AppContext):
            self.__dict__.pop(service, None)
        self._closed = True
        actions, self._close_actions = self._close_actions, []
        for action in actions:
            action()


def _built_on_first_use(owner: type) -> list[str]:
    """The attributes a context builds when first asked for (and forgets on closing)."""
    return [
        name
        for name, value in vars(owner).items()
        if isinstance(value, LazyService | cached_property)
    ]


def open_context(path: Path, **options: Unpack[OpenOptions]) -> AppContext:
    """Open (creating or migrating as needed) a database and build its context.

    Args:
        path: the database file.
        **options: as ``persistence.opening.open_database`` takes them, except that a
            file this user cannot write is opened read-only (its
            ``database.read_only_reason`` says why) unless ``read_only_fallback`` is False.

    Raises:
        DatabaseProblem: the file cannot be used; see persistence.opening.open_database.
    """
    options = {"read_only_fallback": True, **options}
    database = open_database(path, **options)
    return AppContext(database, current_user(), options.get("busy_timeout", DEFAULT_BUSY_TIMEOUT))


def current_user() -> str:
    """The operating-system user name, recorded as the actor in the audit trail."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry or no environment: still record something
        return "unknown"
