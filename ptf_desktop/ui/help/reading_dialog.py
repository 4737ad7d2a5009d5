"""A help dialog: something to read filling it, and Close."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget


class ReadingDialog(QDialog):
    """One widget to read, as large as the dialog, above a Close button."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)

    def _show_content(self, content: QWidget, width: int, height: int) -> None:
        """Lay out ``content`` over Close, in a dialog of ``width`` by ``height``."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)  # a dialog closed this way is rejected
        layout = QVBoxLayout(self)
        layout.addWidget(content, 1)
        layout.addWidget(buttons)
        self.resize(width, height)
