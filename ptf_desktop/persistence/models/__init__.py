"""Tables of the application, one module per area; importing this registers them all."""

from .core import SETTINGS_ROW_ID, AuditEntry, FoundationSettingsRow
from .fees import FeeEntry, FeeSchedule
from .organizations import (
    Contact,
    MembershipApplication,
    MembershipTerm,
    Organization,
    Testimonial,
    TierChange,
)

__all__ = [
    "SETTINGS_ROW_ID",
    "AuditEntry",
    "Contact",
    "FeeEntry",
    "FeeSchedule",
    "FoundationSettingsRow",
    "MembershipApplication",
    "MembershipTerm",
    "Organization",
    "Testimonial",
    "TierChange",
]
