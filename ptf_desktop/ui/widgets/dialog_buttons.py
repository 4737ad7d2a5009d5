"""The OK-or-Cancel row of buttons at the foot of a dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox

Standard = QDialogButtonBox.StandardButton


def dialog_buttons(
    dialog: QDialog,
    accept: Standard,
    on_accepted: Callable[[], object] | None = None,
    text: str = "",
) -> QDialogButtonBox:
    """The ``accept`` button (Ok, Save...) and Cancel, wired to the dialog.

    Args:
        dialog: the dialog they close; Cancel rejects it.
        accept: the standard button that accepts.
        on_accepted: called when it is clicked (default: the dialog's ``accept``), so a
            dialog can check and save before it closes.
        text: the accept button's text, when it says what it does ("Choose", "Issue").
    """
    buttons = QDialogButtonBox(accept | Standard.Cancel)
    if text:
        buttons.button(accept).setText(text)
    buttons.accepted.connect(on_accepted or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
