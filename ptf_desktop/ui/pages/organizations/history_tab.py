"""The History tab of an organization: its own changes and those of what it owns."""

from __future__ import annotations

from ....domain.organizations import LABELS, ORGANIZATION_FIELD_LABELS
from ....services.audit_service import AuditService
from ..history_view import HistoryView

HISTORY_LABELS = {
    **ORGANIZATION_FIELD_LABELS,
    "name": "Name", "email": "E-mail", "phone": "Phone", "job_title": "Job title",
    "roles": "Roles", "deleted": "Deleted", "tier": "Tier", "status": "Status",
    "member_since": "Member since", "term_end": "Current term ends",
    "billing_contact": "Billing contact", "logo_mime": "Logo", "start_date": "Starts",
    "end_date": "Ends", "from_tier": "From tier", "to_tier": "To tier",
    "effective_date": "Effective", "note": "Note", "applied_on": "Applied on",
    "questionnaire_received_on": "Questionnaire received", "decided_on": "Decided on",
    "outcome": "Board decision", "person": "Person", "text": "Text", "given_on": "Given on",
    "approved": "Approved", "published_where": "Where published",
}  # fmt: skip
# Bookkeeping the services keep for search, duplicates and links: not a person's change.
HIDDEN_FIELDS = ("normalized_name", "search_text", "organization_id", "logo")
_CHOICE_FIELDS = frozenset(
    {"org_type", "lf_membership", "tier", "status", "from_tier", "to_tier", "outcome"}
)
_MIME_NAMES = {"image/png": "PNG image", "image/svg+xml": "SVG image", "image/jpeg": "JPEG image"}


def value_text(field: str, value: str) -> str:
    """A stored value as people read it: labels for choices and roles, words for images."""
    if field in _CHOICE_FIELDS:
        return LABELS.get(value, value)
    if field == "roles":
        return ", ".join(LABELS.get(role, role) for role in value.split(",") if role)
    if field == "logo_mime":
        return _MIME_NAMES.get(value, value)
    return value


def organization_history(audit: AuditService) -> HistoryView:
    """A History view for one organization (set ``owner_id`` before refreshing)."""
    view = HistoryView(
        audit, None, HISTORY_LABELS, hidden_fields=HIDDEN_FIELDS, value_text=value_text
    )
    view.setObjectName("organizationHistory")
    return view
