"""The toolbar's search field (Ctrl+K), cheap at start-up; the search itself loads on focus.

The field is there when the window first shows; its results list, table model and the
search service load the first time the field takes the focus (a click or Ctrl+K), which
is always before the first keystroke reaches it. Start-up so pays for a line edit only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QMainWindow, QSizePolicy, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent

    from ..services.context import AppContext
    from .global_search import GlobalSearch

_APPLICATION_SHORTCUT = 2  # Qt.ShortcutContext.ApplicationShortcut: reaches every window


class _FieldThatSaysWhenFocused(QLineEdit):
    """A line edit that calls ``before_focus`` before it takes the focus.

    An override, not an event filter: a Python event filter sees every event of the
    field from the first paint on, and the first makes PySide6 build QEvent and its
    types (4 ms); the override runs at the first focus only.
    """

    def __init__(self, before_focus: Callable[[], object]) -> None:
        super().__init__()
        self._before_focus = before_focus

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        self._before_focus()  # the search's own filter then sees every key the field gets
        super().focusInEvent(event)


class SearchField(QObject):
    """The field, and the search behind it once loaded.

    Signals:
        opened(object): the SearchHit a person chose.
    """

    opened = Signal(object)

    def __init__(self, context: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self._context = context
        self._window = window
        self._search: GlobalSearch | None = None
        self.field: QLineEdit = _FieldThatSaysWhenFocused(self.search)
        self.field.setObjectName("globalSearchField")
        self.field.setPlaceholderText("Search everything (Ctrl+K)")
        self.field.setToolTip(
            "Organizations, contacts, and invoice, quote, credit-note and certificate numbers"
        )
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(220)
        self.field.setMaximumWidth(360)

    def search(self) -> GlobalSearch:
        """The search behind the field, loaded on first use."""
        if self._search is None:
            from .global_search import GlobalSearch

            self._search = GlobalSearch(self._context, self._window, self.field)
            self._search.opened.connect(self.opened)
        return self._search

    @property
    def results(self) -> Any:
        """The list under the field (loads the search)."""
        return self.search().results

    @property
    def _task(self) -> object:
        return self._search._task if self._search is not None else None

    def set_context(self, context: AppContext) -> None:
        """Search another database (after the window switched)."""
        self._context = context
        if self._search is not None:
            self._search.set_context(context)

    def focus(self) -> None:
        """Put the cursor in the field, its text selected (Ctrl+K)."""
        self.search().focus()


def install_search_field(window: QMainWindow, context: AppContext) -> SearchField:
    """Put the search field in a toolbar of the window; Ctrl+K reaches it from any window."""
    search = SearchField(context, window)
    toolbar = window.addToolBar("Search")
    toolbar.setObjectName("searchToolbar")
    toolbar.setMovable(False)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    toolbar.addWidget(search.field)
    shortcut = QShortcut(QKeySequence("Ctrl+K"), window)
    # Qt.ShortcutContext.ApplicationShortcut (2), set through the property: the first use
    # of PySide6's Qt namespace builds all of it, 20 ms that start-up need not wait for.
    shortcut.setProperty("context", _APPLICATION_SHORTCUT)
    shortcut.activated.connect(search.focus)
    return search
