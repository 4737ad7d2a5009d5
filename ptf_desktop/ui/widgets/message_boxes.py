"""Message boxes the pages share: a warning, and a question whose button says what it does.

With them, running work that may be refused, and showing a dialog for what it produces.

Their text is plain, never markup: it quotes organization names and what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ...services.errors import DatabaseProblem, UserError

_T = TypeVar("_T")
_D = TypeVar("_D", bound=QDialog)


def warn(parent: QWidget, title: str, message: str, name: str) -> None:
    """Show a warning and wait until it is closed; ``name`` is its object name."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=parent)
    box.setObjectName(name)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def confirm(
    parent: QWidget,
    title: str,
    text: str,
    action: str,
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.AcceptRole,
    name: str = "",
) -> bool:
    """Ask before an action: True when the button labelled ``action`` was clicked.

    Args:
        parent: the window the question belongs to.
        title: the box's title.
        text: the question.
        action: the label of the button that goes ahead (Cancel is the other).
        icon: the box's icon (a warning when there is something to weigh).
        role: the button's role (DestructiveRole for a deletion).
        name: the box's object name, if tests or style sheets need it.
    """
    box = QMessageBox(icon, title, text, parent=parent)
    if name:
        box.setObjectName(name)
    box.setTextFormat(Qt.TextFormat.PlainText)
    button = box.addButton(action, role)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is button


def result_or_warning(parent: QWidget, title: str, work: Callable[[], _T]) -> _T | None:
    """What the work returned; None after a warning titled ``title`` when it was refused.

    A refusal is what the person can act on: a user's mistake or an unusable database.
    """
    try:
        return work()
    except (UserError, DatabaseProblem) as problem:
        QMessageBox.warning(parent, title, str(problem))
        return None


def exec_and_release(dialog: _D, outcome: Callable[[_D], _T]) -> _T:
    """Show a modal dialog, then free it; what ``outcome`` reads from it once closed."""
    dialog.exec()
    result = outcome(dialog)
    dialog.deleteLater()
    return result
