"""The Certificates page: the register with its actions, verification, batches, letters."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ....domain.billing.file_names import document_file_name
from ....private_files import private_folder_for_this_run
from ....services.certificates.certificate_batch import BatchReport
from ....services.certificates.certificate_records import CertificateRecord
from ....services.context import AppContext
from ....services.errors import DatabaseProblem, UserError
from ... import file_dialogs
from ...area_data import area_data
from ...changes import Changes, announce
from ...latest_read import LatestRead
from ...widgets.choices import choice_combo
from ...widgets.search_box import SearchBox
from ...widgets.table_model import RECORD_ROLE, SearchProxy
from ...widgets.tables import ROWS, list_table, select_only_row
from ..area_page import AreaPage
from .issue_dialog import IssueDialog
from .letter_actions import choose_folder, write_letter
from .register_model import CertificateTableModel
from .verify_dialog import VerifyDialog
from .year_batch import YearBatchRun
from .year_dialog import YearBatchDialog

READING = "Reading the certificate register\u2026"
STATUS_FILTERS = (("All certificates", None), ("Valid", "valid"),
                  ("Superseded", "superseded"), ("Revoked", "revoked"))  # fmt: skip


def open_file(path: Path) -> bool:
    """Open a file with the system's viewer (replaced in tests)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class CertificatesPage(AreaPage):
    """The register and every certificate action."""

    KEY = "certificates"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.batch_run: YearBatchRun | None = None
        self.model = CertificateTableModel(self)
        # Sorted by any column, narrowed by the search; the register's order until sorted.
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        # One line a certificate (the full name is in the tooltip); the name takes the room.
        self.table = list_table(
            "certificateRegister", self.proxy, rows=ROWS, sort_column=-1, wrap=False
        )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.search_box = SearchBox("Search numbers, organizations, statuses…", self.table)
        self.search_box.setObjectName("certificatesSearch")
        self.status_filter = choice_combo(STATUS_FILTERS)
        self.buttons = {
            name: QPushButton(name)
            for name in ("Issue…", "Re-issue", "Revoke…", "Save PDF…", "Open", "Verify…",
                         "Certificates for a year…", "Welcome letter…", "Renewal reminder…")
        }  # fmt: skip
        self.message = QLabel()
        self.message.setObjectName("certificatesMessage")
        self.message.setWordWrap(True)
        self._lay_out()
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self.table.activated.connect(self._on_open_clicked)  # Enter or a double-click
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        handlers = (
            self._on_issue_clicked, self._on_reissue_clicked, self._on_revoke_clicked,
            self._on_save_clicked, self._on_open_clicked, self._on_verify_clicked,
            self._on_year_clicked, self._on_welcome_clicked, self._on_reminder_clicked,
        )  # fmt: skip
        for button, handler in zip(self.buttons.values(), handlers, strict=True):
            button.clicked.connect(handler)
        self._reading = LatestRead()
        self._update_buttons()  # nothing selected while the register is read
        self.say(READING)
        self.refresh()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Show"))
        top.addWidget(self.status_filter)
        top.addStretch(1)
        for name in ("Verify…", "Certificates for a year…", "Issue…"):
            top.addWidget(self.buttons[name])
        actions = QHBoxLayout()
        for name in ("Re-issue", "Revoke…", "Save PDF…", "Open", "Welcome letter…",
                     "Renewal reminder…"):  # fmt: skip
            actions.addWidget(self.buttons[name])
        actions.addStretch(1)
        layout = self._page_layout("Certificates")
        layout.addLayout(top)
        layout.addWidget(self.search_box)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)

    # -- state ------------------------------------------------------------------------------

    def refresh(self, then: Callable[[], object] | None = None) -> None:
        """Read the register again with the chosen status filter, in a worker.

        A large foundation's register holds tens of thousands of certificates, a second
        to read: the page stays usable meanwhile and shows the rows when they are in.
        ``then`` is called once they are shown (to select a certificate just issued).
        """
        status = self.status_filter.currentData()
        if status is None and (kept := area_data().take(self.context, self.KEY)) is not None:
            self._reading.supersede()
            self._on_register_read(kept, then)  # read ahead by the warm-up
            return
        self._reading.start(
            lambda: self.context.certificates.list(status),
            lambda records: self._on_register_read(records, then),
            self.say,
        )

    def busy(self) -> bool:
        """Whether the register is being read."""
        return self._reading.busy()

    def _on_register_read(
        self, records: list[CertificateRecord], then: Callable[[], object] | None
    ) -> None:
        first = self.model.rowCount() == 0
        self.model.set_records(records)
        if first:
            self.table.resizeColumnsToContents()
        if self.message.text() == READING:
            self.say("")
        self._update_buttons()
        if then is not None:
            then()

    def selected(self) -> CertificateRecord | None:
        """The selected certificate, or None."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def select_number(self, number: str) -> None:
        """Select the row of a certificate number."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(RECORD_ROLE).number == number:
                select_only_row(self.table, row)
                return

    def say(self, text: str) -> None:
        """Show a message under the register."""
        self.message.setText(text)

    def _update_buttons(self) -> None:
        record = self.selected()
        valid = record is not None and record.status == "valid"
        self.buttons["Re-issue"].setEnabled(valid)
        self.buttons["Revoke…"].setEnabled(record is not None and record.status != "revoked")
        for name in ("Save PDF…", "Open", "Welcome letter…", "Renewal reminder…"):
            self.buttons[name].setEnabled(record is not None)

    def _attempt(self, title: str, action: object) -> object | None:
        try:
            done = action()  # type: ignore[operator]
        except (UserError, DatabaseProblem) as problem:
            QMessageBox.warning(self, title, str(problem))
            return None
        announce(Changes.CERTIFICATES, initiator=self)
        return done

    # -- actions ----------------------------------------------------------------------------

    def issue_for(self, term_id: uuid.UUID) -> CertificateRecord | None:
        """Issue a certificate for a term and show it selected."""
        record = self._attempt(
            "Certificate not issued", lambda: self.context.certificates.issue(term_id)
        )
        if isinstance(record, CertificateRecord):
            self.refresh(then=lambda: self.select_number(record.number))
            self.say(f"Issued certificate {record.number} for {record.legal_name}.")
            return record
        return None

    def revoke_selected(self, reason: str) -> None:
        """Revoke the selected certificate with a reason."""
        record = self.selected()
        if record is None:
            return
        done = self._attempt(
            "Certificate not revoked",
            lambda: self.context.certificates.revoke(record.id, reason),
        )
        if done is not None:
            self.refresh()
            self.say(f"Revoked certificate {record.number}.")

    def save_selected(self, path: Path) -> Path | None:
        """Write the selected certificate's PDF to a file."""
        record = self.selected()
        if record is None:
            return None
        saved = self._attempt(
            "PDF not saved", lambda: self.context.certificates.save_pdf(record.id, path)
        )
        if saved is not None:
            self.say(f"Saved {path}.")
        return path if saved is not None else None

    def save_letter(self, kind: str, folder: Path) -> list[Path]:
        """Write a letter of the selected certificate's organization (PDF and .eml)."""
        record = self.selected()
        if record is None:
            return []
        written, message = write_letter(
            self, self.context.letters, kind, record.organization_id, folder
        )
        if written:
            self.say(message)
        return written

    def run_year_batch(self, year: int, folder: Path, as_zip: bool) -> YearBatchRun:
        """Start a year's batch behind a cancellable progress dialog."""
        run = YearBatchRun(self.context.certificate_batch, year, folder, as_zip, self)
        run.done.connect(self._on_batch_done)
        self.batch_run = run
        run.start()
        return run

    # -- slots ------------------------------------------------------------------------------

    def _on_status_filter_changed(self, _index: int) -> None:
        self.refresh()

    def _on_search_box_text_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_buttons()

    def _on_selection_changed(self, *_: object) -> None:
        self._update_buttons()

    def _on_issue_clicked(self) -> None:
        dialog = IssueDialog(self.context, self)
        if dialog.exec() and (choice := dialog.chosen()) is not None:
            self.issue_for(choice.term_id)

    def _on_reissue_clicked(self) -> None:
        record = self.selected()
        if record is None or not self._confirm_reissue(record):
            return
        new = self._attempt(
            "Certificate not re-issued", lambda: self.context.certificates.reissue(record.id)
        )
        if isinstance(new, CertificateRecord):
            self.refresh(then=lambda: self.select_number(new.number))
            self.say(f"Issued {new.number}; {record.number} is now superseded.")

    def _confirm_reissue(self, record: CertificateRecord) -> bool:
        """Ask first: a re-issue takes the next number and supersedes the old one for good."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Re-issue certificate",
            f"Re-issue certificate {record.number}? The new certificate takes the next "
            f"number and {record.number} is superseded; neither can be undone.",
            parent=self,
        )
        box.setObjectName("reissueConfirmation")
        box.setTextFormat(Qt.TextFormat.PlainText)
        reissue = box.addButton("Re-issue", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is reissue

    def _on_revoke_clicked(self) -> None:
        record = self.selected()
        if record is None:
            return
        reason, ok = QInputDialog.getText(
            self, "Revoke certificate", f"Why is certificate {record.number} revoked?"
        )
        if ok:
            self.revoke_selected(reason)

    def _on_save_clicked(self) -> None:
        record = self.selected()
        if record is None:
            return
        name = document_file_name(record.number, record.legal_name)
        chosen, _ = file_dialogs.get_save_file_name(
            self, "Save certificate", str(Path.home() / name), "PDF files (*.pdf)"
        )
        if chosen:
            self.save_selected(Path(chosen))

    def _on_open_clicked(self, *_: object) -> None:
        record = self.selected()
        if record is None:
            return
        folder = private_folder_for_this_run("certificate")
        path = self.save_selected(folder / document_file_name(record.number, record.legal_name))
        if path is not None and not open_file(path):
            self.say(f"No PDF viewer could open {path}.")

    def _on_verify_clicked(self) -> None:
        VerifyDialog(self.context.certificate_verifier, self).exec()
        self.refresh()

    def _on_year_clicked(self) -> None:
        dialog = YearBatchDialog(self)
        if dialog.exec():
            self.run_year_batch(
                dialog.year.value(), dialog.chosen_folder(), dialog.as_zip.isChecked()
            )

    def _on_welcome_clicked(self) -> None:
        self._letter("welcome")

    def _on_reminder_clicked(self) -> None:
        self._letter("renewal reminder")

    def _letter(self, kind: str) -> None:
        folder = choose_folder(self, kind)
        if folder is not None:
            self.save_letter(kind, folder)

    def _on_batch_done(self, result: object) -> None:
        self.refresh()
        if isinstance(result, BatchReport):
            announce(Changes.CERTIFICATES, initiator=self)
            stopped = "Stopped: " if result.cancelled else ""
            skipped = f", {len(result.skipped)} skipped" if result.skipped else ""
            self.say(
                f"{stopped}{len(result.issued)} certificate(s) issued, "
                f"{len(result.written)} file(s) written{skipped}."
            )
        else:
            QMessageBox.warning(self, "Certificates not exported", str(result))
