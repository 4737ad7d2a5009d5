"""Member letters from wherever an organization is shown: the register and the editor.

A welcome letter or a renewal reminder is written as a PDF and, when a contact has an
e-mail address, an .eml draft with the PDF attached, into a folder the person chooses.
:class:`MemberLettersBox` puts the two letters on any page about one organization (the
organization editor's Membership tab); the Certificates page calls :func:`write_letter`
for the selected certificate's organization.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....services.errors import DatabaseProblem, UserError
from ... import file_dialogs

if TYPE_CHECKING:
    # The letters service (and SQLAlchemy under it) loads with the context's property.
    from ....services.certificates.letters_service import LetterFiles, LetterService

LETTERS = (("welcome", "Welcome letter…"), ("renewal reminder", "Renewal reminder…"))
"""The letters: the kind the service knows, the button's text."""


def choose_folder(parent: QWidget, kind: str) -> Path | None:
    """Ask for the folder to write a letter into (replaced in tests); None when cancelled."""
    chosen = file_dialogs.get_existing_directory(parent, f"Folder for the {kind} letter")
    return Path(chosen) if chosen else None


def write_letter(
    parent: QWidget, letters: LetterService, kind: str, organization_id: uuid.UUID, folder: Path
) -> tuple[list[Path], str]:
    """Make one letter of an organization and write it into a folder.

    A problem (no current term, no signatory, a folder that cannot be written) is shown
    in a warning over ``parent`` and nothing is written.

    Returns:
        The files written (PDF, then the .eml draft when there is one) and a sentence
        saying what was done; no files and "" after a problem.
    """
    make = letters.welcome if kind == "welcome" else letters.renewal_reminder
    try:
        letter: LetterFiles = make(organization_id)
    except (UserError, DatabaseProblem) as problem:
        QMessageBox.warning(parent, "Letter not made", str(problem))
        return [], ""
    try:
        written = letter.save(folder)
    except (UserError, DatabaseProblem) as problem:
        QMessageBox.warning(parent, "Letter not saved", str(problem))
        return [], ""
    note = f" {letter.note}" if letter.note else ""
    return written, f"Wrote {', '.join(p.name for p in written)} to {folder}.{note}"


class MemberLettersBox(QGroupBox):
    """The two member letters of one organization, with what the last one wrote."""

    def __init__(self, letters: LetterService, parent: QWidget | None = None) -> None:
        super().__init__("Letters", parent)
        self.setObjectName("memberLetters")
        self._letters = letters
        self._organization_id: uuid.UUID | None = None
        self.buttons: dict[str, QPushButton] = {}
        self.message = QLabel()
        self.message.setObjectName("memberLettersMessage")
        self.message.setWordWrap(True)
        # File names can be long: the message takes the room beside the buttons.
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A wrapped label does not ask its layout for height: keep room for a folder path
        # and the note on the e-mail draft.
        self.message.setMinimumHeight(5 * self.message.fontMetrics().lineSpacing())
        column = QVBoxLayout()
        for kind, text in LETTERS:
            button = QPushButton(text)
            button.setObjectName(f"letter_{kind.replace(' ', '_')}")
            button.setToolTip(f"Write the {kind} letter as a PDF and an e-mail draft")
            column.addWidget(button)
            self.buttons[kind] = button
        column.addStretch(1)
        self.buttons["welcome"].clicked.connect(self._on_welcome_clicked)
        self.buttons["renewal reminder"].clicked.connect(self._on_renewal_reminder_clicked)
        layout = QHBoxLayout(self)
        layout.addLayout(column)
        layout.addWidget(self.message, 1)
        self.show_organization(None, member=False)

    def show_organization(self, organization_id: uuid.UUID | None, *, member: bool) -> None:
        """Offer the letters of an organization; only a current member gets letters."""
        if organization_id != self._organization_id:
            self.message.clear()
        self._organization_id = organization_id
        for button in self.buttons.values():
            button.setEnabled(organization_id is not None and member)

    def save_letter(self, kind: str, folder: Path) -> list[Path]:
        """Write a letter of the organization shown into ``folder`` and say so."""
        if self._organization_id is None:
            return []
        written, message = write_letter(self, self._letters, kind, self._organization_id, folder)
        if written:
            self.message.setText(message)
        return written

    def _ask_and_save(self, kind: str) -> None:
        folder = choose_folder(self, kind)
        if folder is not None:
            self.save_letter(kind, folder)

    def _on_welcome_clicked(self) -> None:
        self._ask_and_save("welcome")

    def _on_renewal_reminder_clicked(self) -> None:
        self._ask_and_save("renewal reminder")
