"""The fields of an organization as a form: editors, labels and a message under each.

The domain validates; the form only shows what it says, field by field, when the
person leaves a field they changed and again on Save.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ....domain.errors import ValidationError
from ....domain.iso_choices import country_choices
from ....domain.organizations import (
    LABELS,
    ORGANIZATION_FIELD_LABELS,
    LFMembership,
    OrganizationFields,
    OrgType,
    validate_organization,
)
from ...widgets.choices import choice_combo
from ...widgets.form_field import FormField
from .logo_field import LogoField

LEFT = ("display_name", "legal_name", "org_type", "employees", "lf_membership", "website")
RIGHT = (
    "address_line1", "address_line2", "city", "region", "postal_code", "country", "vat_id",
)  # fmt: skip
PLACEHOLDERS = {
    "display_name": "as people call it, e.g. Example Labs",
    "legal_name": "exactly as on the membership agreement (any script)",
    "employees": "consolidated: parent, subsidiaries and sisters",
    "vat_id": "checked against the country's rule",
    "website": "https://example.org",
}
# The form's labels where the full name would make the form too wide (it is the tooltip).
SHORT_LABELS = {"lf_membership": "LF membership"}
BLANK: dict[str, Any] = {
    **{name: "" for name in ORGANIZATION_FIELD_LABELS},
    "org_type": OrgType.COMMERCIAL.value,
    "lf_membership": LFMembership.NONE.value,
    "founding_member": False,
}


def raw_values(fields: OrganizationFields) -> dict[str, Any]:
    """Stored fields in the form the form and the service take ("" for unknown)."""
    return {
        name: "" if value is None else getattr(value, "value", value)
        for name, value in asdict(fields).items()
    }


class OrganizationForm(QWidget):
    """Every field of an organization, the logo, and the messages about them.

    Signals:
        edited: the person changed a field or the logo.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = {name: self._make_field(name) for name in LEFT + RIGHT}
        self.founding_member = QCheckBox("Founding member (September 2022)")
        self.founding_member.setObjectName("field_founding_member")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("field_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(72)
        self.logo = LogoField()
        self.stored: dict[str, Any] = dict(BLANK)
        self._touched: set[str] = set()
        self._lay_out()
        self.founding_member.toggled.connect(self._on_founding_member_toggled)
        self.notes.textChanged.connect(self._on_notes_text_changed)
        self.logo.edited.connect(self.edited)
        self.show_stored(dict(BLANK), force=True)

    def _make_field(self, name: str) -> FormField:
        editor: QLineEdit | QComboBox
        if name == "org_type":
            editor = choice_combo([(LABELS[kind.value], kind.value) for kind in OrgType])
        elif name == "lf_membership":
            editor = choice_combo([(LABELS[level.value], level.value) for level in LFMembership])
        elif name == "country":
            editor = choice_combo([("Choose a country…", ""), *country_choices()])
            # Sized for most names, not the longest: the form then fits a 1024-pixel window.
            editor.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            editor.setMinimumContentsLength(20)
        else:
            editor = QLineEdit()
            editor.setPlaceholderText(PLACEHOLDERS.get(name, ""))
        text = SHORT_LABELS.get(name, ORGANIZATION_FIELD_LABELS[name])
        field = FormField(name, text, editor, self)
        field.error_label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what was typed
        editor.setToolTip(ORGANIZATION_FIELD_LABELS[name])
        field.edited.connect(lambda: self._on_field_edited(name))
        field.left.connect(lambda: self._on_field_left(name))
        return field

    def _lay_out(self) -> None:
        columns = QHBoxLayout()
        columns.setSpacing(24)
        for title, names in (("Organization", LEFT), ("Address and tax", RIGHT)):
            grid = QGridLayout()
            grid.setColumnStretch(1, 1)
            grid.setColumnMinimumWidth(1, 220)
            grid.setVerticalSpacing(6)
            heading = QLabel(title)
            heading.setObjectName("sectionTitle")
            grid.addWidget(heading, 0, 0, 1, 2)
            for row, name in enumerate(names, start=1):
                label, editor, error = self.fields[name].widgets()
                _add_row(grid, row, label, _stacked(editor, error))
            row = len(names) + 1
            if names is LEFT:
                grid.addWidget(self.founding_member, row, 1)
                logo_label = QLabel("Logo:")
                logo_label.setBuddy(self.logo.choose_button)
                _add_row(grid, row + 1, logo_label, self.logo)
            grid.setRowStretch(row + 2, 1)
            columns.addLayout(grid, 1)
        notes_label = QLabel(f"{ORGANIZATION_FIELD_LABELS['notes']}:")
        notes_label.setBuddy(self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes)

    # -- values -----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The fields as typed (not validated)."""
        values = {name: field.value() for name, field in self.fields.items()}
        values["founding_member"] = self.founding_member.isChecked()
        values["notes"] = self.notes.toPlainText()
        return values

    def show_stored(self, stored: Mapping[str, Any], force: bool = False) -> None:
        """Show stored values, keeping what the person typed in fields stored unchanged.

        A field's editor is overwritten only when its stored value changed (or with
        ``force``), so adding a contact does not wipe an unsaved edit of the address.
        """
        for name, value in stored.items():
            if not force and self.stored.get(name) == value:
                continue
            self._set_shown(name, value)
            self._touched.discard(name)
            if name in self.fields:
                self.fields[name].set_error(None)
        self.stored = dict(stored)

    def _set_shown(self, name: str, value: Any) -> None:
        editors: list[QWidget] = [self.founding_member, self.notes]
        editors += [field.editor for field in self.fields.values()]
        for editor in editors:
            editor.blockSignals(True)  # showing stored values is not an edit
        if name == "founding_member":
            self.founding_member.setChecked(bool(value))
        elif name == "notes":
            self.notes.setPlainText(str(value))
        else:
            self.fields[name].set_value(value)
            line = self.fields[name].editor
            if isinstance(line, QLineEdit):
                line.setCursorPosition(0)  # a long name shows its start, not its end
        for editor in editors:
            editor.blockSignals(False)

    def pending_changes(self) -> dict[str, Any]:
        """The fields whose shown value differs from the stored one, as typed."""
        return {
            name: value
            for name, value in self.values().items()
            if str(value).strip() != str(self.stored[name])
        }

    def set_errors(self, errors: Mapping[str, str]) -> None:
        """Show these messages next to their fields and clear the others."""
        for name, field in self.fields.items():
            field.set_error(self._message(name, errors.get(name)))

    def _message(self, name: str, message: str | None) -> str | None:
        if message and name == "country" and not self.fields["country"].value():
            return "Choose the country."  # rather than "'' is not an ISO 3166 country code"
        return message

    def _check(self, names: tuple[str, ...]) -> None:
        try:
            validate_organization(self.values())
        except ValidationError as error:
            for name in names:
                self.fields[name].set_error(self._message(name, error.field_errors.get(name)))
        else:
            for name in names:
                self.fields[name].set_error(None)

    # -- slots ------------------------------------------------------------------------------

    def _on_field_edited(self, name: str) -> None:
        self._touched.add(name)
        if name == "country" and self.fields["vat_id"].value().strip():
            self._check(("vat_id",))  # a VAT ID is valid only for its country
        self.edited.emit()

    def _on_field_left(self, name: str) -> None:
        if name in self._touched:  # tabbing through an empty new form is not a mistake
            self._check((name,))

    def _on_founding_member_toggled(self) -> None:
        self.edited.emit()

    def _on_notes_text_changed(self) -> None:
        self.edited.emit()


def _stacked(editor: QWidget, error: QLabel) -> QWidget:
    """An editor with its message right under it (no gap while there is no message)."""
    cell = QWidget()
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(editor)
    layout.addWidget(error)
    return cell


def _add_row(grid: QGridLayout, row: int, label: QWidget, cell: QWidget) -> None:
    """A label level with the first line of its cell, whatever shows under it."""
    if isinstance(label, QLabel):
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    label.setMinimumHeight(28)
    grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(cell, row, 1)
