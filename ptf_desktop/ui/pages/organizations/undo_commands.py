"""Undo commands of the organization editor: each calls the services, never a widget.

A command is pushed after its change succeeded (so a refused change never reaches the
stack); its first ``redo`` therefore only announces the change. Commands outlive the
editor that made them: Edit > Undo works after the dialog is closed. Views learn about
every change, whoever made it, from ``RegisterEvents.changed``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QMetaMethod, QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from ....domain.errors import UserError
from ....domain.organizations import ORGANIZATION_FIELD_LABELS
from ....services.register.organization_service import OrganizationService
from ...changes import Changes, announce

Logo = tuple[bytes, str] | None


class RegisterEvents(QObject):
    """Announces changes to the register made by the editor, undo or redo.

    Signals:
        changed: an organization, or something it owns, changed (argument: its UUID).
        failed: an undo or redo was refused (argument: the message for the user).
    """

    changed = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Testimonials cannot be restored, only added again under a new key (see
        # _TestimonialCommand); commands made earlier find the current key here.
        self._replaced: dict[uuid.UUID, uuid.UUID] = {}

    def current_id(self, testimonial_id: uuid.UUID) -> uuid.UUID:
        """The key a testimonial has now, after being added again by undo or redo."""
        while testimonial_id in self._replaced:
            testimonial_id = self._replaced[testimonial_id]
        return testimonial_id

    def replace_id(self, old: uuid.UUID, new: uuid.UUID) -> None:
        """Remember that a testimonial now lives under a new key."""
        self._replaced[old] = new

    def report_failure(self, message: str) -> None:
        """Tell the user; an open editor shows it, otherwise a message box does."""
        if self.isSignalConnected(QMetaMethod.fromSignal(self.failed)):
            self.failed.emit(message)
        else:
            QMessageBox.warning(QApplication.activeWindow(), "Undo", message)


def register_events(undo_stack: QUndoStack) -> RegisterEvents:
    """The events object shared by everything that uses this undo stack (made once)."""
    found = undo_stack.findChild(
        RegisterEvents, "registerEvents", Qt.FindChildOption.FindDirectChildrenOnly
    )
    if isinstance(found, RegisterEvents):
        return found
    events = RegisterEvents(undo_stack)
    events.setObjectName("registerEvents")
    # Every change of the register (editor, membership actions, undo, redo) is announced.
    events.changed.connect(
        lambda _id: announce(Changes.ORGANIZATIONS | Changes.MEMBERSHIPS, initiator=events)
    )
    return events


class RegisterCommand(QUndoCommand):
    """A change of one organization, applied before it was pushed.

    A subclass that sets ``reverses`` is the opposite of its base (a removal of an
    addition): its redo runs the base's undo step and its undo the base's redo step,
    and its ``TEXT`` template names it in the Edit menu.
    """

    reverses = False

    def __init__(self, events: RegisterEvents, organization_id: uuid.UUID, text: str) -> None:
        super().__init__(text)
        self._events = events
        self.organization_id = organization_id
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
        else:
            self._run(self._undo if self.reverses else self._redo, "redo")
        self._events.changed.emit(self.organization_id)

    def undo(self) -> None:
        self._run(self._redo if self.reverses else self._undo, "undo")
        self._events.changed.emit(self.organization_id)

    def _run(self, step: Callable[[], None], verb: str) -> None:
        try:
            step()
        except UserError as error:
            # The stack cannot half-undo: drop the command rather than leave it lying
            # about what the database holds.
            self.setObsolete(True)
            self._events.report_failure(f"Could not {verb} the {self.text()}: {error}")

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class SaveOrganizationCommand(RegisterCommand):
    """Saved fields (and logo), undone by storing the previous values again."""

    def __init__(
        self,
        service: OrganizationService,
        events: RegisterEvents,
        organization_id: uuid.UUID,
        name: str,
        fields: tuple[Mapping[str, Any], Mapping[str, Any]],
        logo: tuple[Logo, Logo] | None = None,
    ) -> None:
        labels = [ORGANIZATION_FIELD_LABELS[field] for field in fields[1]]
        labels += ["Logo"] if logo is not None else []
        super().__init__(events, organization_id, f"edit of {name} ({', '.join(labels)})")
        self._service = service
        self._before, self._after = dict(fields[0]), dict(fields[1])
        self._logo = logo

    def _store(self, values: Mapping[str, Any], logo: Logo | None, changed: bool) -> None:
        if values:
            self._service.update(self.organization_id, values)
        if changed:
            data, mime = logo if logo is not None else (None, "")
            self._service.set_logo(self.organization_id, data, mime)

    def _redo(self) -> None:
        self._store(self._after, self._logo[1] if self._logo else None, self._logo is not None)

    def _undo(self) -> None:
        self._store(self._before, self._logo[0] if self._logo else None, self._logo is not None)


class CreateOrganizationCommand(RegisterCommand):
    """A new organization; undo deletes it (softly), redo brings it back."""

    TEXT = "creation of {name}"

    def __init__(
        self, service: OrganizationService, events: RegisterEvents, organization_id: uuid.UUID,
        name: str,
    ) -> None:  # fmt: skip
        super().__init__(events, organization_id, self.TEXT.format(name=name))
        self._service = service

    def _redo(self) -> None:
        self._service.restore(self.organization_id)

    def _undo(self) -> None:
        self._service.delete(self.organization_id)


class DeleteOrganizationCommand(CreateOrganizationCommand):
    """A soft delete; undo restores the organization."""

    reverses = True
    TEXT = "deletion of {name}"


class AddContactCommand(RegisterCommand):
    """A new contact; undo removes it (softly), redo brings the same contact back."""

    TEXT = "new contact {name}"

    def __init__(
        self, service: OrganizationService, events: RegisterEvents, organization_id: uuid.UUID,
        contact_id: uuid.UUID, name: str,
    ) -> None:  # fmt: skip
        super().__init__(events, organization_id, self.TEXT.format(name=name))
        self._service = service
        self._contact_id = contact_id

    def _redo(self) -> None:
        self._service.remove_contact(self._contact_id, removed=False)

    def _undo(self) -> None:
        self._service.remove_contact(self._contact_id)


class RemoveContactCommand(AddContactCommand):
    """A removed contact; undo brings it back."""

    reverses = True
    TEXT = "removal of contact {name}"


class EditContactCommand(RegisterCommand):
    """Changed contact fields, undone by storing the previous values again."""

    def __init__(
        self, service: OrganizationService, events: RegisterEvents, organization_id: uuid.UUID,
        contact_id: uuid.UUID, name: str, values: tuple[Mapping[str, Any], Mapping[str, Any]],
    ) -> None:  # fmt: skip
        super().__init__(events, organization_id, f"edit of contact {name}")
        self._service = service
        self._contact_id = contact_id
        self._before, self._after = dict(values[0]), dict(values[1])

    def _redo(self) -> None:
        self._service.update_contact(self._contact_id, self._after)

    def _undo(self) -> None:
        self._service.update_contact(self._contact_id, self._before)
