"""Automatic team sync: at start, every minute, after each change, and on demand.

Every sync runs in a worker process of its own (``services.sync.team_process``), waited
for by a task of the task runner: the window's interpreter never does a sync's work, so
the window never waits for it. Where no process can be started, the sync runs on the
task's thread instead (logged). One sync at a time (a request made while one runs is
remembered and done right after). A write announced on
the change hub starts a sync a few seconds later (several writes in a row make one
sync). After a sync that brought rows, the change hub is told, so open views read again;
the runner ignores its own announcements. An unreachable server is a state, never a
dialog; a revocation is reported once, when it happens.
"""

from __future__ import annotations

import gc
import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ..changes import Changes, announce, change_hub
from ..tasks import Task, start_task

if TYPE_CHECKING:
    from ...services.context import AppContext
    from ...services.sync.team import TeamSync
    from ...services.sync.team_process import SyncProcess
    from ...services.sync.team_records import SyncOutcome, TeamState

log = logging.getLogger(__name__)

MINUTE_MS = 60_000
SWITCH_INTERVAL_S = 0.001
AFTER_CHANGE_MS = 3_000


class TeamSyncRunner(QObject):
    """Keeps one database in sync with its team server, in the background.

    Signals:
        state_changed(TeamState): after every sync and every state read.
        synced(SyncOutcome): a sync ended (whatever its outcome).
        revoked(str): the server refused this device; the argument explains.
        failed(str): a sync could not even start (the message says why).
    """

    state_changed = Signal(object)
    synced = Signal(object)
    revoked = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        context: AppContext,
        parent: QObject | None = None,
        interval_ms: int = MINUTE_MS,
        after_change_ms: int = AFTER_CHANGE_MS,
        in_process: bool = False,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.team: TeamSync | None = None
        # The worker process (made with the first sync, on the task's thread); None after
        # it could not be started, or when asked to sync in this process.
        self._process: SyncProcess | None = None
        self._use_process = not in_process
        self.state: TeamState | None = None
        # Whether the database has joined a team (None until read at start).
        self.joined: bool | None = None
        self._task: Task | None = None
        # Syncs asked for so far, and how many of those requests the last sync answered.
        self.requested = 0
        self.answered = 0
        self._answering = 0
        self._again = False
        self._stopped = False
        self._minute = QTimer(self)
        self._minute.setInterval(interval_ms)
        self._minute.timeout.connect(self.sync_now)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(after_change_ms)
        self._debounce.timeout.connect(self.sync_now)
        change_hub().changed.connect(self._on_hub_changed)

    def start(self) -> None:
        """Read in the background whether the database has joined; if so, sync.

        The sync service is loaded only for a database that has joined a team (or when a
        sync is asked for): at start it would compete with the first page for the window.
        """
        if self.context.read_only:  # nothing may be written here, not even the sync state
            return
        if not self._use_process:
            share_interpreter()
        context = self.context
        self._task = start_task(
            lambda _progress: context.has_joined_team(), self._on_joined_read, self._on_failed
        )
        self._task.finished.connect(self._on_task_finished)

    def stop(self) -> None:
        """No more syncs (the window closes or shows another database)."""
        if self._stopped:
            return
        self._stopped = True
        self._minute.stop()
        self._debounce.stop()
        change_hub().changed.disconnect(self._on_hub_changed)
        if self._process is not None:
            self._process.close()  # the worker ends once a sync it runs has ended

    def busy(self) -> bool:
        """Whether a sync runs now."""
        return self._task is not None

    def sync_now(self) -> None:
        """Sync as soon as possible (right after the one running, if any)."""
        self._debounce.stop()
        if self._stopped:
            return
        self.requested += 1
        if self._task is not None:
            self._again = True
            return
        self._run(_sync)

    def set_delays(self, interval_ms: int, after_change_ms: int) -> None:
        """How often to sync, and how long after the last change."""
        self._minute.setInterval(interval_ms)
        self._debounce.setInterval(after_change_ms)

    def read_state(self) -> None:
        """Read the state again in the background (e.g. after a local change)."""
        if self.team is not None and self._task is None and not self._stopped:
            team = self.team
            self._task = start_task(lambda _p: team.state(), self._on_state_read, self._on_failed)
            self._task.finished.connect(self._on_task_finished)

    def adopt(self, team: TeamSync) -> None:
        """Use a service made elsewhere (after joining) and sync now."""
        self.team = team
        self.sync_now()

    # -- outcomes ---------------------------------------------------------------------------

    def _run(self, work: object) -> None:
        context, team = self.context, self.team
        self._answering = self.requested
        if self._use_process and self._process is None:
            from ...services.sync.team_process import SyncProcess

            self._process = SyncProcess()
        process = self._process if self._use_process else None

        def call(_progress: object) -> tuple[TeamSync, SyncOutcome]:
            return work(context, team, process)  # type: ignore[operator]

        self._task = start_task(call, self._on_synced, self._on_failed)
        self._task.finished.connect(self._on_task_finished)

    def in_worker_process(self) -> bool:
        """Whether syncs run in a worker process (False: on a thread of this one)."""
        return self._use_process

    def _on_synced(self, result: tuple[TeamSync, SyncOutcome]) -> None:
        self._task = None
        self.team, outcome = result
        if self._process is not None and not self._process.available:
            self._use_process = False  # no worker could be started: threads from now on
            self._process = None
            share_interpreter()
        self.answered = self._answering
        self.take_outcome(outcome)
        self._next()

    def take_outcome(self, outcome: SyncOutcome) -> None:
        """Show a sync made elsewhere (resolving a conflict syncs) like one of its own."""
        previous = self.state
        self._show(outcome.state)
        if outcome.state.joined and not self._minute.isActive():
            self._minute.start()
        self.synced.emit(outcome)
        if outcome.attempt.outcome == "revoked" and (
            previous is None or previous.kind != "revoked"
        ):
            self.revoked.emit(outcome.attempt.message)
        changed = changes_of(outcome.changed)
        if changed:
            announce(changed, initiator=self)

    def _on_task_finished(self) -> None:
        # Also after a bug in the call (shown by the crash handler): the next sync may run.
        self._task = None

    def _on_joined_read(self, joined: bool) -> None:
        self._task = None
        self.joined = joined
        if joined and not self._stopped:
            self._run(_first_sync)
        else:
            self._next()  # a sync asked for meanwhile

    def _on_state_read(self, state: TeamState) -> None:
        self._task = None
        self._show(state)
        self._next()

    def _on_failed(self, message: str) -> None:
        self._task = None
        self.failed.emit(message)
        self._next()

    def _show(self, state: TeamState) -> None:
        self.state = state
        self.joined = state.joined
        self.state_changed.emit(state)

    def _next(self) -> None:
        if self._again and not self._stopped:
            self._again = False
            self.sync_now()

    def _on_hub_changed(self, _changes: Changes, initiator: object) -> None:
        if initiator is self or self._stopped or self.state is None or not self.state.joined:
            return
        self.read_state()  # "N changes waiting" at once
        self._debounce.start()


