"""What the draft invoice and quote editors share: the form, a problem line, Save and Cancel.

Each editor says what it saves (``_save``) and what it does with a refused field of its
own (``_show_own_errors``); a refusal keeps the window open with the fields marked.

The editors are record windows beside the main window (``draft_windows``), not modal
dialogs, so closing one with edits not saved asks first (Save, Discard, Cancel), and
Ctrl+S saves and keeps the window open; Save saves and closes it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ....domain.errors import ValidationError
from ....services.billing.records import BillTo
from ....services.errors import UserError
from ...unsaved import may_leave
from ...widgets.dialog_buttons import Standard, dialog_buttons
from ...widgets.problem_label import problem_label
from .draft_form import DraftForm


class DraftEditor(QDialog):
    """A dialog editing one draft document in a ``DraftForm``.

    Signals:
        saved(object): the document's UUID, after a successful save.
    """

    saved = Signal(object)

    def __init__(self, name: str, noun: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._noun = noun
        self.form = DraftForm(self)
        self.problem = problem_label("editorProblem")
        self.buttons = dialog_buttons(self, Standard.Save, self._on_buttons_accepted)
        self.save_button = self.buttons.button(Standard.Save)
        self._stored: object = None  # what the form held when last filled or saved
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.activated.connect(self._on_save_shortcut_activated)  # saves, stays open

    def _lay_out(self, width: int, height: int) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(width, height)

    def _fill(self, bill_to: BillTo, currency: str, rate: Decimal | None, notes: str) -> None:
        self.form.set_bill_to(bill_to)
        self.form.set_terms(currency, rate, notes)

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()

    def _mark_stored(self) -> None:
        """Take what the window shows now as what is stored (after filling or saving)."""
        self._stored = self._state()

    def _state(self) -> object:
        """Everything the person can change, comparable with an earlier state."""
        lines = [dataclasses.replace(line, errors={}) for line in self.form.lines.lines()]
        return (self.form.values(), lines, self._own_state())

    def _own_state(self) -> object:
        """The editor's own fields (those outside the form), for the unsaved-edits check."""
        return None

    def has_unsaved_changes(self) -> bool:
        """Whether something was changed and not saved."""
        return self._state() != self._stored

    def save_changes(self) -> bool:
        """Save; whether it was saved (False: the window shows what to correct)."""
        return self._store()

    def discard_changes(self) -> None:
        """Leave the edits unsaved (the window closes after this)."""
        self._stored = self._state()

    def reject(self) -> None:
        # Cancel, Escape and closing the window all come here: edits are never lost unasked.
        what = self.windowTitle() or f"The {self._noun}"
        if may_leave(self, what, self):
            super().reject()

    def _save(self) -> None:
        """Store the draft (raises ValidationError or UserError when refused)."""
        raise NotImplementedError

    def _saved_id(self) -> object:
        """The UUID of the document saved."""
        raise NotImplementedError

    def _show_own_errors(self, errors: Mapping[str, str]) -> None:
        """Mark the editor's own fields (those outside the form) refused by a save."""

    def _on_buttons_accepted(self) -> None:
        if self._store():
            self.accept()

    def _on_save_shortcut_activated(self) -> None:
        if self._store():
            self.problem.hide()

    def _store(self) -> bool:
        """Save the draft; whether it was saved (a refusal is shown in the window)."""
        try:
            self._save()
        except ValidationError as error:
            self.form.show_errors(dict(error.field_errors))
            self._show_own_errors(error.field_errors)
            self._show_problem(f"The {self._noun} was not saved: correct the fields marked in red.")
            return False
        except UserError as error:
            self.form.show_errors({})
            self._show_problem(str(error))
            return False
        self._mark_stored()
        self.saved.emit(self._saved_id())
        return True
