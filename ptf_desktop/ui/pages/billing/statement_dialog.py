"""A member's statement of account from the window: the balance on a date, PDF, e-mail draft.

The statement is saved as a PDF or as an e-mail draft (.eml) to the billing contact.

The figures shown come from the statement service; writing renders the PDF in a worker
thread (the first document of a process loads the fonts), the busy bar showing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....domain.formatting import format_money
from ....domain.money import Money
from ....domain.wording import count_of
from ....services.atomic_files import write_bytes_atomic
from ....services.billing.statement_service import StatementService, statement_file_name
from ....services.errors import UserError
from ...busy_work import BusyWork
from ...file_dialogs import get_save_file_name
from ...widgets.text_label import text_label
from .display import day_of


def balance_text(balance: Money) -> str:
    """A currency account's balance in words for the dialog."""
    if balance.amount > 0:
        return f"{format_money(balance)} owed"
    if balance.amount < 0:
        return f"{format_money(-balance)} to the member's credit"
    return f"nothing owed in {balance.currency}"


class StatementDialog(QDialog):
    """Choose the date, see the balance, save the statement PDF or its e-mail draft."""

    def __init__(
        self,
        service: StatementService,
        organization_id: uuid.UUID,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statementDialog")
        self.setWindowTitle("Statement of account")
        self._service = service
        self._organization_id = organization_id
        self.work = BusyWork(self)
        self.suggested_name = "Statement.pdf"
        self.as_of = QDateEdit(QDate(today.year, today.month, today.day))
        self.as_of.setObjectName("statementDate")
        self.as_of.setCalendarPopup(True)
        self.member = text_label()
        self.summary = text_label(name="statementSummary", wrap=True)
        self.outcome = text_label(name="statementOutcome", wrap=True)
        self.save_pdf = QPushButton("Save PDF…")
        self.save_pdf.setObjectName("statementSavePdf")
        self.save_email = QPushButton("Save e-mail draft…")
        self.save_email.setObjectName("statementSaveEmail")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_pdf, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_email, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Balance on:", self.as_of)
        layout = QVBoxLayout(self)
        layout.addWidget(self.member)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.outcome)
        layout.addWidget(self.work.bar)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.as_of.dateChanged.connect(self._on_as_of_date_changed)
        self.save_pdf.clicked.connect(self._on_save_pdf_clicked)
        self.save_email.clicked.connect(self._on_save_email_clicked)
        self.work.ended.connect(self._on_work_ended)
        self._show_summary()

    def _day(self) -> date:
        return day_of(self.as_of.date())

    def _show_summary(self) -> None:
        try:
            statement = self._service.statement(self._organization_id, self._day())
        except UserError as problem:
            self.summary.setText(str(problem))
            return
        self.member.setText(statement.member.name)
        self.suggested_name = statement_file_name(statement)
        lines = [
            f"{account.currency}: {count_of(len(account.lines), 'entry', 'entries')}, "
            f"{count_of(len(account.open_invoices), 'open invoice')}; "
            f"{balance_text(account.balance)}"
            for account in statement.accounts
        ]
        self.summary.setText("\n".join(lines) or "No invoices have been issued to this member.")

    def _write(self, caption: str, suffix: str, make: Callable[[], bytes]) -> None:
        name = self.suggested_name.removesuffix(".pdf") + suffix
        chosen, _ = get_save_file_name(self, caption, name, f"*{suffix}")
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)

        def work() -> Path:
            write_bytes_atomic(path, make())
            return path

        self.outcome.clear()
        self.save_pdf.setEnabled(False)
        self.save_email.setEnabled(False)
        self.work.run("Writing the statement\u2026", work, self._on_written, self._on_failed)

    def _on_as_of_date_changed(self, _date: QDate) -> None:
        self._show_summary()

    def _on_save_pdf_clicked(self) -> None:
        day, organization = self._day(), self._organization_id
        self._write("Save the statement", ".pdf", lambda: self._service.pdf(organization, day))

    def _on_save_email_clicked(self) -> None:
        day, organization = self._day(), self._organization_id
        self._write(
            "Save the e-mail draft", ".eml", lambda: self._service.email_draft(organization, day)
        )

    def _on_written(self, path: Path) -> None:
        self.outcome.setText(f"Saved {path}")

    def _on_failed(self, message: str) -> None:
        self.outcome.setText(message)

    def _on_work_ended(self) -> None:
        self.save_pdf.setEnabled(True)
        self.save_email.setEnabled(True)

    def done(self, result: int) -> None:
        """Close once the file being written is complete."""
        self.work.wait()
        super().done(result)