# The history's entity types, as the kinds of records the views show.
_KINDS = {
    "organization": Changes.ORGANIZATIONS, "contact": Changes.ORGANIZATIONS,
    "application": Changes.MEMBERSHIPS, "board seat": Changes.ORGANIZATIONS,
    "testimonial": Changes.ORGANIZATIONS, "term": Changes.MEMBERSHIPS,
    "tier change": Changes.MEMBERSHIPS, "invoice": Changes.INVOICES,
    "invoice line": Changes.INVOICES, "payment": Changes.PAYMENTS | Changes.INVOICES,
    "refund": Changes.PAYMENTS | Changes.CREDIT_NOTES, "credit note": Changes.CREDIT_NOTES,
    "credit note line": Changes.CREDIT_NOTES, "quote": Changes.QUOTES,
    "quote line": Changes.QUOTES, "certificate": Changes.CERTIFICATES,
    "settings": Changes.SETTINGS, "fee entry": Changes.SETTINGS | Changes.MEMBERSHIPS,
    "fee schedule": Changes.SETTINGS | Changes.MEMBERSHIPS,
}  # fmt: skip


def changes_of(kinds: frozenset[str] | None) -> Changes:
    """The change hub's kinds for what a sync changed (None: it is not known, so all)."""
    if kinds is None:
        return Changes.ALL
    found = Changes.NONE
    for kind in kinds:
        found |= _KINDS.get(kind, Changes.ALL)
    return found


def share_interpreter() -> None:
    """Keep the window quick while syncs run on a thread of its process (the fallback)."""
    # A sync is Python work on another thread: the window's thread waits for the
    # interpreter lock up to this long each time it wakes (the default is 5 ms).
    sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
    # A full garbage collection, which a sync's many short-lived objects set off on
    # its thread, holds the lock while it walks every object; those of the started
    # application (modules, widgets) need not be walked again. Once: what a later
    # start would freeze may be on its way out (the pages of another database).
    if not gc.get_freeze_count():
        gc.freeze()


def _first_sync(
    context: AppContext, team: TeamSync | None, process: SyncProcess | None
) -> tuple[TeamSync, SyncOutcome]:
    """Make the service if need be (its imports stay off the GUI thread), then sync."""
    from ...services.sync.team import TeamSync
    from ...services.sync.team_process import (
        ProcessUnavailable,
        SyncRequest,
        portable_keyring,
    )

    made = team or TeamSync(context.factories, context.path)
    if process is None or not process.available or not made.joined():
        return made, made.sync()  # not joined: nothing to send, no process to start
    request = SyncRequest(context.path, context.actor, context.busy_timeout, portable_keyring())
    try:
        return made, process.sync(request)
    except ProcessUnavailable as error:
        log.warning("No sync process could be started (%s); syncing on a thread", error)
        return made, made.sync()


def _sync(
    context: AppContext, team: TeamSync | None, process: SyncProcess | None
) -> tuple[TeamSync, SyncOutcome]:
    return _first_sync(context, team, process)
