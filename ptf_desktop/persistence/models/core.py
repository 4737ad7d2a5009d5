"""Tables of the foundation settings and the audit trail."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text, Uuid, false, true
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.billing.tax_settings import DEFAULT_REVERSE_CHARGE_WORDING
from ..audit import Audited
from ..base import Base, Synced, UTCDateTime, utc_now
from ..ids import time_ordered_uuid

# Every laptop creates the single settings row with this key, so the rows made on two
# machines are the same row when they are synchronised.
SETTINGS_ROW_ID = uuid.UUID("6f1d2a52-8d1c-4a8e-9b0e-5e6f70746631")


class FoundationSettingsRow(Synced, Audited, Base):
    """The foundation's business settings: one row (SETTINGS_ROW_ID)."""

    __tablename__ = "foundation_settings"
    __audit_entity__ = "settings"

    legal_name: Mapped[str] = mapped_column(String(300))
    address_line1: Mapped[str] = mapped_column(String(200))
    address_line2: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100))
    region: Mapped[str] = mapped_column(String(100))
    postal_code: Mapped[str] = mapped_column(String(30))
    country: Mapped[str] = mapped_column(String(2))
    tax_id: Mapped[str] = mapped_column(String(40))
    billing_email: Mapped[str] = mapped_column(String(320))
    bank_name: Mapped[str] = mapped_column(String(200))
    bank_account: Mapped[str] = mapped_column(String(60))
    aba_routing: Mapped[str] = mapped_column(String(9))
    iban: Mapped[str] = mapped_column(String(34))
    swift_bic: Mapped[str] = mapped_column(String(11))
    default_currency: Mapped[str] = mapped_column(String(3))
    payment_terms_days: Mapped[int] = mapped_column(Integer)
    invoice_prefix: Mapped[str] = mapped_column(String(12))
    credit_note_prefix: Mapped[str] = mapped_column(String(12))
    quote_prefix: Mapped[str] = mapped_column(String(12))
    signatory_name: Mapped[str] = mapped_column(String(200))
    signatory_title: Mapped[str] = mapped_column(String(200))
    associate_eligible_types: Mapped[str] = mapped_column(String(100))
    # Term rules (FEES.md); dates without a year are "MM-DD".
    premier_commitment_years: Mapped[int] = mapped_column(Integer, server_default="2")
    fee_increase_notice_date: Mapped[str] = mapped_column(String(5), server_default="10-15")
    non_renewal_notice_deadline: Mapped[str] = mapped_column(String(5), server_default="12-01")
    grace_days: Mapped[int] = mapped_column(Integer, server_default="60")
    reminder_offsets: Mapped[str] = mapped_column(String(100), server_default="90,60,30,0,-15")
    # When a paying tier's term counts as held: its invoice "issued" or "paid".
    term_held_when: Mapped[str] = mapped_column(String(10), server_default="issued")
    # Tax and document settings (domain.billing.tax_settings.DocumentSettings).
    default_tax_rate: Mapped[str] = mapped_column(String(10), server_default="0")
    tax_exemption_wording: Mapped[str] = mapped_column(Text, server_default="")
    reverse_charge_wording: Mapped[str] = mapped_column(
        Text, server_default=DEFAULT_REVERSE_CHARGE_WORDING
    )
    reverse_charge_enabled: Mapped[bool] = mapped_column(Boolean, server_default=false())
    facturx_enabled: Mapped[bool] = mapped_column(Boolean, server_default=true())
    # How many automatic start-up backups are kept (persistence.automatic_backups).
    backups_to_keep: Mapped[int] = mapped_column(Integer, server_default="14")
    # Certificates and signing (services.certificates.certificate_settings).
    certificate_prefix: Mapped[str] = mapped_column(String(12), server_default="CERT")
    signing_pkcs12_path: Mapped[str] = mapped_column(Text, server_default="")
    sign_invoices: Mapped[bool] = mapped_column(Boolean, server_default=false())
    # Books closed through this date (ISO, "" when none): nothing is issued on or before it.
    books_closed_through: Mapped[str] = mapped_column(String(10), server_default="")


class AuditEntry(Base):
    """One changed field of one business record: append-only, never edited.

    Entries carry a UUID key so that the team server can merge the trails of all laptops.
    """

    __tablename__ = "audit_log"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=time_ordered_uuid)
    occurred_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utc_now, nullable=False, index=True
    )
    actor: Mapped[str] = mapped_column(String(200), nullable=False)
    action: Mapped[str] = mapped_column(String(10), nullable=False)  # create, update, delete
    entity_type: Mapped[str] = mapped_column(String(50), nullable=False)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    # The record whose history shows this change (an organization for its contacts).
    owner_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    field: Mapped[str] = mapped_column(String(100), nullable=False)
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
