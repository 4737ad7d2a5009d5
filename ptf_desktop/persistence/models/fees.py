"""Tables of the fee schedules: a dated schedule and its entries (one per tier and band).

Amounts are integer minor units plus an ISO currency. An entry that issued documents
refer to is never edited: a new schedule with a later effective date supersedes it.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..audit import Audited
from ..base import Base, Synced
from ..money_columns import MoneyColumn


class FeeSchedule(Synced, Audited, Base):
    """A set of fees in force from a date until a later schedule takes over."""

    __tablename__ = "fee_schedules"
    __audit_entity__ = "fee schedule"

    name: Mapped[str] = mapped_column(String(200))
    effective_from: Mapped[date] = mapped_column(Date, index=True)
    note: Mapped[str] = mapped_column(Text, default="")


class FeeEntry(Synced, Audited, Base):
    """One fee: a kind (tier or lf_silver) for an employee band, in one currency."""

    __tablename__ = "fee_entries"
    __audit_entity__ = "fee entry"
    __audit_owner__ = "schedule_id"

    schedule_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("fee_schedules.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    min_employees: Mapped[int] = mapped_column(Integer, default=0)
    # None: no upper bound.
    max_employees: Mapped[int | None] = mapped_column(Integer)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    amount = MoneyColumn("amount_minor")
    to_be_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
