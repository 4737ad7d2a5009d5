"""Help > About: versions of the app and its libraries, and where its files are."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ... import APP_NAME, __version__
from ...paths import AppPaths
from ...resources import resource_path
from ...services.context import AppContext
from ...services.database_service import backup_folder, schema_version_of_app

_LIBRARIES = ("SQLAlchemy", "alembic", "reportlab", "platformdirs", "python-stdnum")


def _library_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


class AboutDialog(QDialog):
    """Versions and data paths, selectable so they can be pasted into a support request."""

    def __init__(self, context: AppContext, paths: AppPaths, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        icon = QLabel()
        icon.setPixmap(QIcon(str(resource_path("icons/app.svg"))).pixmap(64, 64))
        rows = [
            ("Version", __version__),
            ("Python", platform.python_version()),
            ("Qt / PySide6", f"{qVersion()} / {PySide6.__version__}"),
            *((name, _library_version(name)) for name in _LIBRARIES),
            ("Database", str(context.path)),
            ("Schema version", str(schema_version_of_app())),
            ("Backups", str(backup_folder(context.path))),
            ("Data folder", str(paths.data_dir)),
            ("Log folder", str(paths.log_dir)),
        ]
        table = "".join(
            f"<tr><td><b>{_escape(key)}</b>&nbsp;&nbsp;</td><td>{_escape(value)}</td></tr>"
            for key, value in rows
        )
        self.details = QLabel(
            f"<h2>{APP_NAME}</h2><p>Member register, renewals, invoices and certificates "
            f"for the PyTorch Foundation.</p><table>{table}</table>"
        )
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(self.details)
        layout.addWidget(buttons)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
