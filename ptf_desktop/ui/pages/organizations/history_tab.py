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
    # Its documents and payments (the record's Billing and Certificates tabs).
    "number": "Number", "series": "Series", "issue_date": "Issued on",
    "due_date": "Due on", "currency": "Currency", "method": "Method",
    "reference": "Reference", "recorded_by": "Recorded by", "received_on": "Received on",
    "refunded_on": "Refunded on", "reason": "Reason", "description": "Description",
    "foundation_name": "Foundation", "signatory_name": "Signatory",
    "signatory_title": "Signatory's title", "signed": "Signed", "term_start": "Term starts",
    "verification_code": "Verification code", "valid_until": "Valid until",
    "bill_to_name": "Bill to", "bill_to_contact": "Bill to (person)",
    "bill_to_email": "Bill to (e-mail)", "bill_to_city": "Bill to (city)",
    "bill_to_country": "Bill to (country)", "bill_to_postal_code": "Bill to (postal code)",
    "bill_to_region": "Bill to (region)", "buyer_reference": "Buyer's reference",
    "buyer_vat_id": "Buyer's VAT number", "exchange_rate_to_usd": "Exchange rate to USD",
    "payment_terms_days": "Payment terms (days)", "paid_on": "Paid on",
    "quantity": "Quantity", "tax_rate": "Tax rate", "renewal_year": "Renewal year",
    "member_discount_percent": "Member discount (%)", "revoked_on": "Revoked on",
    "revocation_reason": "Reason revoked", "document_kind": "Document",
    "issue_year": "Year of issue",
}  # fmt: skip
# Amounts are kept in the currency's smallest unit (cents for USD), which the entry says.
HISTORY_LABELS.update({
    f"{name}_minor": f"{label} (minor units)"
    for name, label in (("amount", "Amount"), ("credited", "Credited"),
                        ("discount", "Discount"), ("net", "Net"), ("paid", "Paid"),
                        ("tax", "Tax"), ("total", "Total"), ("unit_price", "Unit price"))
})  # fmt: skip
# Bookkeeping the services keep for search, duplicates, links and files: not a person's
# change, and nothing a person could read (keys and hashes).
HIDDEN_FIELDS = (
    "normalized_name", "search_text", "organization_id", "logo", "term_id", "invoice_id",
    "quote_id", "credit_note_id", "payment_id", "contact_id", "verification_key_id",
    "pdf_sha256", "merged_into", "fee_entry_id", "reverses_payment_id", "superseded_by_id",
    "document_id", "fingerprint", "signature_image", "content", "position", "series_key",
    "verification_key",
)  # fmt: skip
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
