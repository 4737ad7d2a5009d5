"""The Organization tab: the form, Save and Revert, and what saving does.

Save validates (the domain), warns about likely duplicates, stores through the service
and pushes an undo command with the before and after values of the changed fields. As
the person types, a warning names any character of a printed field (the legal name, the
address) that no document can print.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMessageBox,
    QScrollArea,
)

from ....domain.errors import UserError, ValidationError
from ....domain.organizations import MembershipRuleError, validate_organization
from ....services.register.organization_records import OrganizationDetails
from .duplicates import confirm_despite_duplicates
from .editor_fields import BLANK, OrganizationForm, raw_values
from .form_widgets import plain
from .register_tab import RegisterTab, named_button
from .undo_commands import (
    CreateOrganizationCommand,
    SaveOrganizationCommand,
)

# A change of these may make the organization look like another one.
IDENTIFYING = ("display_name", "legal_name", "vat_id")


class OrganizationTab(RegisterTab):
    """Form over one organization's own fields (a new one when there is no id yet).

    Signals:
        saved: the fields were stored (argument: the organization's UUID).
    """

    saved = Signal(object)

    def _build(self) -> None:
        self.form = OrganizationForm()
        self.save_button = named_button("Save", "saveButton")
        self.revert_button = named_button("Revert", "revertButton")
        self.status = plain(QLabel())
        self.status.setObjectName("organizationStatus")
        self.print_warning = QLabel()
        self.print_warning.setObjectName("printWarning")
        self.print_warning.setWordWrap(True)
        self.print_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.print_warning.setStyleSheet("color: #a0301c;")
        self.print_warning.hide()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        self._lay_out(
            [scroll, self.print_warning], self.status, (self.revert_button, self.save_button)
        )
        self.form.edited.connect(self._on_form_edited)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.revert_button.clicked.connect(self._on_revert_button_clicked)
        self._update_buttons()

    # -- state ------------------------------------------------------------------------------

    def show_details(self, details: OrganizationDetails) -> None:
        """Show what is stored (keeping the person's edits of fields that did not change)."""
        first = self.organization_id != details.id
        self.organization_id = details.id
        self.form.show_stored(raw_values(details.fields), force=first)
        if first or not self.form.logo.is_changed():  # a logo chosen but not saved stays
            self.form.logo.set_stored(self._context.organizations.logo(details.id))
        self._update_buttons()
        self._update_print_warning()

    def has_pending_changes(self) -> bool:
        """Whether anything typed or chosen is not saved yet."""
        return bool(self.form.pending_changes()) or self.form.logo.is_changed()

    def _update_print_warning(self) -> None:
        warnings = self._context.organizations.unprintable_warnings(self.form.values())
        self.print_warning.setText("\n".join(warnings.values()))
        self.print_warning.setVisible(bool(warnings))

    def _update_buttons(self) -> None:
        dirty = self.has_pending_changes()
        self.save_button.setEnabled(dirty or self.organization_id is None)
        self.revert_button.setEnabled(dirty)
        if not dirty and self.status.text() == "Unsaved changes":
            self.status.clear()

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> bool:
        """Validate and store the form; False (with messages shown) when nothing was stored."""
        try:
            cleaned = raw_values(validate_organization(self.form.values()))
        except ValidationError as error:
            return self._refused(error.field_errors)
        self.form.set_errors({})
        try:
            if self.organization_id is None:
                return self._create(cleaned)
            return self._update(cleaned)
        except MembershipRuleError as error:
            return self._refused({"org_type": str(error)})
        except ValidationError as error:
            return self._refused(error.field_errors)
        except UserError as error:
            QMessageBox.warning(self, "Not saved", str(error))
            return False

    def _create(self, cleaned: dict[str, Any]) -> bool:
        organizations = self._context.organizations
        if not confirm_despite_duplicates(self, organizations.find_duplicates(cleaned)):
            self.status.setText("Not saved.")
            return False
        organization_id = organizations.create(cleaned)
        if self.form.logo.shown is not None:
            organizations.set_logo(organization_id, *self.form.logo.shown)
        command = CreateOrganizationCommand(
            organizations, self._events, organization_id, cleaned["display_name"]
        )
        self._undo_stack.push(command)
        self.status.setText("Saved.")
        self.saved.emit(organization_id)
        return True

    def _update(self, cleaned: dict[str, Any]) -> bool:
        assert self.organization_id is not None
        organizations = self._context.organizations
        stored = self.form.stored
        after = {name: value for name, value in cleaned.items() if value != stored[name]}
        logo_changed = self.form.logo.is_changed()
        if not after and not logo_changed:
            # Retyping a value in another spelling (e.g. "de 136695976") changes nothing.
            self.form.show_stored(stored, force=True)
            self.status.setText("Nothing to save: the stored values are the same.")
            self._update_buttons()
            return True
        if set(after) & set(IDENTIFYING):
            found = organizations.find_duplicates(cleaned, exclude=self.organization_id)
            if not confirm_despite_duplicates(self, found):
                self.status.setText("Not saved.")
                return False
        if after:
            organizations.update(self.organization_id, after)
        logo = (self.form.logo.stored, self.form.logo.shown) if logo_changed else None
        if logo is not None:
            data, mime = logo[1] if logo[1] is not None else (None, "")
            organizations.set_logo(self.organization_id, data, mime)
            self.form.logo.set_stored(logo[1])
        before = {name: stored[name] for name in after}
        command = SaveOrganizationCommand(
            organizations, self._events, self.organization_id, cleaned["display_name"],
            (before, after), logo,
        )  # fmt: skip
        self._undo_stack.push(command)
        self.status.setText("Saved.")
        self.saved.emit(self.organization_id)
        return True

    def _refused(self, errors: dict[str, str]) -> bool:
        self.form.set_errors(errors)
        count = len(errors)
        self.status.setText(f"Not saved: {count} field{'s' if count > 1 else ''} to correct.")
        return False

    # -- slots ------------------------------------------------------------------------------

    def _on_form_edited(self) -> None:
        self._update_buttons()
        self._update_print_warning()
        if self.has_pending_changes():
            self.status.setText("Unsaved changes")

    def _on_save_button_clicked(self) -> None:
        self.submit()

    def submit(self) -> bool:
        """Save as the Save button does (buttons and status follow); whether it was stored."""
        saved = self.save()
        self._update_buttons()
        return saved

    def _on_revert_button_clicked(self) -> None:
        self.revert()

    def revert(self) -> None:
        """Show the stored values again (a new organization's form empties)."""
        self.form.show_stored(self.form.stored if self.organization_id else BLANK, force=True)
        self.form.logo.set_stored(self.form.logo.stored)
        self.status.setText("Reverted to the stored values.")
        self._update_buttons()
        self._update_print_warning()
