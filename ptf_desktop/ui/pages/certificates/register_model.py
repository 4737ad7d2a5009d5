"""The certificate register as a Qt table model (read-only rows of CertificateRecord)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from ....services.certificates.certificate_records import CertificateRecord
from ...widgets.table_model import Column, ColumnTableModel

_STATUS_COLOURS = {"valid": "#1b7f3b", "superseded": "#8a6d00", "revoked": "#b3261e"}


def _note(record: CertificateRecord) -> str:
    if record.status == "superseded":
        return f"Superseded by {record.superseded_by}"
    if record.status == "revoked":
        day = record.revoked_on.isoformat() if record.revoked_on else ""
        return f"Revoked {day}: {record.revocation_reason}"
    return ""


class CertificateTableModel(ColumnTableModel[CertificateRecord]):
    """Rows of the register; the record of a row is at ``record(row)``."""

    COLUMNS = (
        # By length first: CERT-2027-10000 comes after CERT-2027-9999.
        Column("Number", lambda r: r.number, sort=lambda r: (len(r.number), r.number)),
        Column("Organization", lambda r: r.legal_name, tooltip=lambda r: r.legal_name),
        Column("Tier", lambda r: r.tier),
        Column("Term", lambda r: f"{r.term_start.isoformat()} to {r.term_end.isoformat()}"),
        Column("Issued", lambda r: r.issue_date.isoformat()),
        Column(
            "Status",
            lambda r: r.status,
            foreground=lambda r: QColor(_STATUS_COLOURS.get(r.status, "#000000")),
        ),
        Column("Signed", lambda r: "yes" if r.signed else "no"),
        Column("Note", _note, tooltip=_note),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent=parent)

    def set_records(self, records: list[CertificateRecord]) -> None:
        """Show these records."""
        self.set_rows(records)

    def record(self, row: int) -> CertificateRecord:
        """The record shown in a row."""
        return self.record_at(row)
