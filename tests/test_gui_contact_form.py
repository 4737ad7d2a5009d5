"""The contact form (Add contact, Edit contact) as a person uses it, keyboard first.

It opens with the focus in the name; the e-mail address is checked on leaving the field,
as Settings checks its fields; and a message appearing never moves a field or a button
under the pointer.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.organizations import ContactRole
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.organizations.editor import OrganizationEditorDialog
from ptf_desktop.ui.pages.organizations.form_dialog import FormDialog
from ptf_desktop.ui.pages.organizations.record_window import open_organization
from ptf_desktop.ui.pages.record_windows import open_record_windows

from conftest import when_modal_dialog_opens

SHOTS = os.environ.get("PTF_SCREENSHOTS")  # a folder to save screenshots into, when set


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[OrganizationEditorDialog]:
    """An organization's record window on its Contacts tab."""
    stack = QUndoStack()
    organization = context.organizations.create(
        {"display_name": "Example Labs", "org_type": "commercial", "country": "US"}
    )
    shown = open_organization(context, stack, organization, None, tab="Contacts")
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    yield shown
    for opened in open_record_windows():
        opened.close()
    stack.clear()


def in_form(qtbot: QtBot, button: QWidget, act: Callable[[FormDialog], None]) -> None:
    """Click ``button``, run ``act`` on the form it opens, then close the form if still open.

    ``act`` notes what it sees rather than asserting, so that a surprise never leaves a
    modal form open with no one to close it.
    """

    def run(dialog: Any) -> None:
        assert isinstance(dialog, FormDialog)
        try:
            dialog.activateWindow()  # as the window system does: focus moves in it
            qtbot.waitUntil(dialog.isActiveWindow)
            act(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    when_modal_dialog_opens(qtbot, run)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def focused(dialog: FormDialog) -> QWidget:
    widget = dialog.focusWidget()
    assert widget is not None
    return widget


def layout_of(dialog: FormDialog) -> list[QRect]:
    """Where the buttons and every field are."""
    buttons = dialog.findChild(QDialogButtonBox).buttons()  # type: ignore[union-attr]
    return [b.geometry() for b in buttons] + [
        QRect(e.mapTo(dialog, e.rect().topLeft()), e.size()) for e in dialog.editors.values()
    ]


def error_of(dialog: FormDialog, name: str) -> str:
    """The message a person sees under a field ("" when none shows)."""
    label = dialog.errors[name]
    return label.text() if label.isVisible() else ""


def test_add_contact_starts_in_the_name_and_is_filled_by_keyboard_alone(
    qtbot: QtBot, window: OrganizationEditorDialog, context: AppContext
) -> None:
    seen: dict[str, Any] = {}

    def act(dialog: FormDialog) -> None:
        seen["first"] = focused(dialog).objectName()
        qtbot.keyClicks(focused(dialog), "Pat Doe")
        qtbot.keyClick(focused(dialog), Qt.Key.Key_Tab)
        seen["second"] = focused(dialog).objectName()
        qtbot.keyClicks(focused(dialog), "pat@example.org")
        qtbot.keyClick(focused(dialog), Qt.Key.Key_Return)  # Return presses Add

    in_form(qtbot, window.contacts_tab.add_button, act)
    assert seen == {"first": "field_name", "second": "field_email"}
    [contact] = context.organizations.get(window.organization_id).contacts  # type: ignore[arg-type]
    assert (contact.fields.name, contact.fields.email) == ("Pat Doe", "pat@example.org")
    assert window.contacts_tab.status.text() == "Added Pat Doe."


def test_the_email_is_checked_on_leaving_it_and_the_form_does_not_move(
    qtbot: QtBot, window: OrganizationEditorDialog, context: AppContext
) -> None:
    seen: dict[str, Any] = {}

    def act(dialog: FormDialog) -> None:
        qtbot.keyClicks(focused(dialog), "Pat Doe")
        qtbot.keyClick(focused(dialog), Qt.Key.Key_Tab)
        qtbot.keyClicks(focused(dialog), "pat@")
        seen["while typing"] = error_of(dialog, "email")
        before = layout_of(dialog)
        qtbot.keyClick(focused(dialog), Qt.Key.Key_Tab)  # leaves the e-mail field
        seen["left"] = error_of(dialog, "email")
        seen["tooltip or whole"] = dialog.errors["email"].toolTip() or "whole"
        seen["moved"] = layout_of(dialog) != before
        seen["focus"] = focused(dialog).objectName()  # the check does not hold the person
        if SHOTS:
            dialog.grab().save(os.path.join(SHOTS, "contact-form-error.png"))
        qtbot.keyClick(focused(dialog), Qt.Key.Key_Backtab)
        email = focused(dialog)
        assert isinstance(email, QLineEdit)
        email.selectAll()
        qtbot.keyClicks(email, "pat@example.org")
        qtbot.keyClick(email, Qt.Key.Key_Tab)
        seen["corrected"] = error_of(dialog, "email")
        seen["moved back"] = layout_of(dialog) != before
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    in_form(qtbot, window.contacts_tab.add_button, act)
    assert seen["while typing"] == ""  # no message before the person is done
    assert seen["left"].startswith("Not a valid e-mail address")
    assert seen["tooltip or whole"] == "whole"  # the message fits on its line
    assert seen["focus"] == "field_phone"
    assert seen["moved"] is False
    assert seen["corrected"] == ""
    assert seen["moved back"] is False
    [contact] = context.organizations.get(window.organization_id).contacts  # type: ignore[arg-type]
    assert contact.fields.email == "pat@example.org"


def test_refusals_on_ok_keep_every_field_and_button_in_place(
    qtbot: QtBot, window: OrganizationEditorDialog, context: AppContext
) -> None:
    seen: dict[str, Any] = {}

    def act(dialog: FormDialog) -> None:
        before = layout_of(dialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["ok"] = ok.text()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # nothing typed: the name is missing
        seen["name"] = error_of(dialog, "name")
        seen["open"] = dialog.isVisible()
        seen["moved"] = layout_of(dialog) != before
        general = "A message across the whole form, long enough to need two lines " * 2
        dialog.message.setText(general)
        dialog.message.show()
        seen["moved by a form message"] = layout_of(dialog) != before

    in_form(qtbot, window.contacts_tab.add_button, act)
    assert seen["ok"] == "Add" and seen["open"] is True
    assert seen["name"] != ""
    assert seen["moved"] is False and seen["moved by a form message"] is False
    assert context.organizations.get(window.organization_id).contacts == ()  # type: ignore[arg-type]


def test_edit_contact_checks_the_email_on_leaving_it_too(
    qtbot: QtBot, window: OrganizationEditorDialog, context: AppContext
) -> None:
    organization: uuid.UUID = window.organization_id  # type: ignore[assignment]
    context.organizations.add_contact(
        organization, {"name": "Pat Doe", "email": "pat@example.org", "roles": ["billing"]}
    )
    window.reload()
    window.contacts_tab.table.selectRow(0)
    seen: dict[str, Any] = {}

    def act(dialog: FormDialog) -> None:
        seen["first"] = focused(dialog).objectName()
        qtbot.keyClick(focused(dialog), Qt.Key.Key_Tab)
        email = focused(dialog)
        assert isinstance(email, QLineEdit)
        email.selectAll()
        qtbot.keyClicks(email, "pat at example.org")
        qtbot.keyClick(email, Qt.Key.Key_Tab)
        seen["left"] = error_of(dialog, "email")
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
        seen["open after Save"] = dialog.isVisible()

    in_form(qtbot, window.contacts_tab.edit_button, act)
    assert seen["first"] == "field_name"
    assert seen["left"].startswith("Not a valid e-mail address")
    assert seen["open after Save"] is True
    [contact] = context.organizations.get(organization).contacts
    assert contact.fields.email == "pat@example.org"
    assert contact.fields.roles == {ContactRole.BILLING}
