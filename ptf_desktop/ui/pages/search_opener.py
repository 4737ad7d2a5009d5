"""Opening what the global search found: an organization, a contact's, or a document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ...services.register.global_search import CONTACT, ORGANIZATION, SearchHit
from .organizations.record_window import open_organization
from .record_opener import open_document

if TYPE_CHECKING:
    from ...services.context import AppContext


def open_hit(context: AppContext, undo_stack: QUndoStack, hit: SearchHit, parent: QWidget) -> None:
    """Open what a search found: an organization (a contact's on its Contacts tab) or a document."""
    if hit.kind == ORGANIZATION:
        open_organization(context, undo_stack, hit.id, parent)
    elif hit.kind == CONTACT:
        open_organization(context, undo_stack, hit.organization_id, parent, tab="Contacts")
    else:
        open_document(context, hit.kind, hit.id, parent)
