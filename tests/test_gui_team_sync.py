"""Team sync in the window, against a real ptf-server (uvicorn on loopback, PostgreSQL).

A person joins a team from File > Join team…, keeps working while the server is down
(the status bar says offline, nothing pops up), sees the changes reach a second
laptop's window once the server is back, and settles a conflict from the inbox.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from ptf_desktop.paths import AppPaths
from ptf_desktop.services.context import AppContext, open_context
from ptf_desktop.services.sync import team_process
from ptf_desktop.services.sync.engine import SyncEngine
from ptf_desktop.ui.changes import Changes, announce
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.organizations.editor import OrganizationEditorDialog
from ptf_desktop.ui.team.inbox import ConflictsInbox
from ptf_desktop.ui.team.join_dialog import JoinTeamDialog

from helpers.billing import add_organization
from helpers.sync_server import RunningServer, free_port, running_server

WAIT_MS = 60_000


class Laptop:
    """A database and its main window, as one person has them."""

    def __init__(self, qtbot: QtBot, folder: Path, name: str) -> None:
        self.name = name
        self.context: AppContext = open_context(folder / name / "ptf.sqlite")
        paths = AppPaths(data_dir=folder / name, log_dir=folder / name / "logs",
                         database=self.context.path)  # fmt: skip
        self.window = MainWindow(self.context, paths)
        qtbot.addWidget(self.window)
        self.window.show()
        qtbot.waitUntil(lambda: self.window.team is not None and self.window.team.runner.joined
                        is not None, timeout=WAIT_MS)  # fmt: skip
        self.qtbot = qtbot

    @property
    def status(self) -> str:
        assert self.window.team is not None
        return self.window.team.status.text()

    def join(self, server: RunningServer) -> str:
        """File > Join team…, filled in as the office manager's e-mail says; the outcome."""
        action = self._file_action("&Join team…")
        action.trigger()
        dialog = self.window.findChild(JoinTeamDialog)
        assert dialog is not None
        dialog.address.setText(server.url)
        dialog.code.setText(server.add_device(self.name))
        dialog.device.setText(self.name)
        self.qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(lambda: dialog.outcome.property("kind") in ("ok", "refused"),
                             timeout=WAIT_MS)  # fmt: skip
        outcome = dialog.outcome.text()
        dialog.close()
        dialog.deleteLater()
        return outcome

    def sync(self, until: Callable[[str], bool]) -> None:
        """File > Sync with the team now, then wait for that sync and for the status bar.

        The action rather than its key: with two windows open, a key goes to the active one.
        """
        assert self.window.team is not None
        runner = self.window.team.runner
        action = self._file_action("S&ync with the team now")
        assert action.shortcut().toString() == "Ctrl+Shift+S"
        action.trigger()
        asked = runner.requested
        try:
            self.qtbot.waitUntil(lambda: runner.answered >= asked and until(self.status),
                                 timeout=WAIT_MS)  # fmt: skip
        except TimeoutError as timeout:
            raise AssertionError(f"{self.name}'s status bar says {self.status!r}") from timeout

    def edit(self, organization: uuid.UUID, **changes: Any) -> None:
        """A change made in this window (the editor stores it and announces it)."""
        self.context.organizations.update(organization, changes)
        announce(Changes.ORGANIZATIONS)

    def _file_action(self, text: str) -> Any:
        for action in self.window.menuBar().actions()[0].menu().actions():
            if action.text() == text:
                return action
        raise AssertionError(f"no File > {text}")


@pytest.fixture
def laptops(qtbot: QtBot, tmp_path: Path, memory_keyring: object) -> Iterator[list[Laptop]]:
    made = [Laptop(qtbot, tmp_path, name) for name in ("alpha", "bravo")]
    yield made
    for laptop in made:
        laptop.window.close()


