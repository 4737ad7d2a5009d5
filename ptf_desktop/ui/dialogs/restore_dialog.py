"""Choosing a backup to restore: every backup with its date, reason and size."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...services.database_service import BackupInfo, describe_backup_reason
from ..formatting import format_size
from ..widgets.table_model import RIGHT, Column, ColumnTableModel
from ..widgets.tables import ROWS, list_table


def _backup_columns() -> tuple[Column[BackupInfo], ...]:
    def path(backup: BackupInfo) -> str:
        return str(backup.path)

    return (
        Column("Made", lambda b: f"{b.created.astimezone():%Y-%m-%d %H:%M:%S}", tooltip=path),
        Column("Why", lambda b: describe_backup_reason(b.reason), tooltip=path),
        Column("Size", lambda b: format_size(b.size), align=RIGHT, tooltip=path),
        Column("File", lambda b: b.path.name, tooltip=path),
    )


class BackupTableModel(ColumnTableModel[BackupInfo]):
    """Backups as rows: when made (local time), why, size, file name."""

    CREATED, REASON, SIZE, FILE = range(4)
    COLUMNS = _backup_columns()

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, rows=backups)


class RestoreDialog(QDialog):
    """Lists the backups of the open database; Restore accepts the selected one."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.resize(720, 380)
        intro = QLabel(
            "Choose the backup to restore. The current contents of the database are kept in "
            "a new backup first, so a restore can itself be undone by restoring that copy."
            if backups
            else "There are no backups of this database yet. Use File > Back up now to make one."
        )
        intro.setWordWrap(True)
        self.model = BackupTableModel(backups, self)
        self.table = list_table("backupsTable", self.model, rows=ROWS)
        self.table.horizontalHeader().setSectionResizeMode(
            BackupTableModel.FILE, QHeaderView.ResizeMode.Stretch
        )
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        if backups:
            self.table.selectRow(0)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def selected_backup(self) -> BackupInfo | None:
        """The backup chosen, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def _on_selection_changed(self, *_: object) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)
