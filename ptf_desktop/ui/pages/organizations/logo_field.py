"""The logo of an organization in its form: a preview, Choose… and Remove.

The chosen image is only shown until the form is saved; saving stores it with the
fields, so Revert and Undo treat it like any other field.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import file_dialogs

Logo = tuple[bytes, str] | None

MIME_BY_SUFFIX = {
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
MAX_LOGO_BYTES = 5 * 1024 * 1024  # a marketing logo, not a photo shoot


class LogoField(QWidget):
    """Preview and buttons for an organization's logo.

    Signals:
        edited: a logo was chosen or removed (not saved yet).
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stored: Logo = None
        self.shown: Logo = None
        self.preview = QLabel()
        self.preview.setObjectName("logoPreview")
        self.preview.setFixedSize(180, 90)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setObjectName("chooseLogoButton")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("removeLogoButton")
        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # file names are not markup
        self.error_label.setObjectName("error_logo")
        self.error_label.setProperty("role", "fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        row.addLayout(buttons)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self._show()

    def is_changed(self) -> bool:
        """Whether the shown logo differs from the stored one."""
        return self.shown != self.stored

    def set_stored(self, logo: Logo) -> None:
        """Show the stored logo (dropping a choice not saved)."""
        self.stored = self.shown = logo
        self._set_error("")
        self._show()

    def load_file(self, path: Path) -> bool:
        """Show an image file as the new logo; a refused file is explained instead."""
        mime = MIME_BY_SUFFIX.get(path.suffix.lower())
        if mime is None:
            return self._set_error("A logo must be a PNG, JPEG or SVG image.")
        try:
            data = path.read_bytes()
        except OSError as error:
            return self._set_error(f"Cannot read {path.name}: {error.strerror or error}")
        if len(data) > MAX_LOGO_BYTES:
            return self._set_error(f"{path.name} is larger than 5 MB; use a smaller image.")
        if not QPixmap().loadFromData(data):
            return self._set_error(f"{path.name} is not an image that can be shown.")
        self.shown = (data, mime)
        self._set_error("")
        self._show()
        self.edited.emit()
        return True

    def _set_error(self, message: str) -> bool:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        return not message

    def _show(self) -> None:
        self.remove_button.setEnabled(self.shown is not None)
        if self.shown is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText("No logo")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(self.shown[0])
        self.preview.setPixmap(
            pixmap.scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _on_choose_button_clicked(self) -> None:
        folder = str(file_dialogs.last_folder("logo", Path.home()))
        chosen, _ = file_dialogs.get_open_file_name(
            self, "Choose a logo", folder, "Images (*.png *.svg *.jpg *.jpeg)"
        )
        if chosen:
            file_dialogs.remember_folder("logo", Path(chosen).parent)
            self.load_file(Path(chosen))

    def _on_remove_button_clicked(self) -> None:
        self.shown = None
        self._show()
        self.edited.emit()
