"""Team sync as the window uses it: join, sync that never raises for the network, state.

``SyncEngine`` does the work; this facade turns its outcomes into what a person sees.
A sync while the server cannot be reached is not an error: it is recorded as
"offline since" and the changes wait. A revoked device is recorded with the server's
explanation. Every sync, good or not, goes into a short history kept in the laptop's
own sync state (it never travels). Changes made on a joined laptop are recorded in the
history under "person [device]", so every laptop shows who made a change and where.
"""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Connection, text

from ...persistence.base import Base
from ...persistence.engine import SessionFactories
from ...persistence.sync import local_state
from .client import DeviceRevoked, SyncError
from .engine import SyncEngine
from .team_conflicts import describe_conflicts, refused_changes, typed_value
from .team_records import (
    CONFLICTS,
    ERROR,
    IN_SYNC,
    NOT_JOINED,
    OFFLINE,
    REVOKED,
    WAITING,
    ConflictItem,
    JoinOutcome,
    RefusedChange,
    SyncAttempt,
    SyncOutcome,
    TeamState,
)

HISTORY_LENGTH = 30
# Pages and batches small enough that decoding one (JSON, in one call that holds the
# interpreter lock) never keeps the window's thread waiting long.
WINDOW_PAGE_ROWS = 250
WINDOW_BATCH_CHANGES = 250
# Keys of this facade in the laptop's sync state.
_HISTORY = "team_history"
_OFFLINE_SINCE = "team_offline_since"
_PROBLEM = "team_problem"  # "error: reason" or "revoked: reason"
_CONFLICT_ROWS = "team_conflict_rows"


