"""A grid whose number of columns follows its width: tiles and charts never squeeze.

At 1,600 pixels the dashboard shows five tiles and two charts a row; at 1,024 pixels
(or at 150% scale) fewer, each still wide enough to read, and the page scrolls.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QWidget


class ColumnGrid(QWidget):
    """Widgets in reading order, in as many columns of ``column_width`` as fit."""

    def __init__(self, column_width: int, max_columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._column_width = column_width
        self._max_columns = max_columns
        self._widgets: list[QWidget] = []
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(10)

    def add_widget(self, widget: QWidget) -> None:
        """Put ``widget`` after the others."""
        self._widgets.append(widget)
        self._place(self._columns_for(self.width()), force=True)
        if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
            widget.show()  # at once, not when the layout gets round to it

    def columns(self) -> int:
        """How many columns are shown."""
        return self._columns

    def _columns_for(self, width: int) -> int:
        spacing = self._grid.spacing()
        fitting = (width + spacing) // (self._column_width + spacing)
        return max(1, min(self._max_columns, fitting))

    def _place(self, columns: int, *, force: bool = False) -> None:
        if columns == self._columns and not force:
            return
        self._columns = columns
        for widget in self._widgets:
            self._grid.removeWidget(widget)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        for index, widget in enumerate(self._widgets):
            self._grid.addWidget(widget, index // columns, index % columns)
        for column in range(columns):
            self._grid.setColumnStretch(column, 1)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._place(self._columns_for(event.size().width()))
