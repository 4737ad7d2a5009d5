"""The duplicate warning: organizations that look like the one being saved."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ....services.register.organization_records import OrganizationRow
from .record_table import label


def describe(row: OrganizationRow) -> str:
    """One line about a possible duplicate: names, country, VAT ID and membership."""
    parts = [row.display_name]
    if row.legal_name and row.legal_name != row.display_name:
        parts.append(f"({row.legal_name})")
    parts.append(f"— {row.country}")
    if row.vat_id:
        parts.append(f"· VAT ID {row.vat_id}")
    membership = f"{label(row.tier)} member" if row.tier else ""
    parts.append(f"· {label(row.status)} {membership}".rstrip())
    return " ".join(parts)


def confirm_despite_duplicates(parent: QWidget, rows: Sequence[OrganizationRow]) -> bool:
    """Ask whether to save although similar organizations exist; True when there are none."""
    if not rows:
        return True
    box = QMessageBox(parent)
    box.setObjectName("duplicateWarning")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Possible duplicate")
    box.setTextFormat(Qt.TextFormat.PlainText)  # names like "R&D <b>Labs</b>" stay as typed
    lines = "\n".join(f"• {describe(row)}" for row in rows)
    box.setText(
        "The register already has an organization with the same name or VAT ID:\n\n"
        f"{lines}\n\nSave anyway?"
    )
    save = box.addButton("Save anyway", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is save