def test_join_work_offline_and_the_changes_reach_another_laptop(
    qtbot: QtBot, laptops: list[Laptop], empty_postgres_url: str, tricky_names: list[str]
) -> None:
    alpha, bravo = laptops
    name = tricky_names[3]
    org = add_organization(alpha.context, name)
    port = free_port()
    with ExitStack() as first_run:
        server = first_run.enter_context(running_server(empty_postgres_url, port=port))
        assert "seeded the team server" in alpha.join(server)
        qtbot.waitUntil(lambda: "In sync" in alpha.status, timeout=WAIT_MS)
        assert alpha.window.team is not None and not alpha.window.team.join_action.isEnabled()

    # The server is down: work goes on, the status bar says so, nothing pops up.
    alpha.edit(org, city="Lyon")
    alpha.sync(lambda status: status.startswith("Offline since") and "1 change waiting" in status)
    assert QApplication.activeModalWidget() is None
    panel = alpha.window.team.open_panel()
    assert panel.facts["waiting"].text() == "1"
    assert panel.history.rows[0].outcome == "offline"

    with running_server(empty_postgres_url, port=port) as server:
        alpha.sync(lambda status: "In sync" in status)
        assert panel.history.rows[0].outcome == "ok" and panel.facts["waiting"].text() == "0"

        outcome = bravo.join(server)
        assert "Joined the team" in outcome and "records received" in outcome
        organizations = bravo.window.page("organizations")
        qtbot.waitUntil(lambda: organizations.model.rowCount() == 1, timeout=WAIT_MS)
        assert organizations.model.organization_at(0).display_name == name
        assert bravo.context.organizations.get(org).fields.city == "Lyon"

        # Later changes arrive in the open list and the open record window, which keeps
        # what its person typed and has not saved.
        editor = OrganizationEditorDialog(bravo.context, org, bravo.window.undo_stack, bravo.window)
        qtbot.addWidget(
            editor, before_close_func=lambda d: d.organization_tab.revert_button.click()
        )
        editor.show()
        postal_code = editor.findChild(QLineEdit, "field_postal_code")
        postal_code.setFocus()
        postal_code.selectAll()
        qtbot.keyClicks(postal_code, "69001")
        alpha.edit(org, display_name=f"{name} (renamed)")
        alpha.sync(lambda status: "In sync" in status)
        bravo.sync(lambda status: "In sync" in status)
        qtbot.waitUntil(
            lambda: organizations.model.organization_at(0).display_name == f"{name} (renamed)",
            timeout=WAIT_MS,
        )
        assert editor.team_banner.changed.isVisible()
        assert editor.title.text() == name
        qtbot.mouseClick(editor.team_banner.reload_button, Qt.MouseButton.LeftButton)
        assert editor.title.text() == f"{name} (renamed)"
        assert postal_code.text() == "69001" and editor.organization_tab.save_button.isEnabled()
        assert not editor.team_banner.changed.isVisible()
        history = bravo.context.audit.history(owner_id=org)
        renamed = next(r for r in history if r.field == "display_name" and r.action == "update")
        assert (renamed.person, renamed.device, renamed.arrived_by_sync) == (
            alpha.context.actor, "alpha", True)  # fmt: skip
        mine = next(r for r in alpha.context.audit.history(owner_id=org)
                    if r.field == "display_name" and r.action == "update")  # fmt: skip
        assert (mine.device, mine.arrived_by_sync) == ("alpha", False)
        editor.tabs.setCurrentWidget(editor.history)
        where = editor.history.model.headers.index("Where")
        model = editor.history.model
        shown = {model.index(row, where).data() for row in range(model.rowCount())}
        # Alpha's rename, and what alpha did before the team existed, both came by sync.
        assert shown == {"alpha ⇄", "another device ⇄"}


