"""Possible duplicates: organizations of the register that look like the same one.

Two people working offline can create the same organization; after a sync both records
are in every register. This list shows each pair that a matching rule finds (by tax ID,
then name and country, then website domain), and Review… opens the merge tool for it.
The register is read in a worker: at 100,000 organizations it takes a moment.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ....domain.wording import count_of
from ....services.register.merging import DuplicatePair, MergeService
from ...tasks import Task, run_task
from ...widgets.table_model import Column, ColumnTableModel
from ...widgets.tables import ROWS, list_table
from .merge_dialog import open_merge


class DuplicatePairModel(ColumnTableModel[DuplicatePair]):
    """Pairs of likely duplicates, one per row."""

    COLUMNS = (
        Column("Organization", lambda p: p.first_name, tooltip=lambda p: p.first_name),
        Column("Looks like", lambda p: p.second_name, tooltip=lambda p: p.second_name),
        Column("Country", lambda p: p.country),
        Column("Matched by", lambda p: str(p.rule)),
    )

    def __init__(self, rows: list[DuplicatePair], parent: QObject | None = None) -> None:
        super().__init__(parent=parent, rows=tuple(rows))


class DuplicatesDialog(QDialog):
    """The list of possible duplicates, each opening the merge tool.

    Signals:
        loaded(): the list was read (again).
        merged(object): a MergeResult, after a pair was merged from here.
    """

    loaded = Signal()
    merged = Signal(object)

    def __init__(self, service: MergeService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle("Possible duplicates")
        self._service = service
        self._task: Task | None = None
        self.pairs: list[DuplicatePair] = []
        self.headline = QLabel("Looking for organizations recorded twice…")
        self.headline.setWordWrap(True)
        self.table = list_table("duplicatesTable", None, rows=ROWS)
        self.table.setModel(DuplicatePairModel([], self.table))
        self.table.activated.connect(self._on_table_activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.review_button = buttons.addButton("Review…", QDialogButtonBox.ButtonRole.ActionRole)
        self.review_button.setEnabled(False)
        self.review_button.clicked.connect(self._on_review_button_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self.reload()

    def reload(self) -> None:
        """Read the pairs again (in a worker)."""
        self.review_button.setEnabled(False)
        self._task = run_task(lambda _progress: self._service.possible_duplicates())
        self._task.succeeded.connect(self._on_task_succeeded)
        self._task.failed.connect(self._on_task_failed)

    def _on_task_succeeded(self, pairs: list[DuplicatePair]) -> None:
        self.pairs = pairs
        self.table.setModel(DuplicatePairModel(pairs, self.table))
        self.table.resizeColumnsToContents()
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        if pairs:
            verb = "looks" if len(pairs) == 1 else "look"
            self.headline.setText(
                f"{count_of(len(pairs), 'pair')} of organizations {verb} like the same one. "
                "Review a pair to merge it, or leave it if they are different."
            )
            self.table.selectRow(0)
        else:
            self.headline.setText("No organization seems to be recorded twice.")
        self.loaded.emit()

    def _on_task_failed(self, message: str) -> None:
        self.headline.setText(f"The register cannot be read: {message}")

    def _on_selection_changed(self, *_args: object) -> None:
        self.review_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _on_table_activated(self, *_args: object) -> None:
        self._on_review_button_clicked()

    def _on_review_button_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        pair = self.pairs[rows[0].row()]
        result = open_merge(self, self._service, pair.first_id, pair.second_id)
        if result is not None:
            self.merged.emit(result)
            self.reload()

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.wait()
        super().done(result)
