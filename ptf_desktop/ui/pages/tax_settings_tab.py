"""The "Invoices and tax" tab of the Settings page: tax wording, Factur-X and the tax ID.

The tax and document settings (default tax rate, exemption and reverse-charge wording,
the Factur-X switch) are stored by the document settings service; the foundation's tax
ID, which a Factur-X e-invoice must carry, is a foundation setting shown here as well, so
a person sees together everything that decides what an invoice says about tax. Save
validates every field first and stores nothing when one is refused; Revert shows the
stored values; each save is an undoable step.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.billing.tax_settings import (
    DOCUMENT_SETTING_LABELS,
    DocumentSettings,
    validate_document_settings,
)
from ...domain.errors import ValidationError
from ...domain.foundation_settings import validate_settings
from ...services.billing.document_settings_service import DocumentSettingsService
from ...services.errors import DatabaseProblem
from ..settings_store import SavedChangeCommand, SaveSettingsCommand, SettingsStore
from ..widgets.form_field import FormField, show_stored, show_unsaved

# The order of the form; "tax_id" is the foundation setting, the rest document settings.
FIELDS = (
    "default_tax_rate",
    "tax_exemption_wording",
    "reverse_charge_enabled",
    "reverse_charge_wording",
    "facturx_enabled",
    "tax_id",
)
SWITCHES = ("reverse_charge_enabled", "facturx_enabled")
PLACEHOLDERS = {
    "default_tax_rate": "0 for no tax (a US non-profit charges none)",
    "tax_exemption_wording": "e.g. Not subject to sales tax (US 501(c)(6) organization)",
    "reverse_charge_wording": "printed for EU buyers with a VAT ID when no tax is charged",
    "tax_id": "e.g. 46-0825839 (US EIN) or a VAT number",
}
HELP = (
    "What invoices, quotes and credit notes print about tax. When no tax is charged, the "
    "exemption wording is printed, or the reverse-charge wording for a buyer with an EU VAT "
    "ID when that is switched on. Documents already issued keep what they printed."
)
FACTURX_NEEDS_TAX_ID = (
    "Factur-X e-invoices need the foundation's tax ID: invoices cannot be issued until it "
    "is entered, or Factur-X is switched off."
)


class TaxSettingsTab(QWidget):
    """Form over the document settings and the foundation's tax ID."""

    def __init__(
        self,
        service: DocumentSettingsService,
        store: SettingsStore,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("taxSettingsTab")
        self._service = service
        self._store = store
        self._undo_stack = undo_stack
        self.current: DocumentSettings = service.load()
        self.fields = {name: self._make_field(name) for name in FIELDS}
        self.facturx_note = QLabel(FACTURX_NEEDS_TAX_ID)
        self.facturx_note.setObjectName("facturxNote")
        self.facturx_note.setProperty("role", "fieldError")
        self.facturx_note.setWordWrap(True)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("taxSettingsSave")
        self.revert_button = QPushButton("Revert")
        self.revert_button.setObjectName("taxSettingsRevert")
        self.status = QLabel()
        self.status.setObjectName("taxSettingsStatus")
        self._lay_out()
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.revert_button.clicked.connect(self._on_revert_button_clicked)
        store.changed.connect(self._on_store_changed)
        self.show_stored()

    def _make_field(self, name: str) -> FormField:
        editor: QLineEdit | QCheckBox
        if name in SWITCHES:
            editor = QCheckBox(DOCUMENT_SETTING_LABELS[name])
        else:
            editor = QLineEdit()
            editor.setPlaceholderText(PLACEHOLDERS.get(name, ""))
        label = "Foundation's tax ID" if name == "tax_id" else DOCUMENT_SETTING_LABELS[name]
        field = FormField(name, label, editor, self)
        # Distinct names: the Foundation tab has a "field_tax_id" of its own.
        editor.setObjectName(f"taxField_{name}")
        field.error_label.setObjectName(f"taxError_{name}")
        field.edited.connect(self._on_field_edited)
        field.left.connect(lambda: self._check_field(field))
        return field

    def _lay_out(self) -> None:
        explanation = QLabel(HELP)
        explanation.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(1, 420)
        for row, name in enumerate(FIELDS):
            label, editor, error = self.fields[name].widgets()
            if name in SWITCHES:
                self.fields[name].label.setText("")  # the check box carries its own text
            grid.addWidget(label, row * 2, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(editor, row * 2, 1)
            grid.addWidget(error, row * 2 + 1, 1)
        grid.addWidget(self.facturx_note, len(FIELDS) * 2, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addLayout(buttons)

    # -- state ------------------------------------------------------------------------------

    def stored_values(self) -> dict[str, Any]:
        """The stored value of every field of the form."""
        values = asdict(self.current)
        values["default_tax_rate"] = str(self.current.default_tax_rate)
        values["tax_id"] = self._store.current.tax_id
        return {name: values[name] for name in FIELDS}

    def show_stored(self) -> None:
        """Show the stored settings (after loading, saving, reverting or an undo)."""
        show_stored(self.fields, self.stored_values())
        self._update_state()

    def pending_changes(self) -> dict[str, Any]:
        """The fields whose shown value differs from the stored one, with the shown value."""
        stored = self.stored_values()
        changes: dict[str, Any] = {}
        for name, field in self.fields.items():
            value = field.value()
            same = value == stored[name] if name in SWITCHES else str(value).strip() == stored[name]
            if not same:
                changes[name] = value
        return changes

    def _update_state(self) -> None:
        dirty = bool(self.pending_changes())
        show_unsaved(dirty, self.save_button, self.revert_button, self.status)
        facturx = self.fields["facturx_enabled"].value()
        self.facturx_note.setVisible(facturx and not str(self.fields["tax_id"].value()).strip())
        self.fields["reverse_charge_wording"].editor.setEnabled(
            self.fields["reverse_charge_enabled"].value()
        )

    def _errors(self, changes: dict[str, Any]) -> dict[str, str]:
        """What is wrong with the changed values (field name to message)."""
        errors: dict[str, str] = {}
        documents = {name: value for name, value in changes.items() if name != "tax_id"}
        try:
            validate_document_settings(self.current, documents)
        except ValidationError as error:
            errors.update(error.field_errors)
        if "tax_id" in changes:
            try:
                validate_settings(self._store.current, {"tax_id": changes["tax_id"]})
            except ValidationError as error:
                errors.update(error.field_errors)
        return errors

    def _check_field(self, field: FormField) -> None:
        """Validate one field when the user leaves it, so mistakes show before saving."""
        field.set_error(self._errors({field.name: field.value()}).get(field.name))
        self._update_state()

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> bool:
        """Store the changed fields (all or none); False and messages when one is refused."""
        changes = self.pending_changes()
        errors = self._errors(changes)
        for name, field in self.fields.items():
            field.set_error(errors.get(name))
        if errors:
            count = len(errors)
            self.status.setText(f"Not saved: {count} field{'s' if count > 1 else ''} to correct.")
            return False
        documents = {name: value for name, value in changes.items() if name != "tax_id"}
        before_documents, before_foundation = self.current, self._store.current
        try:
            if documents:
                self.current = self._service.save(documents)
            if "tax_id" in changes:
                self._store.save({"tax_id": changes["tax_id"]})
        except (ValidationError, DatabaseProblem) as problem:
            QMessageBox.critical(self, "Settings not saved", str(problem))
            self.current = self._service.load()
            self.show_stored()
            return False
        commands: list[QUndoCommand] = []
        if self.current != before_documents:
            commands.append(SaveDocumentSettingsCommand(self, before_documents, self.current))
        if self._store.current != before_foundation:
            commands.append(
                SaveSettingsCommand(self._store, before_foundation, self._store.current)
            )
        if len(commands) > 1:  # one step to undo, as it was one click to save
            self._undo_stack.beginMacro("invoice and tax settings change")
        for command in commands:
            self._undo_stack.push(command)
        if len(commands) > 1:
            self._undo_stack.endMacro()
        self.show_stored()
        self.status.setText("Saved.")
        return True

    def store_documents(self, values: dict[str, Any]) -> None:
        """Store document settings (for undo and redo) and show them."""
        self.current = self._service.save(values)
        self.show_stored()

    # -- slots ------------------------------------------------------------------------------

    def _on_field_edited(self) -> None:
        self._update_state()

    def _on_save_button_clicked(self) -> None:
        self.save()

    def _on_revert_button_clicked(self) -> None:
        self.current = self._service.load()
        self.show_stored()
        self.status.setText("Reverted to the stored settings.")

    def _on_store_changed(self, _settings: object) -> None:
        # The tax ID may have changed on the Foundation settings tab, or by an undo.
        pending = self.pending_changes()
        self.show_stored()
        for name, value in pending.items():
            if name != "tax_id":  # keep what is being typed here
                self.fields[name].set_value(value)
        self._update_state()


class SaveDocumentSettingsCommand(SavedChangeCommand):
    """An applied change of the document settings, undone by storing the previous values."""

    def __init__(
        self, tab: TaxSettingsTab, before: DocumentSettings, after: DocumentSettings
    ) -> None:
        old, new = _as_values(before), _as_values(after)
        changed = [name for name in old if old[name] != new[name]]
        super().__init__(
            f"settings change ({', '.join(DOCUMENT_SETTING_LABELS[n] for n in changed)})",
            old,
            new,
        )
        self._tab = tab

    def _save(self, values: dict[str, Any]) -> None:
        self._tab.store_documents(values)


def _as_values(settings: DocumentSettings) -> dict[str, Any]:
    values = asdict(settings)
    values["default_tax_rate"] = str(settings.default_tax_rate)
    return values
