"""Export… on the Organizations page: ask for a CSV or Excel file and write the list there.

The organizations exported are those the list shows: the same search, filters and order.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ....services.context import AppContext
from ....services.errors import DatabaseProblem, UserError
from ....services.register.organization_records import OrganizationQuery
from ... import file_dialogs
from .display import format_count

_CSV = "CSV files (*.csv)"
_XLSX = "Excel workbooks (*.xlsx)"


def ask_export_path(parent: QWidget | None) -> Path | None:
    """Ask where to save the export; None when cancelled. The suffix picks the format."""
    folder = file_dialogs.last_folder("export")
    chosen, chosen_filter = file_dialogs.get_save_file_name(
        parent, "Export organizations", str(folder / "organizations.csv"), f"{_CSV};;{_XLSX}"
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (".csv", ".xlsx"):  # some platforms add no suffix
        path = path.with_name(path.name + (".xlsx" if chosen_filter == _XLSX else ".csv"))
    file_dialogs.remember_folder("export", path.parent)
    return path


def export_organizations(parent: QWidget, context: AppContext, query: OrganizationQuery) -> None:
    """Ask for a file, export the organizations matching query there and say how many."""
    path = ask_export_path(parent)
    if path is None:
        return
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        count = context.organization_export.export(query, path)
    except (UserError, DatabaseProblem, OSError) as problem:
        QApplication.restoreOverrideCursor()
        QMessageBox.critical(
            parent, "Export failed", f"The organizations could not be exported.\n\n{problem}"
        )
        return
    QApplication.restoreOverrideCursor()
    noun = "organization" if count == 1 else "organizations"
    QMessageBox.information(
        parent, "Export finished", f"Exported {format_count(count)} {noun} to {path}."
    )
