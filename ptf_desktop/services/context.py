"""The application context: one open database and the services that work on it.

Built once by a composition root (the GUI's ``__main__`` or the ``ptf`` command) and
passed down. SQLAlchemy is loaded when the first service is used, not before, so the
main window appears without waiting for it.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..persistence.database_file import DEFAULT_BUSY_TIMEOUT
from ..persistence.opening import OpenedDatabase, open_database

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


class AppContext:
    """An open database and its services.

    Attributes:
        database: what opening the database found and did.
        actor: the name recorded in the audit trail for changes made here.
    """

    _SERVICES = (
        "settings", "audit", "organizations", "memberships", "organization_queries",
        "organization_import", "organization_export", "demo", "demo_office",
        "fees", "renewals", "renewal_preparation",
        "invoices", "quotes", "payments", "credit_notes", "receivables", "invoice_export",
        "credits", "statements",
        "pdf_renderer", "document_settings",
        "landscape", "reports",
        "certificates", "certificate_settings", "certificate_verifier", "certificate_batch",
        "letters", "dashboard", "sync",
        "organization_documents", "global_search", "contact_directory",
    )  # fmt: skip

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
    def organization_documents(self) -> OrganizationDocumentsService:
        """An organization's invoices, quotes, credit notes, payments and certificates."""
        from .register.organization_documents import OrganizationDocumentsService

        return OrganizationDocumentsService(self.factories)

    @cached_property
    def global_search(self) -> GlobalSearch:
        """One search over organizations, contacts and document numbers."""
        from .register.global_search import GlobalSearch

        return GlobalSearch(self.factories)

    @cached_property
    def contact_directory(self) -> ContactDirectory:
        """Every contact of every organization, searchable."""
        from .register.contact_directory import ContactDirectory

        return ContactDirectory(self.factories)

    @cached_property
    def organization_import(self) -> OrganizationImporter:
        """CSV import of organizations (all or nothing, with a report)."""
        from .register.organization_import import OrganizationImporter

        return OrganizationImporter(self.factories)

    @cached_property
    def organization_export(self) -> OrganizationListExport:
        """CSV and XLSX export of the (filtered) organizations list (a report of the catalog)."""
        from .reports.organization_list import OrganizationListExport

        return OrganizationListExport(self.factories)

    @cached_property
    def demo(self) -> DemoDataService:
        """Realistic demo data for trying the app and for benchmarks."""
        from .demo.demo_data import DemoDataService

        return DemoDataService(self.factories)

    @cached_property
    def demo_office(self) -> DemoOffice:
        """The demo register made a working office: settings, billing, certificates."""
        from .demo.demo_office import DemoOffice

        return DemoOffice(self)

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

    @cached_property
    def pdf_renderer(self) -> PdfRenderer:
        """What turns quotes, invoices and credit notes into PDFs."""
        from .billing.pdf_renderer import ReportLabRenderer
        from .certificates.invoice_signing import SigningRenderer

        # Signs issued invoices and credit notes when the "sign invoices" setting is on.
        return SigningRenderer(ReportLabRenderer(), self.certificate_settings)

    @cached_property
    def document_settings(self) -> DocumentSettingsService:
        """Tax and document settings: default tax, exemption and reverse-charge wording."""
        from .billing.document_settings_service import DocumentSettingsService

        return DocumentSettingsService(self.factories)

    @cached_property
    def invoices(self) -> InvoiceService:
        """Invoice drafts, issuing with gapless numbers, reprints and lists."""
        from .billing.invoice_service import InvoiceService

        return InvoiceService(self.factories, self.pdf_renderer)

    @cached_property
    def quotes(self) -> QuoteService:
        """Quotes: drafts, sending, acceptance into invoices, expiry."""
        from .billing.quote_service import QuoteService

        return QuoteService(self.factories, self.pdf_renderer)

    @cached_property
    def payments(self) -> PaymentService:
        """Payments received against issued invoices."""
        from .billing.payment_service import PaymentService

        return PaymentService(self.factories)

    @cached_property
    def credit_notes(self) -> CreditNoteService:
        """Credit notes (full or partial) against issued invoices."""
        from .billing.credit_note_service import CreditNoteService

        return CreditNoteService(self.factories, self.pdf_renderer)

    @cached_property
    def credits(self) -> CreditService:
        """Members' credit balances: refunds and credit applied to invoices."""
        from .billing.credit_service import CreditService

        return CreditService(self.factories)

    @cached_property
    def statements(self) -> StatementService:
        """Statements of account per member (PDF and e-mail draft)."""
        from .billing.statement_service import StatementService

        return StatementService(self.factories)

    @cached_property
    def receivables(self) -> ReceivablesService:
        """Open balances and their aging by organization."""
        from .billing.receivables import ReceivablesService

        return ReceivablesService(self.factories)

    @cached_property
    def invoice_export(self) -> InvoiceExporter:
        """Writing issued invoices' PDFs to a folder."""
        from .billing.invoice_export import InvoiceExporter

        return InvoiceExporter(self.factories)

    @cached_property
    def landscape(self) -> LandscapeExporter:
        """The members landscape for the website (landscape.yml and logos)."""
        from .marketing.landscape_export import LandscapeExporter

        return LandscapeExporter(self.factories)

    @cached_property
    def reports(self) -> ReportService:
        """Reports by name, written as CSV or XLSX."""
        from .reports.export import ReportService

        return ReportService(self.factories)

    @cached_property
    def certificates(self) -> CertificateService:
        """The certificate register: issue, re-issue, revoke, stored PDFs."""
        from .certificates.certificate_service import CertificateService

        return CertificateService(self.factories)

    @cached_property
    def certificate_settings(self) -> CertificateSettingsService:
        """Certificate prefix, signing certificate, passphrase, signature image, key."""
        from .certificates.certificate_settings import CertificateSettingsService

        return CertificateSettingsService(self.factories)

    @cached_property
    def certificate_verifier(self) -> CertificateVerifier:
        """Verifying certificate PDFs: signature, QR code, content and register status."""
        from .certificates.verification import CertificateVerifier

        return CertificateVerifier(self.factories)

    @cached_property
    def certificate_batch(self) -> CertificateBatch:
        """Issuing and exporting the certificates of a membership year."""
        from .certificates.certificate_batch import CertificateBatch

        return CertificateBatch(self.certificates, self.factories)

    @cached_property
    def letters(self) -> LetterService:
        """Welcome and renewal reminder letters as PDFs and e-mail drafts."""
        from .certificates.letters_service import LetterService

        return LetterService(self.factories)

    @cached_property
    def dashboard(self) -> DashboardService:
        """The dashboard's figures, computed by aggregate queries."""
        from .dashboard.dashboard_service import DashboardService

        return DashboardService(self.factories)

    @cached_property
    def sync(self) -> SyncEngine:
        """Team sync: join a server, push and pull, conflicts."""
        from .sync.engine import SyncEngine

        return SyncEngine(self.factories, self.path)

    def close(self) -> None:
        """Close every connection (before the file is replaced, or at exit)."""
        if "factories" in self.__dict__:
            self.factories.engine.dispose()
            del self.__dict__["factories"]
        for service in self._SERVICES:
            self.__dict__.pop(service, None)
        self._closed = True
        actions, self._close_actions = self._close_actions, []
        for action in actions:
            action()


def open_context(
    path: Path,
    *,
    migrate: bool = True,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    create: bool = True,
    read_only: bool = False,
    read_only_fallback: bool = True,
) -> AppContext:
    """Open (creating or migrating as needed) a database and build its context.

    Args:
        path: the database file.
        migrate: bring an older schema up to date (after a backup).
        busy_timeout: seconds to wait for another process's lock.
        create: create the file when it is missing (refuse it when False).
        read_only: open it for reading only; write transactions are refused.
        read_only_fallback: a file this user cannot write is opened read-only (its
            ``database.read_only_reason`` says why) rather than refused.

    Raises:
        DatabaseProblem: the file cannot be used; see persistence.opening.open_database.
    """
    database = open_database(
        path,
        migrate=migrate,
        busy_timeout=busy_timeout,
        create=create,
        read_only=read_only,
        read_only_fallback=read_only_fallback,
    )
    return AppContext(database, current_user(), busy_timeout)


def current_user() -> str:
    """The operating-system user name, recorded as the actor in the audit trail."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry or no environment: still record something
        return "unknown"
