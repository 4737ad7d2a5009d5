"""The organization record: fields, contacts, membership, billing, certificates, history.

A window over one organization (or a new one), opened beside the main window without
blocking it (``record_opener``). Every change goes through the services; field saves,
contact and testimonial changes and the soft delete are undoable steps on the main
window's undo stack, which the window also offers (its own Undo and Redo buttons and
shortcuts). The Billing and Certificates tabs are read when shown, and again when a
write elsewhere touches what they list.

The window fits the screen it opens on, and a long name never widens it: the title
shortens with "…" and holds the whole name in its tooltip. Ctrl+S saves the fields,
Ctrl+P prints what the window shows, and closing with unsaved fields asks: Save,
Discard or Cancel (a save refused keeps the window open, showing what to correct).
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ....domain.errors import UserError
from ....services.context import AppContext
from ....services.register.organization_records import OrganizationDetails
from ...changes import Changes, change_hub
from ...feedback import SHOWN_MS, say
from ...style import MAIN_WINDOW_STYLE
from ...team.record_banner import TeamRecordBanner
from ...unsaved import may_leave
from ...widgets.elided_label import ElidedLabel
from ..record_windows import fitting_size, rekey_record_window
from .billing_tab import BillingTab
from .certificates_tab import CertificatesTab
from .contacts_tab import ContactsTab
from .form_dialog import ask, attempt
from .form_widgets import plain
from .history_tab import organization_history
from .membership_tab import MembershipTab
from .organization_tab import OrganizationTab
from .record_printing import print_record
from .record_table import label
from .testimonials_tab import TestimonialsTab
from .undo_commands import DeleteOrganizationCommand, register_events

EDITOR_STYLE = """
QLabel#problemsBanner, QLabel#deletedNotice {
    background: #fff4e5;
    color: #663c00;
    border: 1px solid #ffb74d;
    border-radius: 4px;
    padding: 6px 10px;
}
QLabel#deletedNotice {
    background: #fdecea;
    color: #611a15;
    border-color: #e57373;
}
QLabel#organizationSubtitle { color: #5f6368; }
"""


class OrganizationEditorDialog(QDialog):
    """Edit one organization, or create one (``organization_id`` None).

    Signals:
        saved: the organization, or something it owns, was stored (argument: its UUID).
        deleted: the organization was deleted (argument: its UUID).
    """

    saved = Signal(object)
    deleted = Signal(object)

    def __init__(
        self,
        context: AppContext,
        organization_id: uuid.UUID | None,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("organizationEditor")
        self.setStyleSheet(MAIN_WINDOW_STYLE + EDITOR_STYLE)  # also right without a parent
        self.resize(fitting_size(QSize(1000, 720), parent))
        self._context = context
        self.undo_stack = undo_stack
        self._events = register_events(undo_stack)
        self.organization_id = organization_id
        self.details: OrganizationDetails | None = None
        # Elided, the whole text on hover: a 187-character name must not widen the window.
        self.title = ElidedLabel()
        self.title.setObjectName("pageTitle")
        self.subtitle = ElidedLabel()
        self.subtitle.setObjectName("organizationSubtitle")
        self.status_line = ElidedLabel()  # what Ctrl+S or Ctrl+P did, for a few seconds
        self.status_line.setObjectName("recordStatus")
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(SHOWN_MS)
        self.banner = _notice("problemsBanner")
        self.deleted_notice = _notice("deletedNotice")
        self.team_banner = TeamRecordBanner(
            lambda: self.organization_id, self._read_stored, lambda: self.details,
            self._reload_keeping_edits,
        )  # fmt: skip
        self.organization_tab = OrganizationTab(context, undo_stack, self._events)
        self.contacts_tab = ContactsTab(context, undo_stack, self._events)
        self.membership_tab = MembershipTab(context, self._events)
        self.billing_tab = BillingTab(context)
        self.certificates_tab = CertificatesTab(context)
        self._documents_stale = True  # the Billing and Certificates tabs read when shown
        self.testimonials_tab = TestimonialsTab(context, undo_stack, self._events)
        self.history = organization_history(context.audit)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.organization_tab, "Organization")
        self.tabs.addTab(self.contacts_tab, "Contacts")
        self.tabs.addTab(self.membership_tab, "Membership")
        self.tabs.addTab(self.billing_tab, "Billing")
        self.tabs.addTab(self.certificates_tab, "Certificates")
        self.tabs.addTab(self.testimonials_tab, "Testimonials")
        self.tabs.addTab(self.history, "History")
        self.delete_button = QPushButton("Delete organization…")
        self.delete_button.setObjectName("deleteOrganizationButton")
        self.close_button = QPushButton("Close")
        self.undo_button = QPushButton("Undo")
        self.redo_button = QPushButton("Redo")
        self._lay_out()
        for button in self.findChildren(QPushButton):
            # Return in a field finishes that field (and checks it); it must not press
            # whichever button a dialog would make the default, e.g. Choose… for the logo.
            button.setAutoDefault(False)
            button.setDefault(False)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.organization_tab.saved.connect(self._on_organization_tab_saved)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self._events.changed.connect(self._on_events_changed)
        self._events.failed.connect(self._on_events_failed)
        self._status_timer.timeout.connect(self._on_status_timer_timeout)
        change_hub().changed.connect(self._on_hub_changed)
        self.reload()

    def _lay_out(self) -> None:
        undo = self.undo_stack.createUndoAction(self, "Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([undo, redo])
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self._on_save_shortcut_activated)
        print_ = QShortcut(QKeySequence.StandardKey.Print, self)
        print_.activated.connect(self._on_print_shortcut_activated)
        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addWidget(self.status_line, 1)
        # Buttons rather than the actions themselves: the actions' text names the step
        # ("Undo edit of <a 200-character legal name>") and would stretch the dialog, so
        # the step is the tooltip. Qt's own slots: no Python runs while the stack or the
        # dialog is being destroyed.
        stack = self.undo_stack
        self.undo_button.clicked.connect(stack.undo)
        self.redo_button.clicked.connect(stack.redo)
        stack.canUndoChanged.connect(self.undo_button.setEnabled)
        stack.canRedoChanged.connect(self.redo_button.setEnabled)
        stack.undoTextChanged.connect(self.undo_button.setToolTip)
        stack.redoTextChanged.connect(self.redo_button.setToolTip)
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())
        self.undo_button.setToolTip(stack.undoText())
        self.redo_button.setToolTip(stack.redoText())
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.team_banner)
        layout.addWidget(self.deleted_notice)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    # -- showing ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the organization again and show it everywhere."""
        if self.organization_id is None:
            self._show_new()
            return
        try:
            details = self._context.organizations.get(self.organization_id)
        except UserError as error:
            QMessageBox.warning(self, "Organization", str(error))
            return
        self.details = details
        name = details.fields.display_name
        self.setWindowTitle(f"{name} — Organization")
        self.title.setText(name)
        membership = f"{label(details.tier)} member" if details.tier else "No membership"
        self.subtitle.setText(
            f"{label(details.fields.org_type)} · {details.fields.country} · {membership} · "
            f"{label(details.status)}"
        )
        self.banner.setText("\n".join(f"⚠ {problem}" for problem in details.problems))
        self.banner.setVisible(bool(details.problems) and not details.deleted)
        self.deleted_notice.setText("This organization is deleted. Undo (Ctrl+Z) brings it back.")
        self.deleted_notice.setVisible(details.deleted)
        self.tabs.setEnabled(not details.deleted)
        self.delete_button.setEnabled(not details.deleted)
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, True)
        self.organization_tab.show_details(details)
        self.contacts_tab.show_details(details)
        self.membership_tab.show_details(details)
        self.testimonials_tab.show_details(details)
        self.history.owner_id = details.id
        if self.tabs.currentWidget() is self.history:
            self.history.refresh()
        self._documents_stale = True
        self._show_documents_if_shown()

    def show_tab(self, title: str) -> None:
        """Bring a tab to the front by its title ("Contacts", "Billing"...)."""
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == title:
                self.tabs.setCurrentIndex(index)
                return

    def _show_documents_if_shown(self) -> None:
        shown = self.tabs.currentWidget()
        if not self._documents_stale or shown not in (self.billing_tab, self.certificates_tab):
            return
        self._documents_stale = False
        self.billing_tab.show_organization(self.organization_id)
        if self.billing_tab.documents is not None:
            self.certificates_tab.show_certificates(self.billing_tab.documents.certificates)

    def _read_stored(self) -> OrganizationDetails | None:
        """The organization as stored now (the team may have changed it)."""
        try:
            return self._context.organizations.get(self.organization_id)  # type: ignore[arg-type]
        except UserError:
            return None

    def _reload_keeping_edits(self) -> None:
        """Show the stored organization again; what was typed and not saved stays typed."""
        form = self.organization_tab.form
        typed = form.pending_changes()
        self.reload()
        for name, value in typed.items():
            if name in form.fields:
                form.fields[name].set_value(value)
                form.fields[name].edited.emit()
            elif name == "notes":
                form.notes.setPlainText(str(value))

    def _show_new(self) -> None:
        self.setWindowTitle("New organization")
        self.title.setText("New organization")
        self.subtitle.setText("A prospect until admitted. Save to add contacts and membership.")
        self.banner.hide()
        self.deleted_notice.hide()
        self.delete_button.setEnabled(False)
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, False)

    # -- slots ------------------------------------------------------------------------------

    def _on_organization_tab_saved(self, organization_id: uuid.UUID) -> None:
        if self.organization_id is None:  # created: from now on this dialog edits it
            self.organization_id = organization_id
            rekey_record_window(self, ("organization", organization_id))
            self.reload()
            self.saved.emit(organization_id)
        # Other saves reach _on_events_changed through the undo command.

    def _on_events_changed(self, organization_id: uuid.UUID) -> None:
        if organization_id == self.organization_id:
            self.reload()
            self.saved.emit(organization_id)

    def _on_events_failed(self, message: str) -> None:
        QMessageBox.warning(self, "Undo", message)

    def _on_tabs_current_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.history:
            self.history.refresh()
        self._show_documents_if_shown()

    def _on_hub_changed(self, changes: Changes, _initiator: object) -> None:
        if changes & _DOCUMENTS and self.organization_id is not None:
            self._documents_stale = True
            self._show_documents_if_shown()

    def _on_delete_button_clicked(self) -> None:
        if self.details is None:
            return
        details = self.details
        question = (
            f"Delete {details.fields.display_name}? It disappears from the register; "
            "Edit > Undo (Ctrl+Z) brings it back with everything it had."
        )
        if not ask(self, "Delete organization", question, "Delete"):
            return
        service = self._context.organizations
        if not attempt(self, "Not deleted", lambda: service.delete(details.id)):
            return
        command = DeleteOrganizationCommand(
            service, self._events, details.id, details.fields.display_name
        )
        self.undo_stack.push(command)
        self.deleted.emit(details.id)
        self.accept()

    def _on_close_button_clicked(self) -> None:
        self.reject()

    def _on_save_shortcut_activated(self) -> None:
        if self.organization_id is not None and not self.has_unsaved_changes():
            self.show_status("Nothing to save")
        elif self.save_changes():
            self.show_status(f"Saved {self.title.full_text()}")
            say(f"Saved {self.title.full_text()}")
        else:
            self.show_status(self.organization_tab.status.text() or "Not saved")

    def _on_print_shortcut_activated(self) -> None:
        if self.details is None:
            self.show_status("Nothing to print: the organization is not saved yet")
            return
        message = print_record(self.tabs, self.organization_tab, self.details, self.subtitle.text())
        if message:
            self.show_status(message)

    def _on_status_timer_timeout(self) -> None:
        self.status_line.setText("")

    def show_status(self, message: str) -> None:
        """Say what was just done in the window's status line, for a few seconds."""
        self.status_line.setText(message)
        self._status_timer.start()

    # -- unsaved edits (see ui/unsaved.py) --------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """Whether the Organization tab shows something not saved."""
        return self.organization_tab.has_pending_changes()

    def save_changes(self) -> bool:
        """Save the fields; a refusal brings the Organization tab forward with its messages."""
        saved = self.organization_tab.submit()
        if not saved:
            self.tabs.setCurrentWidget(self.organization_tab)
        return saved

    def discard_changes(self) -> None:
        """Show the stored values again."""
        self.organization_tab.revert()

    def reject(self) -> None:
        what = self.details.fields.display_name if self.details else "The new organization"
        if may_leave(self, what, self):
            super().reject()


# What the Billing and Certificates tabs list: a write of these makes them read again.
_DOCUMENTS = (
    Changes.INVOICES | Changes.QUOTES | Changes.CREDIT_NOTES | Changes.PAYMENTS
    | Changes.CERTIFICATES
)  # fmt: skip


def _notice(name: str) -> QLabel:
    notice = plain(QLabel())
    notice.setObjectName(name)
    notice.setWordWrap(True)
    notice.hide()
    return notice
