"""Member letters from the organization editor: the Membership tab writes them too."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.certificates import letter_actions
from ptf_desktop.ui.pages.organizations.editor import OrganizationEditorDialog

from conftest import when_modal_dialog_opens
from helpers.billing import add_organization
from helpers.certificates import add_member, configure_signatory
from helpers.pdf_reading import pdftotext

THIS_YEAR = date.today().year


@pytest.fixture
def undo_stack() -> Iterator[QUndoStack]:
    stack = QUndoStack()
    yield stack
    stack.clear()


@pytest.fixture
def chosen_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """The folder a person picks in the folder dialog; the kinds asked are recorded."""
    asked: list[Path] = [tmp_path / "letters"]
    asked[0].mkdir()

    def choose(_parent: object, kind: str) -> Path:
        asked.append(Path(kind))
        return asked[0]

    monkeypatch.setattr(letter_actions, "choose_folder", choose)
    return asked


def open_membership_tab(
    qtbot: QtBot, context: AppContext, stack: QUndoStack, organization: uuid.UUID
) -> Any:
    dialog = OrganizationEditorDialog(context, organization, stack)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.organization_tab.revert_button.click())
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.membership_tab)
    return dialog


def pdf_text(path: Path) -> str:
    return pdftotext(path)


def test_a_non_member_gets_no_letters(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    organization = add_organization(context, "Prospect Labs")
    dialog = open_membership_tab(qtbot, context, undo_stack, organization)
    tab = dialog.membership_tab
    assert tab.letters.isVisible()
    assert [b.isEnabled() for b in tab.letters.buttons.values()] == [False, False]


def test_welcome_letter_and_draft_from_the_editor(
    qtbot: QtBot,
    context: AppContext,
    undo_stack: QUndoStack,
    chosen_folder: list[Path],
    tricky_names: list[str],
) -> None:
    configure_signatory(context)
    name = tricky_names[0]
    organization, _ = add_member(context, name, start=date(THIS_YEAR, 1, 1))
    context.organizations.add_contact(
        organization, {"name": "Ada Byron", "email": "ada@example.com", "roles": ["primary"]}
    )
    dialog = open_membership_tab(qtbot, context, undo_stack, organization)
    tab = dialog.membership_tab
    button = tab.letters.buttons["welcome"]
    assert button.text() == "Welcome letter…" and button.isEnabled()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    folder = chosen_folder[0]
    assert chosen_folder[1:] == [Path("welcome")]
    [pdf] = list(folder.glob("*.pdf"))
    [eml] = list(folder.glob("*.eml"))
    assert name in pdf_text(pdf)
    draft = message_from_bytes(eml.read_bytes())
    assert draft["To"].endswith("<ada@example.com>")
    attached = [part.get_filename() for part in draft.walk() if part.get_filename()]
    assert attached == [pdf.name]
    shown = tab.letters.message.text()
    assert shown == f"Wrote {pdf.name}, {eml.name} to {folder}."


def test_renewal_reminder_without_an_address_writes_the_pdf_and_says_why(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack, chosen_folder: list[Path]
) -> None:
    configure_signatory(context)
    organization, _ = add_member(context, "Ünïcode & Söhne AG", start=date(THIS_YEAR, 1, 1))
    dialog = open_membership_tab(qtbot, context, undo_stack, organization)
    tab = dialog.membership_tab

    qtbot.mouseClick(tab.letters.buttons["renewal reminder"], Qt.MouseButton.LeftButton)

    written = sorted(p.suffix for p in chosen_folder[0].iterdir())
    assert written == [".pdf"]
    assert "Ünïcode & Söhne AG" in pdf_text(next(chosen_folder[0].iterdir()))
    shown = tab.letters.message.text()
    assert shown.startswith("Wrote ") and "e-mail" in shown


def test_a_folder_that_cannot_be_written_is_explained_and_nothing_is_written(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack, chosen_folder: list[Path]
) -> None:
    configure_signatory(context)
    organization, _ = add_member(context, "Acme Robotics GmbH", start=date(THIS_YEAR, 1, 1))
    dialog = open_membership_tab(qtbot, context, undo_stack, organization)
    tab = dialog.membership_tab
    missing = chosen_folder[0] / "gone"
    chosen_folder[0] = missing
    seen: list[str] = []

    def read_and_close(box: Any) -> None:
        seen.extend([box.windowTitle(), box.text()])
        box.accept()

    when_modal_dialog_opens(qtbot, read_and_close)
    qtbot.mouseClick(tab.letters.buttons["welcome"], Qt.MouseButton.LeftButton)

    assert seen[0] == "Letter not saved" and str(missing) in seen[1]
    assert not missing.exists()
    assert tab.letters.message.text() == ""
