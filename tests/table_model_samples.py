"""Sample rows for every table model of the user interface, with the tricky names.

Each builder returns a model filled with records whose names (and other text) come from
tests/data/tricky-organization-names.txt; ``BUILDERS`` lists them all.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel

from ptf_desktop.domain.billing.aging import AgingBucket, AgingRow
from ptf_desktop.domain.fees import FeeEntryData, FeeKind, FeeScheduleData
from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import MembershipStatus, OrgType, Tier
from ptf_desktop.domain.renewals import Bucket, RenewalIntent
from ptf_desktop.persistence.backups import BackupInfo
from ptf_desktop.services.audit_service import AuditRecord
from ptf_desktop.services.billing.records import (
    CreditBalance,
    CreditNoteSummary,
    InvoiceSummary,
    LineRecord,
    PaymentRecord,
    QuoteSummary,
)
from ptf_desktop.services.certificates.certificate_records import CertificateRecord
from ptf_desktop.services.certificates.term_choices import TermChoice
from ptf_desktop.services.register import organization_records
from ptf_desktop.services.register.board_seats import ElectedSeat
from ptf_desktop.services.register.membership_service import BoardSeat
from ptf_desktop.services.register.organization_csv_reader import ImportProblem
from ptf_desktop.services.register.organization_import import ImportPreviewRow
from ptf_desktop.services.renewals.renewal_preparation import PlannedRenewal
from ptf_desktop.services.renewals.renewal_service import RenewalRow
from ptf_desktop.ui.dialogs.import_dialog import PreviewTableModel, ProblemTableModel
from ptf_desktop.ui.dialogs.restore_dialog import BackupTableModel
from ptf_desktop.ui.pages.billing.credit_note_model import CreditNoteTableModel
from ptf_desktop.ui.pages.billing.credits_view import CreditTableModel
from ptf_desktop.ui.pages.billing.invoice_model import InvoiceTableModel
from ptf_desktop.ui.pages.billing.lines_model import LinesModel
from ptf_desktop.ui.pages.billing.payments_view import PaymentTableModel
from ptf_desktop.ui.pages.billing.quote_model import QuoteTableModel
from ptf_desktop.ui.pages.billing.receivables_view import AgingModel
from ptf_desktop.ui.pages.certificates.issue_dialog import TERM_COLUMNS
from ptf_desktop.ui.pages.certificates.register_model import CertificateTableModel
from ptf_desktop.ui.pages.fee_schedule_models import EntryTableModel, ScheduleTableModel
from ptf_desktop.ui.pages.history_view import HistoryTableModel
from ptf_desktop.ui.pages.organizations.governance import ELECTED_COLUMNS, SEAT_COLUMNS
from ptf_desktop.ui.pages.organizations.record_table import RecordTableModel
from ptf_desktop.ui.pages.organizations.testimonials_tab import TESTIMONIAL_COLUMNS
from ptf_desktop.ui.pages.renewals.models import PlanTableModel, RenewalTableModel
from ptf_desktop.ui.widgets.table_model import ColumnTableModel

from conftest import read_tricky_names

NAMES = [name for name in read_tricky_names() if name.strip()]
DAY = date(2026, 3, 31)


def usd(amount: str) -> Money:
    return Money(Decimal(amount), "USD")


def invoices() -> InvoiceTableModel:
    return InvoiceTableModel(
        rows=[
            InvoiceSummary(
                uuid.uuid4(),
                None if n % 3 == 0 else f"2026-{n:04d}",
                uuid.uuid4(),
                name,
                ("draft", "issued", "overdue", "paid")[n % 4],
                "USD",
                usd(f"{n}.50"),
                usd("0"),
                usd("0"),
                usd(f"{n}.50"),
                None if n % 3 == 0 else DAY,
                None if n % 3 == 0 else DAY,
            )  # fmt: skip
            for n, name in enumerate(NAMES)
        ]
    )


def quotes() -> QuoteTableModel:
    return QuoteTableModel(
        rows=[
            QuoteSummary(
                uuid.uuid4(),
                None if n % 2 else f"Q-{n}",
                uuid.uuid4(),
                name,
                ("draft", "sent", "expired", "declined")[n % 4],
                "EUR",
                Money(Decimal(n), "EUR"),
                None if n % 2 else DAY,
                DAY,
            )  # fmt: skip
            for n, name in enumerate(NAMES)
        ]
    )


def credit_notes() -> CreditNoteTableModel:
    return CreditNoteTableModel(
        rows=[
            CreditNoteSummary(
                uuid.uuid4(), f"CN-{n}", uuid.uuid4(), f"2026-{n:04d}", name, DAY, name, usd("5")
            )
            for n, name in enumerate(NAMES)
        ]
    )


def payments() -> PaymentTableModel:
    return PaymentTableModel(
        rows=[
            PaymentRecord(
                uuid.uuid4(),
                DAY,
                usd(f"{n}"),
                "transfer",
                name,
                reversed_by=uuid.uuid4() if n % 3 == 0 else None,
                reason=name if n % 2 else "",
                invoice_number=f"2026-{n:04d}",
                organization=name,
            )  # fmt: skip
            for n, name in enumerate(NAMES)
        ]
    )


def credits_() -> CreditTableModel:
    return CreditTableModel(
        rows=[CreditBalance(uuid.uuid4(), name, usd("12.30")) for name in NAMES]
    )


def renewals() -> RenewalTableModel:
    return RenewalTableModel(
        rows=[
            RenewalRow(
                uuid.uuid4(),
                name,
                "premier",
                "general",
                "active",
                DAY,
                Bucket.WITHIN_30,
                RenewalIntent.NON_RENEWING if n % 2 else RenewalIntent.RENEWING,
                DAY if n % 2 else None,
                None,
                DAY,
                DAY,
                usd("45000") if n % 3 else None,
                "" if n % 3 else "No fee for the tier",
                30 if n % 2 else None,
            )  # fmt: skip
            for n, name in enumerate(NAMES)
        ]
    )


def plan() -> PlanTableModel:
    return PlanTableModel(
        rows=[
            PlannedRenewal(uuid.uuid4(), name, "general", DAY, DAY, usd("9") if n % 2 else None)
            for n, name in enumerate(NAMES)
        ]
    )


def record_tables() -> list[Callable[[], ColumnTableModel[Any]]]:
    def testimonials() -> ColumnTableModel[Any]:
        rows = [
            organization_records.TestimonialRecord(uuid.uuid4(), name, name, DAY, True, name)
            for name in NAMES
        ]
        return RecordTableModel(TESTIMONIAL_COLUMNS, rows=rows)

    def seats() -> ColumnTableModel[Any]:
        rows = [
            BoardSeat(uuid.uuid4(), name, name if n % 2 else "", "") for n, name in enumerate(NAMES)
        ]
        return RecordTableModel(SEAT_COLUMNS, rows=rows)

    def elected() -> ColumnTableModel[Any]:
        rows = [
            ElectedSeat(
                uuid.uuid4(), uuid.uuid4(), name, name, DAY, DAY, name, "" if n % 2 else name
            )
            for n, name in enumerate(NAMES)
        ]
        return RecordTableModel(ELECTED_COLUMNS, rows=rows)

    return [testimonials, seats, elected]


def lines() -> LinesModel:
    model = LinesModel("USD")
    model.set_records(
        tuple(
            LineRecord(
                name,
                Decimal(n + 1),
                usd(f"{n}.25"),
                usd("0"),
                Decimal("7.7"),
                usd(f"{n}.25"),
                None,
                None,
            )  # fmt: skip
            for n, name in enumerate(NAMES)
        )
    )
    return model


def backups() -> BackupTableModel:
    made = datetime(2026, 3, 31, 12, tzinfo=UTC)
    return BackupTableModel(
        [
            BackupInfo(Path("/backups") / f"{n} {name}.sqlite", made, n * 4096, "daily")
            for n, name in enumerate(NAMES)
        ]
    )


def import_problems() -> ProblemTableModel:
    return ProblemTableModel(
        tuple(ImportProblem(n + 2, "name", name) for n, name in enumerate(NAMES))
    )


def import_preview() -> PreviewTableModel:
    return PreviewTableModel(
        tuple(
            ImportPreviewRow(
                n + 2,
                name,
                OrgType.COMMERCIAL,
                "CH",
                Tier.GENERAL if n % 2 else None,
                MembershipStatus.ACTIVE,
                DAY if n % 2 else None,
                DAY,
                name,
            )  # fmt: skip
            for n, name in enumerate(NAMES)
        )
    )


def certificates() -> CertificateTableModel:
    model = CertificateTableModel()
    model.set_records(
        [
            CertificateRecord(
                uuid.uuid4(),
                uuid.uuid4(),
                uuid.uuid4(),
                f"C-{n}",
                name,
                "general",
                DAY,
                DAY,
                DAY,
                ("valid", "superseded", "revoked")[n % 3],
                f"C-{n + 1}",
                name,
                DAY if n % 3 == 2 else None,
                bool(n % 2),
                "ABC",
            )  # fmt: skip
            for n, name in enumerate(NAMES)
        ]
    )
    return model


def history() -> HistoryTableModel:
    model = HistoryTableModel({"name": "Name"}, show_entity=True)
    made = datetime(2026, 3, 31, 12, tzinfo=UTC)
    model.set_records(
        [
            AuditRecord(
                made, name, "update", "contact", uuid.uuid4(), "name", None if n % 2 else name, name
            )
            for n, name in enumerate(NAMES)
        ]
    )
    return model


def aging() -> AgingModel:
    return AgingModel(
        rows=[
            AgingRow(
                name,
                "USD",
                {AgingBucket.CURRENT: usd(f"{n}"), AgingBucket.OVER_90: usd("1")},
                usd("3") if n % 2 else None,
            )  # fmt: skip
            for n, name in enumerate(NAMES)
        ]
    )


def fee_entries() -> tuple[FeeEntryData, ...]:
    return tuple(
        FeeEntryData(
            uuid.uuid4(),
            FeeKind.GENERAL,
            n * 100,
            None if n % 2 else n * 100 + 99,
            usd(f"{n}000"),
            bool(n % 2),
        )
        for n, _name in enumerate(NAMES)
    )


def fee_schedules() -> ScheduleTableModel:
    model = ScheduleTableModel()
    model.set_schedules(
        [FeeScheduleData(uuid.uuid4(), name, DAY, fee_entries(), name) for name in NAMES]
    )
    return model


def fees() -> EntryTableModel:
    model = EntryTableModel()
    entries = fee_entries()
    model.set_entries(entries, frozenset({entries[0].id} - {None}))  # type: ignore[arg-type]
    return model


def new_fees() -> EntryTableModel:
    model = EntryTableModel(editable=True)
    model.set_entries(fee_entries())
    return model


def terms_to_certify() -> ColumnTableModel[TermChoice]:
    rows = [
        TermChoice(uuid.uuid4(), uuid.uuid4(), name, "general", DAY, DAY, "", name if n % 2 else "")
        for n, name in enumerate(NAMES)
    ]
    return ColumnTableModel(TERM_COLUMNS, rows=rows)


BUILDERS: list[Callable[[], QAbstractItemModel]] = [
    invoices, quotes, credit_notes, payments, credits_, aging, renewals, plan, *record_tables(),
    lines, backups, import_problems, import_preview, certificates, history, fee_schedules, fees,
    new_fees, terms_to_certify,
]  # fmt: skip
