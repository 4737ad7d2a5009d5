"""Fee schedules, term rules and renewal fields.

A fee schedule is a dated set of entries (tier or LF Silver, an employee band, an amount
in minor units); the schedule in force on a date is the one with the latest
effective_from on or before it. The initial schedule carries the figures the foundation
published (FEES.md), LF Silver marked as to be confirmed. The term rules become settings,
and an organization learns its renewal intent, the date a non-renewal notice arrived,
its tier for next year and the end of a Premier initial commitment.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

from ptf_desktop.persistence.migrations.tables import columns, foreign_key, nullable, synced

revision = "0004"
down_revision = "0003"

# Fixed keys: every laptop seeds the same initial schedule, so the rows merge on sync.
INITIAL_SCHEDULE_ID = uuid.UUID("6f1d2a52-8d1c-4a8e-9b0e-5e6f70746632")
_ENTRY_NAMESPACE = uuid.UUID("6f1d2a52-8d1c-4a8e-9b0e-5e6f70746633")

# (kind, min_employees, max_employees, USD, to_be_confirmed): FEES.md.
INITIAL_ENTRIES = (
    ("premier", 0, None, 150_000, False),
    ("general", 5_000, None, 50_000, False),
    ("general", 3_000, 4_999, 40_000, False),
    ("general", 1_000, 2_999, 35_000, False),
    ("general", 500, 999, 30_000, False),
    ("general", 1, 499, 25_000, False),
    ("associate", 0, None, 0, False),
    ("lf_silver", 5_000, None, 20_000, True),
    ("lf_silver", 500, 4_999, 15_000, True),
    ("lf_silver", 100, 499, 10_000, True),
    ("lf_silver", 0, 99, 5_000, True),
)

_SETTINGS_COLUMNS = (
    ("premier_commitment_years", sa.Integer(), "2"),
    ("fee_increase_notice_date", sa.String(5), "10-15"),
    ("non_renewal_notice_deadline", sa.String(5), "12-01"),
    ("grace_days", sa.Integer(), "60"),
    ("reminder_offsets", sa.String(100), "90,60,30,0,-15"),
)


def upgrade() -> None:
    schedules = op.create_table(
        "fee_schedules",
        *synced("fee_schedules"),
        *columns(
            name=sa.String(200), effective_from=sa.Date(), note=sa.Text(),
        ),
    )  # fmt: skip
    op.create_index(op.f("ix_fee_schedules_effective_from"), "fee_schedules", ["effective_from"])
    entries = op.create_table(
        "fee_entries",
        *synced("fee_entries"),
        *columns(
            schedule_id=sa.Uuid(), kind=sa.String(20), min_employees=sa.Integer(),
            max_employees=nullable(sa.Integer()), amount_minor=sa.BigInteger(),
            currency=sa.String(3), to_be_confirmed=sa.Boolean(),
        ),
        foreign_key("fee_entries", "schedule_id", "fee_schedules"),
    )  # fmt: skip
    op.create_index(op.f("ix_fee_entries_schedule_id"), "fee_entries", ["schedule_id"])

    now = datetime.now(UTC).replace(tzinfo=None)
    row_defaults = {"row_version": 0, "created_at": now, "updated_at": now, "deleted": False}
    op.bulk_insert(
        schedules,
        [
            {
                "id": INITIAL_SCHEDULE_ID,
                "name": "Published fees",
                "effective_from": date(2022, 9, 1),
                "note": "Foundation fees as published; LF Silver figures to be confirmed.",
                **row_defaults,
            }
        ],
    )
    op.bulk_insert(
        entries,
        [
            {
                "id": uuid.uuid5(_ENTRY_NAMESPACE, f"{kind}:{low}"),
                "schedule_id": INITIAL_SCHEDULE_ID,
                "kind": kind,
                "min_employees": low,
                "max_employees": high,
                "amount_minor": dollars * 100,
                "currency": "USD",
                "to_be_confirmed": tbc,
                **row_defaults,
            }
            for kind, low, high, dollars, tbc in INITIAL_ENTRIES
        ],
    )

    with op.batch_alter_table("foundation_settings") as batch:
        for name, kind, default in _SETTINGS_COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=False, server_default=default))

    with op.batch_alter_table("organizations") as batch:
        batch.add_column(
            sa.Column("renewal_intent", sa.String(12), nullable=False, server_default="renewing")
        )
        batch.add_column(sa.Column("non_renewal_notice_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("next_tier", sa.String(10), nullable=True))
        batch.add_column(sa.Column("commitment_end", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("organizations") as batch:
        for name in ("commitment_end", "next_tier", "non_renewal_notice_on", "renewal_intent"):
            batch.drop_column(name)
    with op.batch_alter_table("foundation_settings") as batch:
        for name, _kind, _default in reversed(_SETTINGS_COLUMNS):
            batch.drop_column(name)
    op.drop_index(op.f("ix_fee_entries_schedule_id"), table_name="fee_entries")
    op.drop_table("fee_entries")
    op.drop_index(op.f("ix_fee_schedules_effective_from"), table_name="fee_schedules")
    op.drop_table("fee_schedules")
