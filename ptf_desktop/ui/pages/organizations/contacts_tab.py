"""The Contacts tab: the people at an organization and their roles.

Adding, editing and removing a contact are single undoable steps.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ....domain.organizations import LABELS, ContactFields, ContactRole, validate_contact
from ....services.register.organization_records import ContactRecord, OrganizationDetails
from .form_dialog import FormDialog, Submit
from .form_widgets import RoleChecks, plain, set_value_of
from .record_table import Column
from .register_tab import RecordListTab, named_button
from .undo_commands import (
    AddContactCommand,
    EditContactCommand,
    RemoveContactCommand,
)


def roles_text(roles: frozenset[ContactRole]) -> str:
    """The roles in their usual order, as people call them."""
    return ", ".join(LABELS[role.value] for role in ContactRole if role in roles)


def contact_values(fields: ContactFields) -> dict[str, Any]:
    """A contact's fields in the form the dialog and the service take."""
    values = asdict(fields)
    values["roles"] = sorted(role.value for role in fields.roles)
    return values


CONTACT_COLUMNS: tuple[Column[ContactRecord], ...] = (
    Column("Name", lambda c: c.fields.name),
    Column("E-mail", lambda c: c.fields.email),
    Column("Phone", lambda c: c.fields.phone),
    Column("Job title", lambda c: c.fields.job_title),
    Column("Roles", lambda c: roles_text(c.fields.roles)),
)


def contact_dialog(parent: QWidget, title: str, accept_text: str, submit: Submit) -> FormDialog:
    """The small form of one contact, with a check box per role.

    The name and the e-mail address are checked as the person leaves them, as Settings
    checks its fields, so a mistyped address is explained before OK is pressed.
    """
    dialog = FormDialog(title, accept_text, submit, parent)
    dialog.setObjectName("contactDialog")
    dialog.add_field("name", "Name", QLineEdit())
    email = dialog.add_field("email", "E-mail", QLineEdit())
    assert isinstance(email, QLineEdit)
    email.setPlaceholderText("name@example.org")
    dialog.add_field("phone", "Phone", QLineEdit())
    dialog.add_field("job_title", "Job title", QLineEdit())
    dialog.add_field("roles", "Roles", RoleChecks())
    dialog.check_on_leave(validate_contact)
    return dialog


class ContactsTab(RecordListTab[ContactRecord]):
    """A table of contacts with Add, Edit and Remove."""

    COLUMNS = CONTACT_COLUMNS
    TABLE_NAME = "contactsTable"

    def _build_buttons(self) -> None:
        self.add_button = named_button("Add…", "addContactButton")
        self.edit_button = named_button("Edit…", "editContactButton")
        self.remove_button = named_button("Remove", "removeContactButton")
        self.status = plain(QLabel())
        self.status.setObjectName("contactsStatus")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self._finish(self.status, (self.add_button, self.edit_button, self.remove_button))

    def show_details(self, details: OrganizationDetails) -> None:
        """Show the organization's contacts, keeping the selected one selected."""
        self._show_rows(details.id, details.contacts, lambda record, old: record.id == old.id)

    def _update_buttons(self) -> None:
        chosen = self.table.selected_record() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # -- actions ----------------------------------------------------------------------------

    def _add(self, values: dict[str, Any]) -> None:
        assert self.organization_id is not None
        contact_id = self._service.add_contact(self.organization_id, values)
        name = validate_contact(values).name
        self._undo_stack.push(
            AddContactCommand(self._service, self._events, self.organization_id, contact_id, name)
        )
        self.status.setText(f"Added {name}.")

    def _edit(self, contact: ContactRecord, values: dict[str, Any]) -> None:
        assert self.organization_id is not None
        stored = contact_values(contact.fields)
        cleaned = contact_values(validate_contact(values))
        after = {name: value for name, value in cleaned.items() if value != stored[name]}
        if not after:
            return
        self._service.update_contact(contact.id, after)
        before = {name: stored[name] for name in after}
        command = EditContactCommand(
            self._service, self._events, self.organization_id, contact.id, cleaned["name"],
            (before, after),
        )  # fmt: skip
        self._undo_stack.push(command)
        self.status.setText(f"Saved {cleaned['name']}.")

    # -- slots ------------------------------------------------------------------------------

    def _on_add_button_clicked(self) -> None:
        contact_dialog(self, "Add contact", "Add", self._add).exec()

    def _on_edit_button_clicked(self) -> None:
        contact = self.table.selected_record()
        if contact is None:
            return
        dialog = contact_dialog(self, "Edit contact", "Save", lambda v: self._edit(contact, v))
        for name, value in contact_values(contact.fields).items():
            set_value_of(dialog.editors[name], value)
        dialog.exec()

    def _on_remove_button_clicked(self) -> None:
        contact = self.table.selected_record()
        if contact is None or self.organization_id is None:
            return
        self._service.remove_contact(contact.id)
        self._undo_stack.push(
            RemoveContactCommand(
                self._service, self._events, self.organization_id, contact.id, contact.fields.name
            )
        )
        self.status.setText(f"Removed {contact.fields.name}. Edit > Undo brings them back.")

    def _on_table_double_clicked(self) -> None:
        self._on_edit_button_clicked()
