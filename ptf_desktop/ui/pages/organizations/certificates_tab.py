"""The Certificates tab of an organization: every certificate issued to it, opened as issued.

The member letters (welcome, renewal reminder) sit on the Membership tab, beside the
term they speak of.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ....services.certificates.certificate_records import CertificateRecord
from ....services.context import AppContext
from ....services.register.global_search import CERTIFICATE
from ...widgets.table_model import RECORD_ROLE
from ..billing.display import status_label
from ..record_opener import open_document, top_window
from .form_widgets import plain
from .record_table import Column, RecordTable, RecordTableModel, date_text, warn_if

CERTIFICATE_COLUMNS: tuple[Column[CertificateRecord], ...] = (
    Column("Number", lambda c: c.number),
    Column(
        "Status",
        lambda c: status_label(c.status),
        lambda c: c.status,
        foreground=warn_if(lambda c: c.status == "revoked"),
    ),
    Column("Tier", lambda c: c.tier),
    Column("Term", lambda c: f"{date_text(c.term_start)} – {date_text(c.term_end)}"),
    Column("Issued", lambda c: date_text(c.issue_date)),
    Column("Signed", lambda c: "Yes" if c.signed else "No"),
    Column(
        "Note",
        lambda c: (
            f"Replaced by {c.superseded_by}" if c.superseded_by
            else f"Revoked: {c.revocation_reason}" if c.revocation_reason else ""
        ),
    ),
)  # fmt: skip


class CertificatesTab(QWidget):
    """A table of the organization's certificates, newest first."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.model: RecordTableModel[CertificateRecord] = RecordTableModel(
            CERTIFICATE_COLUMNS, self
        )
        self.table = RecordTable(self.model, "recordCertificates")
        self.summary = plain(QLabel())
        self.summary.setObjectName("certificatesSummary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.table.activated.connect(self._on_table_activated)

    def show_certificates(self, certificates: tuple[CertificateRecord, ...]) -> None:
        """Show these certificates."""
        self.model.set_rows(certificates)
        valid = sum(1 for c in certificates if c.status == "valid")
        self.summary.setText(
            f"{len(certificates)} issued, {valid} valid. Open one to see it as issued."
            if certificates else "No certificates issued yet."
        )  # fmt: skip

    def _on_table_activated(self, index: QModelIndex) -> None:
        record: CertificateRecord = index.data(RECORD_ROLE)
        open_document(self._context, CERTIFICATE, record.id, top_window(self))