def test_a_conflict_is_settled_from_the_inbox(
    qtbot: QtBot, laptops: list[Laptop], empty_postgres_url: str
) -> None:
    alpha, bravo = laptops
    for laptop in laptops:  # each syncs only when asked: the order makes the conflict
        assert laptop.window.team is not None
        laptop.window.team.runner.set_delays(3_600_000, 3_600_000)
    org = add_organization(alpha.context, "Conflicted Labs")
    with running_server(empty_postgres_url) as server:
        alpha.join(server)
        bravo.join(server)
        qtbot.waitUntil(lambda: "In sync" in bravo.status, timeout=WAIT_MS)
        alpha.edit(org, city="Lyon")
        bravo.edit(org, city="Graz")
        alpha.sync(lambda status: "In sync" in status)
        bravo.sync(lambda status: "1 conflict to review" in status)

        inbox = ConflictsInbox(bravo.window.team.runner, bravo.window)
        qtbot.addWidget(inbox)
        inbox.show()
        qtbot.waitUntil(lambda: inbox.conflicts.rowCount() == 1, timeout=WAIT_MS)
        shown = [inbox.conflicts.text(inbox.conflicts.rows[0], c) for c in range(6)]
        assert shown == ["Organization Conflicted Labs", "City", "Berlin", "Graz", "Lyon",
                         f"{alpha.context.actor} on alpha"]  # fmt: skip
        # The record carries a badge where it appears: the list and its window.
        organizations = bravo.window.page("organizations")
        qtbot.waitUntil(lambda: organizations.model.rowCount() == 1, timeout=WAIT_MS)
        name_cell = organizations.model.index(0, organizations.model.NAME)
        assert name_cell.data(Qt.ItemDataRole.DecorationRole) is not None
        assert "conflict" in name_cell.data(Qt.ItemDataRole.ToolTipRole)
        editor = OrganizationEditorDialog(bravo.context, org, bravo.window.undo_stack, bravo.window)
        qtbot.addWidget(editor)
        editor.show()
        assert editor.team_banner.conflict.isVisible()
        assert inbox.keep_mine.isEnabled() and inbox.use_typed.isEnabled()
        qtbot.mouseClick(inbox.keep_mine, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: inbox.notice.text() == "No open conflicts.", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: "In sync" in bravo.status, timeout=WAIT_MS)
        assert bravo.context.organizations.get(org).fields.city == "Graz"
        qtbot.waitUntil(lambda: not editor.team_banner.conflict.isVisible(), timeout=WAIT_MS)
        assert name_cell.data(Qt.ItemDataRole.DecorationRole) is None
        alpha.sync(lambda status: "In sync" in status)
        assert alpha.context.organizations.get(org).fields.city == "Graz"

        # The office manager revokes bravo: it is told once, and the Team panel explains.
        assert server.command("devices", "revoke", "bravo").returncode == 0
        bravo.sync(lambda status: "removed from the team" in status)
        notice = bravo.window.findChild(QMessageBox, "revokedNotice")
        assert notice is not None and notice.isVisible() and not notice.isModal()
        assert "ask for a new enrolment code" in notice.text()
        notice.close()
        panel = bravo.window.team.open_panel()
        assert panel.explanation.isVisible() and "revoked" in panel.explanation.text()
        device = panel.facts["device"].text()
        assert device.startswith("bravo (L") and device.endswith(") — removed from the team")
        last = panel.history.rows[0].at
        bravo.sync(lambda status: panel.history.rows[0].at != last)
        assert panel.history.rows[0].outcome == "revoked"
        assert len(bravo.window.findChildren(QMessageBox, "revokedNotice")) == 1  # told once


def test_syncs_run_in_a_worker_process(
    qtbot: QtBot, tmp_path: Path, memory_keyring: object, empty_postgres_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    alpha = Laptop(qtbot, tmp_path, "alpha")
    org = add_organization(alpha.context, "Worker Process Ltd")
    with running_server(empty_postgres_url) as server:
        assert "seeded the team server" in alpha.join(server)
        qtbot.waitUntil(lambda: "In sync" in alpha.status, timeout=WAIT_MS)

        # Pushing and pulling in the window's own process would now fail the sync.
        def not_here(_engine: object) -> None:
            raise AssertionError("a sync ran in the window's process")

        monkeypatch.setattr(SyncEngine, "sync_now", not_here)
        alpha.edit(org, city="Lyon")
        alpha.sync(lambda status: "In sync" in status)
        assert alpha.window.team is not None and alpha.window.team.runner.in_worker_process()
    alpha.window.close()


def test_without_processes_syncs_run_on_a_thread(
    qtbot: QtBot, tmp_path: Path, memory_keyring: object, empty_postgres_url: str,
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    class NoProcesses(ProcessPoolExecutor):
        def submit(self, *_args: object, **_kwargs: object) -> Any:
            raise OSError("processes are not allowed here")

    monkeypatch.setattr(team_process, "ProcessPoolExecutor", NoProcesses)
    alpha = Laptop(qtbot, tmp_path, "alpha")
    org = add_organization(alpha.context, "Thread Only GmbH")
    with running_server(empty_postgres_url) as server:
        assert "seeded the team server" in alpha.join(server)
        qtbot.waitUntil(lambda: "In sync" in alpha.status, timeout=WAIT_MS)
        alpha.edit(org, city="Graz")
        alpha.sync(lambda status: "In sync" in status)
    assert alpha.window.team is not None and not alpha.window.team.runner.in_worker_process()
    assert "No sync process could be started (processes are not allowed here)" in caplog.text
    alpha.window.close()


def test_a_database_not_in_a_team_loads_no_sync_service(
    qtbot: QtBot, tmp_path: Path, memory_keyring: object
) -> None:
    laptop = Laptop(qtbot, tmp_path, "alpha")
    assert laptop.window.team is not None
    runner = laptop.window.team.runner
    assert runner.joined is False and runner.team is None and not runner.busy()
    assert not laptop.window.team.status.isVisible()  # no team state in the status bar

    laptop._file_action("S&ync with the team now").trigger()

    assert laptop.window.statusBar().currentMessage() == "This database has not joined a team."
    assert not runner.busy()
    laptop.window.close()
