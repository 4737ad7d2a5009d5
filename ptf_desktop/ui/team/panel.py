"""The Team panel: the server, this device and its state, the last syncs.

Opened from the status bar (or Team > Team panel…). It follows the runner: every sync
updates it. A revoked device is explained here: the office manager removed it from the
team, its changes stay on this laptop, and a new enrolment code joins again.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.sync.team_records import REVOKED, SyncAttempt, TeamState
from ..widgets.table_model import Column, ColumnTableModel
from ..widgets.tables import list_table
from .runner import TeamSyncRunner
from .status import STATUS_STYLE, local_time, status_text

_OUTCOMES = {"ok": "Done", "offline": "Offline", "error": "Failed", "revoked": "Refused"}
REVOKED_EXPLANATION = (
    "The office manager removed this device from the team (ptf-server devices revoke), so "
    "the server refuses its syncs. Nothing is lost: this laptop keeps its register and the "
    "changes not yet sent. To work with the team again, ask for a new enrolment code."
)


def _outcome(attempt: SyncAttempt) -> str:
    return _OUTCOMES.get(attempt.outcome, attempt.outcome)


def _what(attempt: SyncAttempt) -> str:
    if attempt.outcome != "ok":
        return attempt.message
    parts = [f"{attempt.pushed} sent", f"{attempt.pulled} received"]
    if attempt.conflicts:
        parts.append(f"{attempt.conflicts} new conflict{'s' if attempt.conflicts != 1 else ''}")
    if attempt.refused:
        parts.append(f"{attempt.refused} refused")
    return ", ".join(parts)


HISTORY_COLUMNS: tuple[Column[SyncAttempt], ...] = (
    Column("When", lambda a: local_time(a.at), sort=lambda a: a.at),
    Column("Outcome", _outcome),
    Column("What", _what, tooltip=lambda a: a.message or None),
)


class TeamPanel(QDialog):
    """Where this laptop stands with its team server (non-modal)."""

    def __init__(self, runner: TeamSyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamPanel")
        self.setWindowTitle("Team")
        self.setStyleSheet(STATUS_STYLE)
        self.resize(640, 480)
        self._runner = runner
        self.state_label = QLabel()
        self.state_label.setObjectName("teamState")
        self.state_label.setStyleSheet("font-weight: bold; font-size: 14px;")
        names = ("server", "device", "last_sync", "waiting", "conflicts", "refused")
        self.facts = {name: QLabel() for name in names}
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setObjectName("revokedExplanation")
        self.explanation.setStyleSheet("background: #fdecea; color: #611a15; padding: 8px;")
        self.explanation.hide()
        self.history = ColumnTableModel(HISTORY_COLUMNS, self)
        self.history_table = list_table(
            "syncHistory", self.history, resize=QHeaderView.ResizeMode.ResizeToContents
        )
        self.sync_button = QPushButton("Sync now")
        self.conflicts_button = QPushButton("Review conflicts…")
        self.close_button = QPushButton("Close")
        self.sync_button.clicked.connect(self._on_sync_button_clicked)
        self.conflicts_button.clicked.connect(self._on_conflicts_button_clicked)
        self.close_button.clicked.connect(self.close)
        self._lay_out()
        runner.state_changed.connect(self._on_runner_state_changed)
        runner.synced.connect(self._on_runner_synced)
        if runner.state is not None:
            self.show_state(runner.state)
        self._read_history()

    def _lay_out(self) -> None:
        form = QFormLayout()
        labels = {"server": "Server:", "device": "This device:", "last_sync": "Last sync:",
                  "waiting": "Changes waiting:", "conflicts": "Conflicts to review:",
                  "refused": "Changes refused:"}  # fmt: skip
        for name, text in labels.items():
            self.facts[name].setObjectName(f"team_{name}")
            form.addRow(text, self.facts[name])
        history = QGroupBox("Recent syncs")
        box = QVBoxLayout(history)
        box.addWidget(self.history_table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.conflicts_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(history, 1)
        layout.addLayout(buttons)

    def show_state(self, state: TeamState) -> None:
        """Show where the laptop stands."""
        self.state_label.setText(status_text(state) or "Not in a team")
        device = state.device_name or ""
        if state.device_code:
            device += f" ({state.device_code})"
        if state.kind == REVOKED:
            device += " — removed from the team"
        self.facts["server"].setText(state.server_url or "not joined")
        self.facts["device"].setText(device)
        self.facts["last_sync"].setText(local_time(state.last_sync_at))
        self.facts["waiting"].setText(str(state.changes_waiting))
        self.facts["conflicts"].setText(str(state.conflicts_open))
        self.facts["refused"].setText(str(state.changes_refused))
        self.explanation.setText(f"{REVOKED_EXPLANATION}\n\nThe server said: {state.problem}")
        self.explanation.setVisible(state.kind == REVOKED)
        self.conflicts_button.setEnabled(state.conflicts_open > 0 or state.changes_refused > 0)

    def _read_history(self) -> None:
        team = self._runner.team
        if team is not None:
            self.history.set_rows(team.history())

    def _on_runner_state_changed(self, state: TeamState) -> None:
        self.show_state(state)

    def _on_runner_synced(self, _outcome: object) -> None:
        self._read_history()

    def _on_sync_button_clicked(self) -> None:
        self._runner.sync_now()

    def _on_conflicts_button_clicked(self) -> None:
        from .inbox import ConflictsInbox

        inbox = ConflictsInbox(self._runner, self)
        inbox.show()
