"""The global search behind the toolbar's field (``search_field``): matches as you type.

Organizations, contacts and invoice, quote, credit-note and certificate numbers come in
one list under the field. The lookup runs off the GUI thread (``tasks``) a moment after
the last keystroke, and an answer to older text is dropped. Down and Up move through
the list while the field keeps the focus, Enter (or a click) opens the record in its own
window, Escape closes the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .widgets.table_model import RECORD_ROLE, Column, ColumnTableModel
from .widgets.text_label import text_label

if TYPE_CHECKING:
    # The service (and SQLAlchemy under it) loads with the first search, not at start-up.
    from ..services.context import AppContext
    from ..services.register.global_search import SearchHit
    from .tasks import Task

# Wait this long after a keystroke: a quick typist costs one lookup, not one per letter.
TYPING_PAUSE_MS = 150
_KIND_LABELS = {"credit note": "Credit note"}

HIT_COLUMNS: tuple[Column[SearchHit], ...] = (
    Column("Kind", lambda h: _KIND_LABELS.get(h.kind, h.kind.capitalize())),
    Column("Name or number", lambda h: h.title, tooltip=lambda h: h.title),
    Column("Details", lambda h: h.detail, tooltip=lambda h: h.detail),
)


class SearchResults(QFrame):
    """The list under the field: a table of hits, or a line saying nothing matched."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("globalSearchResults")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.model: ColumnTableModel[SearchHit] = ColumnTableModel(HIT_COLUMNS, parent=self)
        self.table = QTableView()
        self.table.setObjectName("globalSearchTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the keyboard
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 260)
        header.setStretchLastSection(True)
        self.empty = text_label(name="globalSearchEmpty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.hide()

    def show_hits(self, text: str, hits: list[SearchHit]) -> None:
        """Show the hits for ``text``, the first selected."""
        self.model.set_rows(hits)
        self.table.setVisible(bool(hits))
        self.empty.setVisible(not hits)
        self.empty.setText(f"Nothing matches “{text}”." if not hits else "")
        if hits:
            self.table.selectRow(0)

    def current_hit(self) -> SearchHit | None:
        """The hit selected, if any."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def move_selection(self, step: int) -> None:
        """Select the next (1) or previous (-1) hit."""
        count = self.model.rowCount()
        if not count:
            return
        rows = self.table.selectionModel().selectedRows()
        row = min(max((rows[0].row() if rows else -1) + step, 0), count - 1)
        self.table.selectRow(row)


class GlobalSearch(QObject):
    """The field and its results; ``opened`` says which hit a person chose.

    Signals:
        opened(object): the SearchHit chosen (Enter or a click).
    """

    opened = Signal(object)

    def __init__(self, context: AppContext, window: QWidget, field: QLineEdit) -> None:
        """Search the context's database as ``field`` is typed in; results show over ``window``."""
        super().__init__(window)
        self._context = context
        self._window = window
        self._task: Task | None = None
        self.field = field
        self.results = SearchResults(window)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.field.textEdited.connect(self._on_field_text_edited)
        self.field.installEventFilter(self)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.results.table.clicked.connect(self._on_table_clicked)

    def set_context(self, context: AppContext) -> None:
        """Search another database (after the window switched)."""
        self._context = context
        self._task = None
        self.close_results()

    def focus(self) -> None:
        """Put the cursor in the field, its text selected (Ctrl+K)."""
        self._window.activateWindow()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        if self.field.text().strip() and self.results.model.rowCount():
            self._place_results()

    def close_results(self) -> None:
        """Hide the list."""
        self.results.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key_pressed(event.key())
        if watched is self.field and event.type() == QEvent.Type.FocusOut:
            # A click in the list keeps it open long enough to open the hit clicked.
            QTimer.singleShot(200, self, self._on_focus_left)
        return False

    def _key_pressed(self, key: int) -> bool:
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            if not self.results.isVisible() and self.results.model.rowCount():
                self._place_results()
            self.results.move_selection(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.timer.isActive() or self._task is not None:
                self._search_now()  # Enter before the answer came: look up now
            self._open_current()
            return True
        if key == Qt.Key.Key_Escape and self.results.isVisible():
            self.close_results()
            return True
        return False

    def _search_now(self) -> None:
        """Look up the text at once, on this thread (Enter typed faster than the lookup)."""
        self.timer.stop()
        self._task = None  # its answer, when it comes, is for text already answered
        text = self.field.text()
        self._show(text, self._context.global_search.search(text) if text.strip() else [])

    def _open_current(self) -> None:
        hit = self.results.current_hit()
        if hit is not None and self.results.isVisible():
            self.close_results()
            self.opened.emit(hit)

    def _place_results(self) -> None:
        corner = self.field.mapTo(self._window, QPoint(0, self.field.height()))
        width = max(self.field.width(), min(640, self._window.width() - 16))
        left = max(
            8, min(corner.x() + self.field.width() - width, self._window.width() - width - 8)
        )
        rows = max(self.results.model.rowCount(), 1)
        height = min(
            self.results.table.verticalHeader().defaultSectionSize() * (rows + 1) + 16, 420
        )
        self.results.setGeometry(left, corner.y() + 2, width, height)
        self.results.show()
        self.results.raise_()

    def _show(self, text: str, hits: list[SearchHit]) -> None:
        if not text.strip():
            self.close_results()
            return
        self.results.show_hits(text, hits)
        self._place_results()

    # -- slots ------------------------------------------------------------------------------

    def _on_field_text_edited(self, _text: str) -> None:
        self.timer.start()

    def _on_timer_timeout(self) -> None:
        from .tasks import run_task  # loaded when first typed in

        text = self.field.text()
        if not text.strip():
            self.close_results()
            return
        search = self._context.global_search
        self._task = run_task(lambda _progress: (text, search.search(text)))
        self._task.succeeded.connect(self._on_task_succeeded)
        self._task.failed.connect(self._on_task_failed)

    def _on_task_succeeded(self, answer: object) -> None:
        text, hits = cast("tuple[str, list[SearchHit]]", answer)
        if text != self.field.text():
            return  # typed on since: the answer to the latest text follows
        self._task = None
        self._show(text, hits)

    def _on_task_failed(self, message: str) -> None:
        self._task = None
        self.results.show_hits(self.field.text(), [])
        self.results.empty.setText(f"Cannot search: {message}")
        self._place_results()

    def _on_table_clicked(self, index: QModelIndex) -> None:
        self.results.table.selectRow(index.row())
        self._open_current()

    def _on_focus_left(self) -> None:
        if not self.field.hasFocus():
            self.close_results()
