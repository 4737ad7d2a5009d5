"""The team sync state in the status bar: one flat button, a click opens the Team panel."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QPushButton, QWidget

from ...services.sync.team_records import (
    CONFLICTS,
    ERROR,
    IN_SYNC,
    OFFLINE,
    REVOKED,
    WAITING,
    TeamState,
)

STATUS_STYLE = """
QPushButton#teamStatus { border: none; padding: 0 8px; text-align: left; }
QPushButton#teamStatus:hover { text-decoration: underline; }
QPushButton#teamStatus[kind="in_sync"] { color: #1b5e20; }
QPushButton#teamStatus[kind="waiting"] { color: #0d47a1; }
QPushButton#teamStatus[kind="offline"] { color: #5f6368; }
QPushButton#teamStatus[kind="conflicts"] { color: #8a4b00; font-weight: bold; }
QPushButton#teamStatus[kind="error"], QPushButton#teamStatus[kind="revoked"] {
    color: #b00020; font-weight: bold;
}
"""
_MAX_REASON = 60


def local_time(moment: datetime | None) -> str:
    """A moment as the local HH:MM (with the date when not today)."""
    if moment is None:
        return "never"
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def status_text(state: TeamState) -> str:
    """What the status bar says about a state."""
    waiting = _waiting(state.changes_waiting)
    if state.kind == IN_SYNC:
        return "✓ In sync with the team"
    if state.kind == WAITING:
        return f"↻ {waiting} waiting"
    if state.kind == OFFLINE:
        suffix = f" · {waiting} waiting" if state.changes_waiting else ""
        return f"Offline since {local_time(state.offline_since)}{suffix}"
    if state.kind == CONFLICTS:
        plural = "s" if state.conflicts_open != 1 else ""
        return f"⚠ {state.conflicts_open} conflict{plural} to review"
    if state.kind == REVOKED:
        return "⚠ This device was removed from the team"
    if state.kind == ERROR:
        reason = state.problem if len(state.problem) <= _MAX_REASON else (
            state.problem[: _MAX_REASON - 1] + "…"
        )  # fmt: skip
        return f"⚠ Sync failed: {reason}"
    return ""


def _waiting(count: int) -> str:
    return f"{count} change{'s' if count != 1 else ''}"


class TeamStatusButton(QPushButton):
    """The state of team sync; hidden while the database has not joined a team."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamStatus")
        self.setFlat(True)
        self.setStyleSheet(STATUS_STYLE)
        self.setToolTip("Team sync: click for the Team panel")
        self.hide()

    def show_state(self, state: TeamState) -> None:
        """Show a state (and hide the button for a database not in a team)."""
        self.setVisible(state.joined)
        self.setText(status_text(state))
        self.setProperty("kind", state.kind)
        detail = f"Last sync: {local_time(state.last_sync_at)}. Click for the Team panel."
        if state.problem:
            detail = f"{state.problem}\n{detail}"
        self.setToolTip(detail)
        self.style().unpolish(self)  # the colour follows the "kind" property
        self.style().polish(self)
