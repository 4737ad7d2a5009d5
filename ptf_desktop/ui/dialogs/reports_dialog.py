"""Reports: pick a report, optionally a year, and export it as Excel, PDF or CSV.

The report is made and written in a worker thread; a progress bar follows the rows
written and Cancel stops the export (no file is left). The dialog says what was written,
or why not, and stays open for the next report.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.reports import Report
from ...services.context import AppContext
from ...services.reports.catalog import ReportDefinition
from .. import file_dialogs
from ..tasks import Task, run_task

_CSV = "CSV files (*.csv)"
_XLSX = "Excel workbooks (*.xlsx)"
_PDF = "PDF documents (*.pdf)"
_SUFFIXES = {_CSV: ".csv", _XLSX: ".xlsx", _PDF: ".pdf"}


class ReportsDialog(QDialog):
    """The list of reports and an Export button."""

    def __init__(
        self, context: AppContext, selected: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reports")
        self.resize(560, 360)
        self._context = context
        self.definitions = context.reports.definitions()
        self.job: Task | None = None
        self._target = Path()
        self.list = QListWidget()
        self.list.addItems([definition.title for definition in self.definitions])
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.for_year = QCheckBox("For the year")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        # Room for a long path on three lines, however small the dialog is.
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 3)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton("Export…")
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = QPushButton("Cancel export")
        self.cancel_button.setVisible(False)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.for_year.toggled.connect(self._on_for_year_toggled)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        year_row = QHBoxLayout()
        year_row.addWidget(self.for_year)
        year_row.addWidget(self.year)
        year_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Choose a report to export as Excel, PDF or CSV:"))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.description)
        layout.addLayout(year_row)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        names = [definition.name for definition in self.definitions]
        self.list.setCurrentRow(names.index(selected) if selected in names else 0)

    def current(self) -> ReportDefinition:
        """The report chosen."""
        return self.definitions[max(self.list.currentRow(), 0)]

    def chosen_year(self) -> int | None:
        """The year asked for, or None for "as of today"."""
        usable = self.current().takes_year and self.for_year.isChecked()
        return self.year.value() if usable else None

    def export_to(self, path: Path) -> Task:
        """Make the chosen report and write it to path in the background."""
        name, year = self.current().name, self.chosen_year()
        self.export_button.setEnabled(False)
        self.status.setText(f"Making the report for {path.name}…")
        self.progress.setRange(0, 0)  # busy until the rows are counted
        self.progress.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        reports = self._context.reports
        self.job = run_task(lambda progress: reports.export(name, path, year, progress))
        self._target = path
        self.job.progressed.connect(self._on_job_progressed)
        self.job.succeeded.connect(self._on_job_succeeded)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(self._on_job_cancelled)
        self.job.finished.connect(self._on_job_finished)
        return self.job

    def reject(self) -> None:
        """Close, unless a report is being written (its thread must finish first)."""
        if self.job is not None and self.job.running():
            self.status.setText(
                "Please wait: the report is still being written (Cancel export stops it)."
            )
            return
        super().reject()

    def _ask_path(self) -> Path | None:
        folder = file_dialogs.last_folder("report")
        year = self.chosen_year()
        stem = self.current().name + (f"-{year}" if year else f"-{date.today():%Y-%m-%d}")
        chosen, chosen_filter = file_dialogs.get_save_file_name(
            self, "Export report", str(folder / f"{stem}.xlsx"), f"{_XLSX};;{_PDF};;{_CSV}"
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in _SUFFIXES.values():  # some platforms add no suffix
            path = path.with_name(path.name + _SUFFIXES.get(chosen_filter, ".xlsx"))
        file_dialogs.remember_folder("report", path.parent)
        return path

    # -- slots ------------------------------------------------------------------------------

    def _on_list_current_row_changed(self, _row: int) -> None:
        definition = self.current()
        self.description.setText(definition.description)
        self.for_year.setEnabled(definition.takes_year)
        self.year.setEnabled(definition.takes_year and self.for_year.isChecked())
        self.for_year.setToolTip(
            "" if definition.takes_year else "This report shows today's state."
        )

    def _on_for_year_toggled(self, checked: bool) -> None:
        self.year.setEnabled(checked and self.current().takes_year)

    def _on_export_button_clicked(self) -> None:
        path = self._ask_path()
        if path is not None:
            self.export_to(path)

    def _on_cancel_button_clicked(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling…")

    def _on_job_progressed(self, done: int, total: int) -> None:
        if self.cancel_button.isEnabled():  # "Cancelling…" stays until the job ends
            self.status.setText(f"Writing {self._target.name}: {done:,} of {total:,} rows…")
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_job_cancelled(self) -> None:
        self.status.setText(f"Export cancelled: {self._target.name} was not written.")

    def _on_job_succeeded(self, report: Report) -> None:
        rows = f"{len(report.rows)} row{'' if len(report.rows) == 1 else 's'}"
        self.status.setText(f"Wrote {report.title} ({rows}) to {self._target}.")

    def _on_job_failed(self, message: str) -> None:
        self.status.setText("The report was not written.")
        QMessageBox.critical(self, "Report not written", message)

    def _on_job_finished(self) -> None:
        self.export_button.setEnabled(True)
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