class TeamSync:
    """Team sync for one database, as the window drives it.

    Args:
        factories: the database's session factories.
        database: the database file.
        engine: the engine to drive (by default one with pages small enough that a
            sync never keeps the window's thread waiting for long).
    """

    def __init__(self, factories: SessionFactories, database: Path,
                 engine: SyncEngine | None = None) -> None:  # fmt: skip
        self._factories = factories
        self.engine = engine or SyncEngine(
            factories, database, page_rows=WINDOW_PAGE_ROWS,
            batch_changes=WINDOW_BATCH_CHANGES, timeout=30.0,
        )  # fmt: skip
        self._base_actor = str(factories.write.kw.get("info", {}).get("actor", "unknown"))
        self._mark_actor()

    # -- joining --------------------------------------------------------------------------

    def join(self, url: str, code: str, device_name: str = "") -> JoinOutcome:
        """Enrol with a server: seed it (an empty server) or pull its register.

        Raises:
            SyncError: why not, in words (a register joining a server that has one, a bad
                code, a server that cannot be reached).
        """
        if not url.strip() or not code.strip():
            raise SyncError("Enter the team server's address and the enrolment code.")
        address = url.strip() if "://" in url else f"https://{url.strip()}"
        try:
            report = self.engine.join(address, code.strip(), device_name.strip() or None)
        except SyncError as error:
            if "already holds a register" in str(error):
                raise SyncError(
                    f"{error} To bring this register into the team's, join with a new "
                    "database and use File > Import another register…"
                ) from error
            raise
        self._mark_actor()
        self._record(SyncAttempt(datetime.now(UTC), "ok", report.pushed, report.pulled,
                                 report.conflicts, report.refused))  # fmt: skip
        seeded = self._is_seeder()
        if seeded:
            message = (f"This database seeded the team server: {report.pushed} records sent. "
                       "It keeps its own number series.")  # fmt: skip
        else:
            message = f"Joined the team: {report.pulled} records received from the server."
        return JoinOutcome(seeded, report.pushed, report.pulled, message)

    @staticmethod
    def default_device_name() -> str:
        """This computer's name, offered as the device name."""
        return socket.gethostname() or "Laptop"

    # -- syncing --------------------------------------------------------------------------

    def sync(self) -> SyncOutcome:
        """Push then pull; an unreachable server, a revocation or a refusal are outcomes.

        Bugs still raise. Not joined: a "not_joined" state and nothing sent.
        """
        if not self.joined():
            return SyncOutcome(SyncAttempt(datetime.now(UTC), "ok"), self.state())
        last_entry = self._last_history_entry()
        attempt = self._attempt()
        self._record(attempt)
        return SyncOutcome(attempt, self.state(), self._changed_since(last_entry, attempt))

    def _last_history_entry(self) -> int:
        with self._factories.read.begin() as session:
            found = session.connection().execute(text("SELECT max(rowid) FROM audit_log"))
            return int(found.scalar() or 0)

    def _changed_since(self, last_entry: int, attempt: SyncAttempt) -> frozenset[str] | None:
        """What the team changed here, told by the history entries that came with the rows.

        Every change made through the app writes history entries, which travel with it;
        this laptop's own changes coming back bring none (those are here already). Rows
        with no new entries while nothing was sent came from elsewhere: kind unknown.
        """
        if attempt.pulled == 0:
            return frozenset()
        with self._factories.read.begin() as session:
            kinds = session.connection().execute(
                text("SELECT DISTINCT entity_type FROM audit_log WHERE rowid > :last"),
                {"last": last_entry},
            )
            found = frozenset(str(kind) for kind in kinds.scalars())
        if not found and attempt.pushed == 0:
            return None
        return found

    def _attempt(self) -> SyncAttempt:
        now = datetime.now(UTC)
        try:
            report = self.engine.sync_now()
            rows = self._fetch_conflict_rows()
        except DeviceRevoked as revoked:
            return SyncAttempt(now, "revoked", message=str(revoked))
        except SyncError as error:
            if isinstance(error.__cause__, httpx.TransportError):
                return SyncAttempt(now, "offline", message=str(error))
            return SyncAttempt(now, "error", message=str(error))
        with self._transaction() as connection:
            local_state.put(connection, _CONFLICT_ROWS, json.dumps(sorted(rows)))
        return SyncAttempt(datetime.now(UTC), "ok", report.pushed, report.pulled,
                           report.conflicts, report.refused)  # fmt: skip

    def _fetch_conflict_rows(self) -> list[str]:
        with self._factories.read.begin() as session:
            open_count = local_state.get(session.connection(), "open_conflicts") or "0"
        if open_count == "0":
            return []
        return sorted({str(item["row_id"]) for item in self.engine.conflicts()})

    def _record(self, attempt: SyncAttempt) -> None:
        with self._transaction() as connection:
            history = _stored_history(connection)
            history.insert(0, attempt.as_dict())
            local_state.put(connection, _HISTORY, json.dumps(history[:HISTORY_LENGTH]))
            if attempt.outcome == "offline":
                if local_state.get(connection, _OFFLINE_SINCE) is None:
                    local_state.put(connection, _OFFLINE_SINCE, attempt.at.isoformat())
            else:
                local_state.delete(connection, _OFFLINE_SINCE)
            if attempt.outcome in ("error", "revoked"):
                local_state.put(connection, _PROBLEM, f"{attempt.outcome}: {attempt.message}")
            elif attempt.outcome == "ok":
                local_state.delete(connection, _PROBLEM)

    # -- reading ---------------------------------------------------------------------------

    def joined(self) -> bool:
        """Whether this database has joined a team server."""
        with self._factories.read.begin() as session:
            return local_state.get(session.connection(), "server_url") is not None

    def state(self) -> TeamState:
        """Where this laptop stands: the status bar's state and the Team panel's facts."""
        with self._factories.read.begin() as session:
            connection = session.connection()
            values = local_state.all_values(connection)
            waiting = _changes_waiting(connection)
            refused = len(refused_changes(connection)) if "server_url" in values else 0
        if "server_url" not in values:
            return TeamState(NOT_JOINED)
        problem_kind, _, problem = values.get(_PROBLEM, "").partition(": ")
        conflicts = int(values.get("open_conflicts", "0"))
        offline_since = _parse_time(values.get(_OFFLINE_SINCE))
        kind = (REVOKED if problem_kind == "revoked" else OFFLINE if offline_since
                else ERROR if problem_kind == "error" else CONFLICTS if conflicts
                else WAITING if waiting else IN_SYNC)  # fmt: skip
        rows = json.loads(values.get(_CONFLICT_ROWS, "[]"))
        return TeamState(
            kind=kind, server_url=values["server_url"], device_name=values.get("device_name"),
            device_code=values.get("device_code"),
            last_sync_at=_parse_time(values.get("last_sync_at")), changes_waiting=waiting,
            conflicts_open=conflicts, changes_refused=refused, offline_since=offline_since,
            problem=problem, conflicted_rows=frozenset(uuid.UUID(r) for r in rows),
        )  # fmt: skip

    def history(self) -> list[SyncAttempt]:
        """The recent syncs, newest first."""
        with self._factories.read.begin() as session:
            return [SyncAttempt.from_dict(v) for v in _stored_history(session.connection())]

    def conflicts(self) -> list[ConflictItem]:
        """The open conflicts, as the inbox shows them (asks the server).

        Raises:
            SyncError: the server cannot be reached or refused.
        """
        found = self.engine.conflicts()
        with self._factories.read.begin() as session:
            connection = session.connection()
            device = local_state.get(connection, "device_name")
            return describe_conflicts(connection, found, device)

    def refused(self) -> list[RefusedChange]:
        """Local changes the server refused, with its reasons."""
        with self._factories.read.begin() as session:
            return refused_changes(session.connection())

    # -- deciding --------------------------------------------------------------------------

    def resolve(self, conflict: ConflictItem, keep: str) -> SyncOutcome:
        """Keep "mine" (the device's value) or "theirs" (the server's), then sync.

        Raises:
            SyncError: the server cannot be reached or refuses the value.
        """
        self.engine.resolve(conflict.id, keep)
        return self.sync()

    def resolve_with(self, conflict: ConflictItem, typed: str) -> SyncOutcome:
        """Close a conflict with a value typed by the person.

        The server's value is kept, then replaced by the typed one like any edit made here.

        Raises:
            SyncError: a delete-versus-edit conflict, a value the field cannot hold, or
                the server cannot be reached.
        """
        if conflict.deletion:
            raise SyncError("A deletion against an edit is decided by keeping one side.")
        try:
            value = typed_value(conflict.table, conflict.field_name, typed)
        except ValueError as error:
            raise SyncError(f"{conflict.field} cannot be {typed!r}: {error}") from error
        self.engine.resolve(conflict.id, "theirs")
        self._write_field(conflict.table, conflict.row_id, conflict.field_name, value)
        return self.sync()

    def _write_field(self, table: str, row_id: uuid.UUID, field: str, value: Any) -> None:
        """Set one field through the ORM, so the history records who typed it."""
        mapped = next(
            m.class_ for m in Base.registry.mappers if getattr(m.local_table, "name", "") == table
        )
        with self._factories.write.begin() as session:
            row = session.get(mapped, row_id)
            if row is None:
                raise SyncError("The record is no longer here.")
            setattr(row, field, value)

    # -- who and where ----------------------------------------------------------------------

    def _mark_actor(self) -> None:
        """Record changes made here as "person [device]" once the database has joined."""
        with self._factories.read.begin() as session:
            device = local_state.get(session.connection(), "device_name")
        if device:
            actor = f"{self._base_actor} [{device}]"
            self._factories.write.configure(info={"actor": actor})
            self._factories.read.configure(info={"actor": actor})

    def _is_seeder(self) -> bool:
        with self._factories.read.begin() as session:
            return local_state.get(session.connection(), "series_code") is None

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self._factories.write.begin() as session:
            yield session.connection()


def _changes_waiting(connection: Connection) -> int:
    """Changes waiting for the server, as a person counts them: one per record changed.

    A save may write a record twice (stored, then its search text), and the history's own
    entries travel with every change; neither is counted again.
    """
    return int(connection.execute(text(
        "SELECT count(*) FROM (SELECT DISTINCT table_name, row_id FROM sync_outbox "
        "WHERE table_name != 'audit_log')"
    )).scalar_one())  # fmt: skip


def _stored_history(connection: Connection) -> list[dict[str, Any]]:
    stored = local_state.get(connection, _HISTORY)
    return list(json.loads(stored)) if stored else []


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
