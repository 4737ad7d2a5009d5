"""A record window's notices about the team: an open conflict, and changes from others.

The banner sits at the top of a record window. It finds the window's team sync by
walking up to the main window (the one with ``team``). After a sync brought changes it
reads the record again; when it differs from what the window shows it says so and
offers Reload, which keeps what the person typed and has not saved. A record with an
open conflict shows a badge with a button to the conflicts inbox.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..changes import Changes, change_hub
from .runner import TeamSyncRunner

BANNER_STYLE = """
QWidget#conflictBadge, QWidget#changedNotice {
    border-radius: 4px; padding: 2px 6px;
}
QWidget#conflictBadge { background: #fff4e5; color: #8a4b00; border: 1px solid #ffb74d; }
QWidget#changedNotice { background: #e8f0fe; color: #0d47a1; border: 1px solid #90caf9; }
"""


def team_controls(widget: QObject | None) -> Any:
    """The team controls of the main window a widget belongs to, or None."""
    while widget is not None:
        team = getattr(widget, "team", None)
        if team is not None and hasattr(team, "runner"):
            return team
        widget = widget.parent()
    return None


class TeamRecordBanner(QWidget):
    """Notices about one record: its open conflict, and changes made by others.

    Args:
        record_id: the id of the record shown (None for a record not stored yet).
        read: reads the record as stored now (compared with ``shown``).
        shown: the record as the window shows it.
        reload: shows the stored record again, keeping unsaved edits.
    """

    def __init__(self, record_id: Callable[[], uuid.UUID | None], read: Callable[[], object],
                 shown: Callable[[], object], reload: Callable[[], None],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setStyleSheet(BANNER_STYLE)
        self._record_id, self._read, self._shown, self._reload = record_id, read, shown, reload
        self.conflict = QWidget()
        self.conflict.setObjectName("conflictBadge")
        self.conflict_label = QLabel("⚠ This record has a conflict to review: two people "
                                     "changed the same field differently.")  # fmt: skip
        self.review_button = QPushButton("Review…")
        _row(self.conflict, self.conflict_label, self.review_button)
        self.changed = QWidget()
        self.changed.setObjectName("changedNotice")
        self.changed_label = QLabel("Someone in the team changed this record while it was open.")
        self.reload_button = QPushButton("Reload")
        self.reload_button.setToolTip("Show their changes; what you typed and have not "
                                      "saved stays in the form.")  # fmt: skip
        _row(self.changed, self.changed_label, self.reload_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.conflict)
        layout.addWidget(self.changed)
        self.conflict.hide()
        self.changed.hide()
        self.review_button.clicked.connect(self._on_review_button_clicked)
        self.reload_button.clicked.connect(self._on_reload_button_clicked)
        change_hub().changed.connect(self._on_hub_changed)
        self._runner: TeamSyncRunner | None = None

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._follow()

    def _follow(self) -> None:
        team = team_controls(self.parentWidget())
        runner = None if team is None else team.runner
        if runner is self._runner:
            return
        self._runner = runner
        if runner is not None:
            runner.state_changed.connect(self._on_runner_state_changed)
            if runner.state is not None:
                self._on_runner_state_changed(runner.state)

    def _on_runner_state_changed(self, state: Any) -> None:
        record = self._record_id()
        self.conflict.setVisible(record is not None and record in state.conflicted_rows)

    def _on_hub_changed(self, _changes: Changes, initiator: object) -> None:
        if not isinstance(initiator, TeamSyncRunner) or self._record_id() is None:
            return
        if self._read() != self._shown():
            self.changed.show()

    def _on_reload_button_clicked(self) -> None:
        self.changed.hide()
        self._reload()

    def _on_review_button_clicked(self) -> None:
        team = team_controls(self.parentWidget())
        if team is not None:
            team.open_conflicts()


def _row(frame: QWidget, label: QLabel, button: QPushButton) -> None:
    label.setWordWrap(True)
    layout = QHBoxLayout(frame)
    layout.setContentsMargins(6, 2, 6, 2)
    layout.addWidget(label, 1)
    layout.addWidget(button)
