"""The certificate register as a Qt table model (read-only rows of CertificateRecord)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ....services.certificates.certificate_records import CertificateRecord

COLUMNS = ("Number", "Organization", "Tier", "Term", "Issued", "Status", "Signed", "Note")
_STATUS_COLOURS = {"valid": "#1b7f3b", "superseded": "#8a6d00", "revoked": "#b3261e"}

_Index = QModelIndex | QPersistentModelIndex


def _note(record: CertificateRecord) -> str:
    if record.status == "superseded":
        return f"Superseded by {record.superseded_by}"
    if record.status == "revoked":
        day = record.revoked_on.isoformat() if record.revoked_on else ""
        return f"Revoked {day}: {record.revocation_reason}"
    return ""


class CertificateTableModel(QAbstractTableModel):
    """Rows of the register; the record of a row is at ``record(row)``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._records: list[CertificateRecord] = []

    def set_records(self, records: list[CertificateRecord]) -> None:
        """Show these records."""
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> CertificateRecord:
        """The record shown in a row."""
        return self._records[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._records[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                record.number,
                record.legal_name,
                record.tier,
                f"{record.term_start.isoformat()} to {record.term_end.isoformat()}",
                record.issue_date.isoformat(),
                record.status,
                "yes" if record.signed else "no",
                _note(record),
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 5:
            return QColor(_STATUS_COLOURS.get(record.status, "#000000"))
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 7):
            return record.legal_name if column == 1 else _note(record)
        return None
