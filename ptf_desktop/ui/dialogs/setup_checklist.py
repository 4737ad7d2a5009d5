"""Help > Getting started: what the office still has to set up, each item opening its place.

Shown by itself at start while something is missing (until the person says not to), so
a new office sees the whole list at once instead of meeting a refused invoice. It does
not block the window: the person fills in Settings with the list beside it, and each
item is ticked off as soon as a save announces the change.
"""

from __future__ import annotations

from typing import Protocol, cast

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.context import AppContext
from ...services.setup_checklist import ChecklistItem, Place, setup_checklist
from ..changes import Changes, change_hub


class ChecklistWindow(Protocol):
    """What the checklist needs of the main window (which opens it: no import back)."""

    context: AppContext

    def page(self, key: str) -> QWidget:
        """Show an area and return its page."""


SHOW_AT_START = "setup_checklist/show_at_start"
_DONE, _TO_DO = "\u2714", "\u25cb"  # heavy check mark, white circle
DONE_COLOUR = "#2e7d32"  # green, readable on light and dark backgrounds


class SetupChecklistDialog(QDialog):
    """The checklist, read again whenever settings, fees or the register change."""

    def __init__(self, window: ChecklistWindow) -> None:
        super().__init__(cast(QWidget, window))  # the main window is a QWidget
        self.setObjectName("setupChecklist")
        self.setWindowTitle("Getting started")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._window = window
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.rows = QGridLayout()
        self.show_at_start = QCheckBox("Show this list at start until everything is done")
        self.show_at_start.setChecked(_shown_at_start())
        self.show_at_start.toggled.connect(_set_shown_at_start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.rows)
        layout.addWidget(self.show_at_start)
        layout.addWidget(buttons)
        self.items: tuple[ChecklistItem, ...] = ()
        self.open_buttons: list[QPushButton] = []
        change_hub().changed.connect(self._on_hub_changed)
        self.refresh()

    def refresh(self) -> None:
        """Read the checklist again and show it."""
        self.items = setup_checklist(self._window.context)
        _clear(self.rows)
        self.open_buttons = []
        for row, item in enumerate(self.items):
            self._add_row(row, item)
        done = sum(item.done for item in self.items)
        self.intro.setText(
            f"Before the first invoice and certificate: {done} of {len(self.items)} done."
        )

    def _add_row(self, row: int, item: ChecklistItem) -> None:
        mark = QLabel(_DONE if item.done else _TO_DO)
        mark.setAccessibleName("done" if item.done else "to do")
        if item.done:
            mark.setStyleSheet(f"color: {DONE_COLOUR};")
        text = QLabel(f"<b>{item.title}</b><br><small>{item.why}</small>")
        text.setTextFormat(Qt.TextFormat.RichText)  # the texts are the app's own
        button = QPushButton("Open")
        button.setAccessibleName(f"Open: {item.title}")
        button.clicked.connect(lambda: open_place(self._window, item.place))
        self.open_buttons.append(button)
        self.rows.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
        self.rows.addWidget(text, row, 1)
        self.rows.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)

    def _on_hub_changed(self, changes: Changes, _initiator: object) -> None:
        if changes & (Changes.SETTINGS | Changes.ORGANIZATIONS):
            self.refresh()

    def done(self, result: int) -> None:  # noqa: D102 - QDialog's
        change_hub().changed.disconnect(self._on_hub_changed)
        super().done(result)


def open_place(window: ChecklistWindow, place: Place) -> None:
    """Show the area, tab and field where an item of the checklist is done."""
    if place is Place.MEMBERS:
        window.page("organizations")  # shows it; an empty register offers import and add
        return
    page = window.page("settings")
    tabs = page.tabs  # type: ignore[attr-defined]
    if place is Place.FEES:
        tabs.setCurrentWidget(page.fee_schedules)  # type: ignore[attr-defined]
    elif place is Place.SIGNING:
        tabs.setCurrentWidget(page.signing)  # type: ignore[attr-defined]
    else:
        tabs.setCurrentIndex(0)
        field = "bank_name" if place is Place.BANK else "tax_id"
        page.fields[field].widgets()[1].setFocus()  # type: ignore[attr-defined]


def offer_setup_checklist(window: ChecklistWindow) -> SetupChecklistDialog | None:
    """At start: show the checklist when something is missing and the person wants it."""
    if not _shown_at_start() or window.context.read_only:
        return None
    if all(item.done for item in setup_checklist(window.context)):
        return None
    dialog = SetupChecklistDialog(window)
    dialog.show()
    return dialog


def _shown_at_start() -> bool:
    return bool(QSettings().value(SHOW_AT_START, True, type=bool))


def _set_shown_at_start(shown: bool) -> None:
    QSettings().setValue(SHOW_AT_START, shown)


def _clear(layout: QGridLayout) -> None:
    while layout.count():
        taken = layout.takeAt(0)
        widget: QWidget | None = taken.widget() if taken is not None else None
        if widget is not None:
            widget.deleteLater()
