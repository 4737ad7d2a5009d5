"""E-mail drafts from the Organizations list, as a person makes them for several members."""

from __future__ import annotations

import email
import email.policy
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from ptf_desktop.ui import file_dialogs, tasks
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.organizations.email_drafts_dialog import EmailDraftsDialog
from ptf_desktop.ui.pages.organizations.list_page import OrganizationsPage

from helpers.billing import add_organization
from helpers.billing_ui import when_dialog_opens

SHOTS = os.environ.get("PTF_SCREENSHOTS")  # a folder to save screenshots into, when set
SELECT_ROWS = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


def choose_from_context_menu(qtbot: QtBot, page: OrganizationsPage, text: str) -> None:
    """Right-click the selection and pick a menu entry with the keyboard."""
    seen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, pick)
            return
        seen.extend(action.text() for action in menu.actions())
        menu.setActiveAction(next(a for a in menu.actions() if a.text() == text))
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    page.table.customContextMenuRequested.emit(QPoint(5, 5))
    assert text in seen


# A context menu grabs the keyboard, which the offscreen platform of the tests cannot do.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_drafts_for_the_members_selected_name_those_without_an_address(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str],
    tmp_path: Path, monkeypatch: Any,
) -> None:  # fmt: skip
    with_address = [tricky_names[2], tricky_names[20], tricky_names[11]]  # <Holding>, ../, Arabic
    without_address = tricky_names[21]  # CON
    context.settings.save({"legal_name": "PyTorch Foundation"})
    for number, name in enumerate(with_address):
        organization = add_organization(context, name)
        role = "billing" if number == 1 else "primary"
        contact = {"name": f"Renée O'Neil {number}", "email": f"r{number}@example.com"}
        context.organizations.add_contact(organization, {**contact, "roles": [role]})
    add_organization(context, without_address)
    add_organization(context, "Not Selected Ltd")
    page = main_window.page("organizations")
    assert isinstance(page, OrganizationsPage)
    page.refresh()
    shown = [page.model.index(row, 0).data() for row in range(page.model.rowCount())]
    page.table.selectionModel().clearSelection()
    for name in [*with_address, without_address]:
        page.table.selectionModel().select(page.model.index(shown.index(name), 0), SELECT_ROWS)
    folder = tmp_path / "drafts"
    folder.mkdir()
    monkeypatch.setattr(file_dialogs, "get_existing_directory", lambda *_a, **_k: str(folder))
    seen: dict[str, Any] = {}

    def outcome(box: QMessageBox) -> None:
        seen["outcome"] = box.text()
        if SHOTS:
            box.grab().save(str(Path(SHOTS) / "email-drafts-outcome.png"))
        box.accept()

    def write(dialog: EmailDraftsDialog) -> None:
        seen["title"] = dialog.windowTitle()
        dialog.buttons.accepted.emit()  # no subject yet: refused, said why
        seen["refusal"] = dialog.problem.text() if dialog.problem.isVisible() else ""
        qtbot.keyClicks(dialog.subject, "Member passes for the PyTorch Conference")
        seen["refusal shown"] = dialog.problem.isVisible()
        dialog.body.setPlainText("Each member has five passes.\n\nKind regards,\nThe Foundation")
        if SHOTS:
            dialog.grab().save(str(Path(SHOTS) / "email-drafts-dialog.png"))
        when_dialog_opens(qtbot, QMessageBox, outcome)
        dialog.buttons.accepted.emit()  # "Choose folder…"

    when_dialog_opens(qtbot, EmailDraftsDialog, write)
    choose_from_context_menu(qtbot, page, "E-mail drafts 4 selected…")
    qtbot.waitUntil(lambda: "outcome" in seen and not tasks.busy())

    assert seen["title"] == "E-mail drafts to 4 organizations"
    assert seen["refusal"].startswith("Write a subject") and not seen["refusal shown"]
    assert seen["outcome"].startswith(f"Wrote 3 e-mail drafts to {folder}.")
    assert seen["outcome"].endswith(f"e-mail address.\n\n{without_address}")
    assert main_window.statusBar().currentMessage() == "Wrote 3 e-mail drafts"
    files = sorted(folder.iterdir())
    assert len(files) == 3 and all(path.suffix == ".eml" for path in files)
    recipients = set()
    for path in files:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert message["Subject"] == "Member passes for the PyTorch Conference"
        recipients.add(str(message["To"].addresses[0].addr_spec))
        assert message.get_content().startswith("Dear Renée O'Neil ")
    assert recipients == {"r0@example.com", "r1@example.com", "r2@example.com"}
