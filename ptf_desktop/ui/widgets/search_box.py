"""A search field that leads into its results: Down or Enter moves the focus to the list.

Typing narrows a list; Down or Enter then moves the keyboard into that list, on its
first row (or the row already selected), where Up, Down and Enter carry on as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget

_INTO_RESULTS = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchBox(QLineEdit):
    """A line edit with a clear button that hands the keyboard over to ``results``."""

    def __init__(
        self,
        placeholder: str = "Search…",
        results: QAbstractItemView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.results = results
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802  (Qt's name)
        if event.key() in _INTO_RESULTS and self._enter_results():
            event.accept()
            return
        super().keyPressEvent(event)

    def _enter_results(self) -> bool:
        view = self.results
        model = view.model() if view is not None else None
        if view is None or model is None or model.rowCount() == 0:
            return False
        current = view.currentIndex()
        selection = view.selectionModel()
        if not current.isValid() or not selection.isRowSelected(current.row(), current.parent()):
            first = model.index(0, 0)
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.setCurrentIndex(first, flags)
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        view.scrollTo(view.currentIndex())
        return True
