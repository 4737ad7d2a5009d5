"""Tables of the application, one module per area; importing this registers them all."""

from .billing import (
    CreditNote,
    CreditNoteLine,
    DocumentPdf,
    DocumentSeries,
    Invoice,
    InvoiceLine,
    Payment,
    Quote,
    QuoteLine,
    Refund,
)
from .certificates import (
    CERTIFICATE_KEYS_ROW_ID,
    Certificate,
    CertificateKeys,
    CertificateVerificationKey,
)
from .core import SETTINGS_ROW_ID, AuditEntry, FoundationSettingsRow
from .dashboard_indexes import INDEXES as DASHBOARD_INDEXES
from .fees import FeeEntry, FeeSchedule
from .organizations import (
    ORGANIZATION_RECORDS,
    Contact,
    ElectedBoardSeat,
    MembershipApplication,
    MembershipTerm,
    Organization,
    Testimonial,
    TierChange,
)
from .sync_local import SyncLocalState, SyncOutboxEntry, SyncRefusedChange

__all__ = [
    "CERTIFICATE_KEYS_ROW_ID",
    "Certificate",
    "CertificateKeys",
    "CertificateVerificationKey",
    "DASHBOARD_INDEXES",
    "ORGANIZATION_RECORDS",
    "SETTINGS_ROW_ID",
    "AuditEntry",
    "Contact",
    "CreditNote",
    "CreditNoteLine",
    "DocumentPdf",
    "DocumentSeries",
    "ElectedBoardSeat",
    "FeeEntry",
    "FeeSchedule",
    "FoundationSettingsRow",
    "Invoice",
    "InvoiceLine",
    "MembershipApplication",
    "MembershipTerm",
    "Organization",
    "Payment",
    "Quote",
    "QuoteLine",
    "Refund",
    "SyncLocalState",
    "SyncOutboxEntry",
    "SyncRefusedChange",
    "Testimonial",
    "TierChange",
]
