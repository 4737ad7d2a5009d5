"""Ask for the year, the folder and whether to zip, before a year's batch runs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ... import file_dialogs
from ...widgets.dialog_buttons import Standard, dialog_buttons


class YearBatchDialog(QDialog):
    """Year, destination folder and "one zip file"; OK needs a folder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Certificates for a year")
        self.year = QSpinBox()
        self.year.setRange(1990, 2200)
        self.year.setValue(date.today().year)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText("Folder to write the certificates to")
        browse = QPushButton("Choose…")
        self.as_zip = QCheckBox("Write one zip file")
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.buttons = dialog_buttons(self, Standard.Ok, text="Issue and export")
        self.ok_button = self.buttons.button(Standard.Ok)
        self.ok_button.setEnabled(False)
        form = QFormLayout(self)
        form.addRow("Membership year", self.year)
        form.addRow("Folder", row)
        form.addRow("", self.as_zip)
        form.addRow(self.buttons)
        browse.clicked.connect(self._on_browse_clicked)
        self.folder.textChanged.connect(self._on_folder_text_changed)

    def chosen_folder(self) -> Path:
        """The folder typed or chosen."""
        return Path(self.folder.text().strip())

    def _on_browse_clicked(self) -> None:
        chosen = file_dialogs.get_existing_directory(self, "Folder for the certificates")
        if chosen:
            self.folder.setText(chosen)

    def _on_folder_text_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))
