"""Importing organizations from a CSV file: the report first, then (if clean) the import.

The dialog checks the file with a dry run as soon as it opens and shows either every
problem (line, column, reason) or the organizations that would be created, with counts.
Nothing is written until the user presses Import, which is enabled only for a clean file.
Rows that match an organization already in the register are listed with the rule that
matched; the person chooses for the file whether they are skipped, update the register
or are created anyway, and the dry run is repeated with that choice.
Checking and importing run in a worker thread, so the window stays responsive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.organizations import LABELS
from ...domain.wording import count_of
from ...services.context import AppContext
from ...services.register.organization_import import (
    ImportMatch,
    ImportPreviewRow,
    ImportProblem,
    ImportReport,
    OnMatch,
    OrganizationImporter,
)
from ...services.register.organization_import_matches import ACTION_WORDS
from .. import file_dialogs
from ..widgets.table_model import RIGHT, Column, ColumnTableModel
from ..widgets.tables import list_table
from .check_then_run import CheckThenRunDialog


def _problem_column(header: str, text: Any, align: Any = None) -> Column[ImportProblem]:
    return Column(header, text, align=align, tooltip=text)


class ProblemTableModel(ColumnTableModel[ImportProblem]):
    """Problems (or warnings) of an import as rows: line, column, reason."""

    LINE, COLUMN, MESSAGE = range(3)
    COLUMNS = (
        _problem_column("Line", lambda p: str(p.line), RIGHT),
        _problem_column("Column", lambda p: p.column),
        _problem_column("Reason", lambda p: p.message),
    )

    def __init__(self, problems: tuple[ImportProblem, ...], parent: QObject | None = None) -> None:
        super().__init__(parent=parent, rows=problems)


def _day(day: Any) -> str:
    return day.isoformat() if day else ""


class PreviewTableModel(ColumnTableModel[ImportPreviewRow]):
    """The organizations an import would create, one per row."""

    COLUMNS = (
        Column("Line", lambda r: str(r.line)),
        Column("Name", lambda r: r.name),
        Column("Type", lambda r: LABELS[r.org_type.value]),
        Column("Country", lambda r: r.country),
        Column("Tier", lambda r: LABELS[r.tier.value] if r.tier else ""),
        Column("Status", lambda r: LABELS[r.status.value]),
        Column("Member since", lambda r: _day(r.member_since)),
        Column("Term end", lambda r: _day(r.term_end)),
        Column("Billing contact", lambda r: r.billing_contact),
    )

    def __init__(self, rows: tuple[ImportPreviewRow, ...], parent: QObject | None = None) -> None:
        super().__init__(parent=parent, rows=rows)


class MatchTableModel(ColumnTableModel[ImportMatch]):
    """Rows of the file that match an organization of the register, and what happens."""

    COLUMNS = (
        Column("Line", lambda m: str(m.line), align=RIGHT),
        Column("Name in the file", lambda m: m.name, tooltip=lambda m: m.name),
        Column("In the register", lambda m: m.organization_name,
               tooltip=lambda m: m.organization_name),
        Column("Matched by", lambda m: str(m.rule)),
        Column("What happens", lambda m: ACTION_WORDS[m.action].capitalize()),
    )  # fmt: skip

    def __init__(self, rows: tuple[ImportMatch, ...], parent: QObject | None = None) -> None:
        super().__init__(parent=parent, rows=rows)


# The choices for matching rows, as the dialog offers them.
ON_MATCH_CHOICES = (
    (OnMatch.SKIP, "Skip them (keep the register as it is)"),
    (OnMatch.UPDATE, "Update the organization in the register"),
    (OnMatch.CREATE, "Create them anyway (a second record)"),
)


class ImportDialog(CheckThenRunDialog):
    """Shows the report of a CSV file and imports it when the user says so.

    ``checked`` carries the dry run's ImportReport, ``completed`` the import's.

    Attributes:
        report: the latest report (None while the first check runs).
    """

    def __init__(
        self, importer_service: OrganizationImporter, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            f"Import organizations \u2013 {path.name}", "Import", f"Checking {path.name}\u2026",
            f"{path.name} cannot be imported.", parent,
        )  # fmt: skip
        self._importer = importer_service
        self._path = path
        self.report: ImportReport | None = None
        self.import_button = self.action_button
        self.resize(900, 520)
        self._build()
        self._check()

    @property
    def on_match(self) -> OnMatch:
        """What the import does with a row that matches the register (the person's choice)."""
        return OnMatch(self.on_match_combo.currentData())

    def _check(self) -> None:
        on_match = self.on_match
        self._start_check(
            lambda _progress: self._importer.import_csv(self._path, dry_run=True, on_match=on_match)
        )

    def _build(self) -> None:
        self.headline.setObjectName("importHeadline")
        self.table = _table("importTable")
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_table = _table("importWarningsTable")
        self.matches_label = QLabel()
        self.matches_label.setWordWrap(True)
        self.matches_table = _table("importMatchesTable")
        self.on_match_combo = QComboBox()
        self.on_match_combo.setObjectName("importOnMatch")
        for choice, text in ON_MATCH_CHOICES:
            self.on_match_combo.addItem(text, choice.value)
        self.on_match_combo.currentIndexChanged.connect(self._on_on_match_combo_changed)
        choice_form = QFormLayout()
        choice_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        choice_form.addRow("Rows that match the register:", self.on_match_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 3)
        layout.addLayout(choice_form)
        layout.addWidget(self.matches_label)
        layout.addWidget(self.matches_table, 2)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.warnings_table, 1)
        layout.addWidget(self.buttons)
        self.warnings_label.hide()
        self.warnings_table.hide()
        self.matches_label.hide()
        self.matches_table.hide()

    def _on_on_match_combo_changed(self, _index: int) -> None:
        if self._task is not None:
            self._task.wait()  # the previous check is short; its result is replaced anyway
        self.headline.setText(f"Checking {self._path.name}\u2026")
        self._check()

    # -- the worker ----------------------------------------------------------------------------

    def _run(self, *args: Any, **kwargs: Any) -> None:
        self.on_match_combo.setEnabled(False)  # the choice is read when the call starts
        super()._run(*args, **kwargs)

    def _on_task_finished(self) -> None:
        super()._on_task_finished()
        self.on_match_combo.setEnabled(True)

    # -- results -------------------------------------------------------------------------------

    def _show_check(self, report: ImportReport) -> None:
        self._show(report)

    def _work_done(self, report: ImportReport) -> bool:
        if not report.imported:  # the file changed since it was checked: show why
            self._show(report)
            return False
        self.report = report
        return True

    def _show(self, report: ImportReport) -> None:
        self.report = report
        self.headline.setText(_headline(report))
        if report.errors:
            self.table.setModel(ProblemTableModel(report.errors, self.table))
        else:
            self.table.setModel(PreviewTableModel(report.preview, self.table))
        self.table.resizeColumnsToContents()
        _show_rows(
            self.warnings_label, self.warnings_table, ProblemTableModel,
            [] if report.errors else report.warnings,
            f"{count_of(len(report.warnings), 'warning')} about the rows below (organizations "
            "that look already known, characters that cannot be printed). They do not stop "
            "the import; check them:",
        )  # fmt: skip
        self._show_matches(report)
        updates = self.on_match is OnMatch.UPDATE and bool(report.matches)
        self.import_button.setEnabled(report.ok and (report.organizations > 0 or updates))

    def _show_matches(self, report: ImportReport) -> None:
        _show_rows(
            self.matches_label, self.matches_table, MatchTableModel,
            [] if report.errors else report.matches,
            f"{count_of(len(report.matches), 'row')} of {self._path.name} "
            f"{'matches' if len(report.matches) == 1 else 'match'} an organization "
            "already in the register (by tax ID, then name and country, then website "
            "domain):",
        )  # fmt: skip

    # -- buttons -------------------------------------------------------------------------------

    def _on_buttons_accepted(self) -> None:
        if self.busy() or self.report is None or not self.report.ok:
            return
        importing = count_of(self.report.organizations, "organization")
        self.headline.setText(f"Importing {importing}\u2026")
        on_match = self.on_match
        self._start_work(lambda _progress: self._importer.import_csv(self._path, on_match=on_match))


