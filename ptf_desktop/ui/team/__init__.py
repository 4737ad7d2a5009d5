"""Team sync in the window: joining, automatic sync, status bar, Team panel, conflicts inbox.

``TeamControls`` is what the main window holds: it adds the File menu's team actions and
the status bar's state, and runs the automatic sync of the open database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from .runner import TeamSyncRunner
from .status import TeamStatusButton

if TYPE_CHECKING:
    from ...services.context import AppContext
    from ...services.sync.team import TeamSync
    from ..window_base import DatabaseWindow
    from .panel import TeamPanel

SYNC_SHORTCUT = "Ctrl+Shift+S"


class TeamControls(QObject):
    """The team actions, the status bar button and the runner of one window."""

    def __init__(self, window: DatabaseWindow, file_menu: QMenu, before: QAction | None) -> None:
        super().__init__(window)
        self._window = window
        self.status = TeamStatusButton()
        window.statusBar().addPermanentWidget(self.status)
        self.status.clicked.connect(self.open_panel)
        self.join_action = self._action(file_menu, before, "&Join team…", self.open_join)
        self.sync_action = self._action(file_menu, before, "S&ync with the team now",
                                        self.sync_now, SYNC_SHORTCUT)  # fmt: skip
        self.panel_action = self._action(file_menu, before, "&Team…", self.open_panel)
        self.conflicts_action = self._action(file_menu, before, "&Conflicts to review…",
                                             self.open_conflicts)  # fmt: skip
        file_menu.insertSeparator(before) if before is not None else file_menu.addSeparator()
        self.panel: TeamPanel | None = None
        self.runner = self._make_runner(window.context)
        pages = getattr(window, "pages", None)
        if pages is not None:  # a list built later gets its badges when shown
            pages.currentChanged.connect(self._mark_conflicts)

    def _action(self, menu: QMenu, before: QAction | None, text: str, slot: object,
                shortcut: str | None = None) -> QAction:  # fmt: skip
        action = QAction(text, self._window)
        action.triggered.connect(slot)
        if shortcut:
            action.setShortcuts([QKeySequence(shortcut)])
        if before is None:
            menu.addAction(action)
        else:
            menu.insertAction(before, action)
        return action

    def _make_runner(self, context: AppContext) -> TeamSyncRunner:
        runner = TeamSyncRunner(context, self)
        runner.state_changed.connect(self._on_runner_state_changed)
        runner.revoked.connect(self._on_runner_revoked)
        return runner

    def start(self) -> None:
        """Sync the open database now and from now on (if it has joined a team)."""
        self.runner.start()

    def switch(self, context: AppContext) -> None:
        """Another database is shown: its own sync replaces the old one's."""
        self.runner.stop()
        self.runner.deleteLater()
        if self.panel is not None:
            self.panel.close()
            self.panel = None
        self.status.hide()
        self.runner = self._make_runner(context)
        self.runner.start()

    def stop(self) -> None:
        """The window closes: no more syncs."""
        self.runner.stop()

    # -- actions ----------------------------------------------------------------------------

    def sync_now(self) -> None:
        """Sync now (Ctrl+Shift+S)."""
        if self.runner.joined is False:
            self._window.statusBar().showMessage("This database has not joined a team.", 5000)
            return
        self._window.statusBar().showMessage("Syncing with the team…", 3000)
        self.runner.sync_now()

    def open_join(self) -> None:
        """File > Join team… (a dialog that stays usable while joining)."""
        from .join_dialog import JoinTeamDialog

        dialog = JoinTeamDialog(self._window.context, self._window)
        dialog.joined.connect(self._on_dialog_joined)
        dialog.open()

    def open_panel(self) -> TeamPanel:
        """The Team panel (one per window, brought to front when open)."""
        from .panel import TeamPanel

        if self.panel is None:
            self.panel = TeamPanel(self.runner, self._window)
        if self.panel.isVisible():
            self.panel.raise_()  # already open behind the window
        self.panel.show()
        return self.panel

    def open_conflicts(self) -> None:
        """The conflicts inbox."""
        from .inbox import ConflictsInbox

        ConflictsInbox(self.runner, self._window).show()

    # -- outcomes ---------------------------------------------------------------------------

    def _on_dialog_joined(self, team: TeamSync) -> None:
        from ..changes import Changes, announce

        announce(Changes.ALL, initiator=self.runner)  # the team's register came in
        self.runner.adopt(team)

    def _on_runner_state_changed(self, state: object) -> None:
        self.status.show_state(state)  # type: ignore[arg-type]
        self.join_action.setEnabled(not state.joined)  # type: ignore[attr-defined]
        self._mark_conflicts()

    def _mark_conflicts(self, *_args: object) -> None:
        """Badge the organizations with an open conflict in the list, if it is built."""
        state = self.runner.state
        page = getattr(self._window, "built_page", lambda _key: None)("organizations")
        model = getattr(page, "model", None)
        if state is not None and model is not None and hasattr(model, "set_conflicted"):
            model.set_conflicted(state.conflicted_rows)

    def _on_runner_revoked(self, message: str) -> None:
        from .panel import REVOKED_EXPLANATION

        box = QMessageBox(QMessageBox.Icon.Warning, "Removed from the team",
                          f"{REVOKED_EXPLANATION}\n\nThe server said: {message}",
                          QMessageBox.StandardButton.Ok, self._window)  # fmt: skip
        box.setObjectName("revokedNotice")
        box.setModal(False)  # the window stays usable: its work goes on without the team
        box.show()
