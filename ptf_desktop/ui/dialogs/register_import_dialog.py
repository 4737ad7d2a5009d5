"""File > Import another register…: bring in the organizations of another database.

The dialog lists the organizations of the other register that match one of this (by
tax ID, then name and country, then website domain) and, for each, what will happen:
merged into the matching one (the default), kept as a second record, or skipped. The
person changes it for the selected rows with the buttons under the list. Nothing is
written until Import is pressed; the organizations without a match are created.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.wording import count_of
from ...services.context import AppContext
from ...services.register.register_import import (
    OtherOrganization,
    RegisterDecision,
    RegisterImport,
    RegisterImportResult,
    RegisterPreview,
)
from .. import file_dialogs
from ..widgets.message_boxes import exec_and_release, result_or_warning
from ..widgets.table_model import Column, ColumnTableModel
from ..widgets.tables import MANY_ROWS, list_table

DECISION_WORDS = {
    RegisterDecision.MERGE: "Merge into this register's record",
    RegisterDecision.KEEP: "Keep both",
    RegisterDecision.SKIP: "Skip",
}


class RegisterMatchModel(ColumnTableModel[OtherOrganization]):
    """The other register's organizations that match one here, with the decision for each."""

    DECISION = 3

    def __init__(
        self,
        rows: tuple[OtherOrganization, ...],
        decisions: dict[uuid.UUID, RegisterDecision],
        parent: QObject | None = None,
    ) -> None:
        self.decisions = decisions
        columns: tuple[Column[OtherOrganization], ...] = (
            Column("In the other register", lambda o: o.name, tooltip=lambda o: o.name),
            Column("In this register", lambda o: o.match_name, tooltip=lambda o: o.match_name),
            Column("Matched by", lambda o: str(o.rule or "")),
            Column("What happens", lambda o: DECISION_WORDS[self.decisions[o.id]]),
        )
        super().__init__(columns, parent=parent, rows=rows)

    def decide(self, rows: list[int], decision: RegisterDecision) -> None:
        """Set the decision of some rows and show it."""
        for row in rows:
            self.decisions[self.record_at(row).id] = decision
            index = self.index(row, self.DECISION)
            self.dataChanged.emit(index, index)


class RegisterImportDialog(QDialog):
    """The matches of another register, a decision for each, then the import.

    Signals:
        imported(object): the RegisterImportResult; the dialog then accepts.
    """

    imported = Signal(object)

    def __init__(
        self, service: RegisterImport, preview: RegisterPreview, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registerImportDialog")
        self.setWindowTitle(f"Import another register \u2013 {preview.path.name}")
        self._service = service
        self._preview = preview
        self.result_of_import: RegisterImportResult | None = None
        self.decisions = {o.id: RegisterDecision.MERGE for o in preview.matches}
        self.model = RegisterMatchModel(preview.matches, self.decisions, self)
        self.headline = QLabel(_headline(preview))
        self.headline.setObjectName("registerImportHeadline")
        self.headline.setWordWrap(True)
        self.table = list_table("registerMatchesTable", self.model, rows=MANY_ROWS)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(preview.matches))
        choices = QHBoxLayout()
        self.choice_buttons: dict[RegisterDecision, QPushButton] = {}
        for decision, text in (
            (RegisterDecision.MERGE, "Merge"), (RegisterDecision.KEEP, "Keep both"),
            (RegisterDecision.SKIP, "Skip"),
        ):  # fmt: skip
            button = QPushButton(text)
            button.setToolTip(f"For the selected rows: {DECISION_WORDS[decision].lower()}")
            button.clicked.connect(lambda _=False, d=decision: self._decide(d))
            button.setVisible(bool(preview.matches))
            choices.addWidget(button)
            self.choice_buttons[decision] = button
        choices.addStretch(1)
        note = QLabel(
            "Invoices, quotes, credit notes, payments and certificates stay in the other "
            "register: their numbers belong to its number series."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(bool(preview.organizations))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)
        layout.addLayout(choices)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(860, 480)

    def _decide(self, decision: RegisterDecision) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        self.model.decide(rows, decision)

    def _on_buttons_accepted(self) -> None:
        result = result_or_warning(
            self, "Nothing was imported",
            lambda: self._service.import_register(self._preview.path, dict(self.decisions)),
        )  # fmt: skip
        if result is None:
            return
        self.result_of_import = result
        self.imported.emit(result)
        self.accept()


def _headline(preview: RegisterPreview) -> str:
    name = preview.path.name
    if not preview.organizations:
        return f"{name} holds no organizations."
    new = count_of(len(preview.new), "organization")
    if not preview.matches:
        return f"No organization of {name} is in this register yet; Import creates all {new}."
    matches = count_of(len(preview.matches), "organization")
    verb = "matches" if len(preview.matches) == 1 else "match"
    created = f"{new} without a match will be created" if preview.new else "None is new"
    return (
        f"{matches} of {name} {verb} one already in this register. Choose for each what "
        f"happens (select rows, then Merge, Keep both or Skip). {created}. Nothing has "
        "been written yet."
    )


def import_another_register(parent: QWidget, context: AppContext) -> RegisterImportResult | None:
    """Ask for the other database, show its matches and import it if the person says so."""
    folder = str(file_dialogs.last_folder("register"))
    chosen, _ = file_dialogs.get_open_file_name(
        parent, "Import another register", folder,
        "PTF Desktop databases (*.sqlite *.db);;All files (*)",
    )  # fmt: skip
    if not chosen:
        return None
    path = Path(chosen)
    file_dialogs.remember_folder("register", path.parent)
    service = RegisterImport(context.factories, context.path)
    preview = result_or_warning(
        parent, "Cannot import this register", lambda: service.preview(path)
    )
    if preview is None:
        return None
    dialog = RegisterImportDialog(service, preview, parent)
    return exec_and_release(dialog, lambda shown: shown.result_of_import)