def _show_rows(
    label: QLabel, table: QTableView, model_class: Callable[[Any, Any], Any], rows: Any, text: str
) -> None:
    """Show the rows in the table under the label, or hide both when there are none."""
    if rows:
        label.setText(text)
        table.setModel(model_class(rows, table))
        table.resizeColumnsToContents()
    label.setVisible(bool(rows))
    table.setVisible(bool(rows))


def _table(name: str) -> QTableView:
    table = list_table(name, None, alternate=True, wrap=False)
    # Columns are sized by the first rows, not by all 10,000.
    table.horizontalHeader().setResizeContentsPrecision(200)
    return table


def _headline(report: ImportReport) -> str:
    name = report.path.name
    if report.errors:
        return (
            f"{name} has {count_of(len(report.errors), 'problem')}. Nothing will be imported "
            f"until {'it is' if len(report.errors) == 1 else 'they are'} corrected in the file:"
        )
    if not report.organizations:
        if report.matches:
            return (
                f"Every row of {name} matches an organization already in the register; "
                "nothing new to create."
            )
        return f"{name} has no organizations to import."
    tiers = ", ".join(f"{LABELS.get(k, k.capitalize())}: {n}" for k, n in report.by_tier.items())
    return (
        f"Ready to import {count_of(report.organizations, 'organization')} from {name} ({tiers}). "
        f"Nothing has been written yet; press Import to add "
        f"{'it' if report.organizations == 1 else 'them'}."
    )


def ask_csv_to_import(parent: QWidget | None) -> Path | None:
    """Ask for the CSV file to import; None when cancelled."""
    folder = str(file_dialogs.last_folder("import"))
    chosen, _ = file_dialogs.get_open_file_name(
        parent, "Import organizations", folder, "CSV files (*.csv);;All files (*)"
    )
    if not chosen:
        return None
    path = Path(chosen)
    file_dialogs.remember_folder("import", path.parent)
    return path


def run_import(parent: QWidget | None, context: AppContext) -> bool:
    """Ask for a CSV file, show its report and import it if the user says so.

    Returns:
        True when organizations were imported.
    """
    path = ask_csv_to_import(parent)
    if path is None:
        return False
    dialog = ImportDialog(context.organization_import, path, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if accepted and dialog.report is not None:
        lines = dialog.report.summary().splitlines()
        text = lines[0] + "".join(f"\n{line}" for line in lines if "match the" in line)
        QMessageBox.information(parent, "Import finished", text)
    dialog.deleteLater()
    return accepted
