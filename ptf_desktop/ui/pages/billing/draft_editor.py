"""What the draft invoice and quote editors share: the form, a problem line, Save and Cancel.

Each editor says what it saves (``_save``) and what it does with a refused field of its
own (``_show_own_errors``); a refusal keeps the dialog open with the fields marked.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ....domain.errors import ValidationError
from ....services.billing.records import BillTo
from ....services.errors import UserError
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

    def _save(self) -> None:
        """Store the draft (raises ValidationError or UserError when refused)."""
        raise NotImplementedError

    def _saved_id(self) -> object:
        """The UUID of the document saved."""
        raise NotImplementedError

    def _show_own_errors(self, errors: Mapping[str, str]) -> None:
        """Mark the editor's own fields (those outside the form) refused by a save."""

    def _on_buttons_accepted(self) -> None:
        try:
            self._save()
        except ValidationError as error:
            self.form.show_errors(dict(error.field_errors))
            self._show_own_errors(error.field_errors)
            self._show_problem(f"The {self._noun} was not saved: correct the fields marked in red.")
            return
        except UserError as error:
            self.form.show_errors({})
            self._show_problem(str(error))
            return
        self.saved.emit(self._saved_id())
        self.accept()
