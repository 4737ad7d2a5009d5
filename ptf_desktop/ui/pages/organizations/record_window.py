"""Opening an organization's record in its own window, beside the main window.

From the Organizations list, the Contacts area and the global search. The window is
non-modal and known by its organization (``record_windows``): opening it twice raises
the one already open.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ....services.register.global_search import ORGANIZATION
from ..record_windows import show_record_window

if TYPE_CHECKING:
    from ....services.context import AppContext
    from .editor import OrganizationEditorDialog


def open_organization(
    context: AppContext,
    undo_stack: QUndoStack,
    organization_id: uuid.UUID,
    parent: QWidget | None,
    *,
    tab: str | None = None,
    prepare: Callable[[OrganizationEditorDialog], object] | None = None,
    new: bool = False,
) -> OrganizationEditorDialog:
    """Open (or raise) an organization's record window, showing ``tab`` if named.

    ``prepare`` is called with a window newly made (to connect its signals), not with
    one raised. With ``new`` the window is a new organization's, ``organization_id``
    only naming its window until it is saved.
    """
    from .editor import OrganizationEditorDialog

    def make() -> QWidget:
        record = None if new else organization_id
        dialog = OrganizationEditorDialog(context, record, undo_stack, parent)
        if prepare is not None:
            prepare(dialog)
        return dialog

    window = show_record_window((ORGANIZATION, organization_id), make)
    assert isinstance(window, OrganizationEditorDialog)
    if tab is not None:
        window.show_tab(tab)
    return window
