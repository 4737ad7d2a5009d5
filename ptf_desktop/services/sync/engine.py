"""The sync engine of one laptop: join a server, then push first and pull until quiet.

Push: the outbox in batches; each batch's id is committed before it is sent, so a lost
answer or a dropped connection only means the same batch again, which the server
answers from its record. Pull: pages after the stored cursor, each applied in one local
transaction together with the new cursor, so a crash leaves either the whole page or
none of it. Refused changes are kept in ``sync_refused`` for a person to see, and the
rows they touched are fetched again so the laptop ends equal to the server.
"""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from ...persistence import secrets
from ...persistence.engine import SessionFactories
from ...persistence.sync import bulk_load, local_state, outbox
from ...persistence.sync.apply import apply_rows, delete_rows
from ...persistence.sync.protocol import (
    BULK_PAGE_ROWS,
    PROTOCOL_SCHEMA_VERSION,
    PULL_PAGE_ROWS,
    PUSH_BATCH_CHANGES,
)
from ...persistence.sync.seed import fill_outbox_with_everything
from .client import SyncClient, SyncError
from .records import SyncReport, SyncStatus, register_is_empty

_TOKEN_PREFIX = "sync-device-token-"


class SyncEngine:
    """Sync for one database: its session factories and, once joined, its server."""

    def __init__(self, factories: SessionFactories, database: Path,
                 page_rows: int | None = None, batch_changes: int = PUSH_BATCH_CHANGES,
                 timeout: float = 60.0) -> None:  # fmt: skip
        self._factories = factories
        # The schema version spoken to the server (an older one only in tests).
        self.schema_version = PROTOCOL_SCHEMA_VERSION
        self._database = database
        self._page_rows = page_rows
        self._batch_changes = batch_changes
        self._timeout = timeout

    def join(self, url: str, code: str, device_name: str | None = None) -> SyncReport:
        """Enrol this database with a server, then seed it or pull everything.

        The first laptop to join an empty server seeds it with its whole database and
        keeps its number series; a later one must have an empty register and pulls.

        Raises:
            SyncError: already joined, a register joining a server that has one, a bad
                code, an unreachable server.
        """
        with self._connection() as connection:
            if local_state.get(connection, "server_url"):
                raise SyncError("This database has joined a team server already.")
            empty = register_is_empty(connection)
        client = SyncClient(url, timeout=self._timeout)
        try:
            answer = client.enrol(code, register_empty=empty)
        finally:
            client.close()
        seeding = bool(answer["empty"])
        token_key = uuid.uuid4().hex
        secrets.store_secret(_TOKEN_PREFIX + token_key, answer["token"])
        with self._connection() as connection:
            values = {"server_url": url.rstrip("/"), "server_id": str(answer["server_id"]),
                      "device_id": answer["device_id"], "device_code": answer["device_code"],
                      "device_name": device_name or answer["device_name"],
                      "token_key": token_key, "cursor": "0 0"}  # fmt: skip
            if not seeding:  # a later laptop numbers in its own series
                values["series_code"] = answer["device_code"]
            for key, value in values.items():
                local_state.put(connection, key, value)
            local_state.set_capture(connection, True)
            if seeding:
                local_state.put(connection, "seeding", "1")
                fill_outbox_with_everything(connection)
        return self.sync_now()

    def sync_now(self) -> SyncReport:
        """Push every waiting change, then pull until nothing is left.

        Raises:
            SyncError: not joined, unreachable, revoked (DeviceRevoked), outdated
                (OutdatedClient: the outbox is kept).
        """
        client = self._client()
        try:
            client.hello()
            report = SyncReport()
            refetch = self._push(client, report)
            self._pull(client, report, refetch)
            with self._connection() as connection:
                local_state.put(connection, "last_sync_at", datetime.now(UTC).isoformat())
                local_state.put(connection, "open_conflicts", str(len(client.conflicts())))
            return report
        finally:
            client.close()

    def status(self) -> SyncStatus:
        """Server, device, last sync, changes waiting, conflicts open (as last seen)."""
        with self._factories.read.begin() as session:
            connection = session.connection()
            values = local_state.all_values(connection)
            waiting = outbox.pending_count(connection)
            refused = int(
                connection.execute(text("SELECT count(*) FROM sync_refused")).scalar_one()
            )
        return SyncStatus(
            server_url=values.get("server_url"), device_name=values.get("device_name"),
            device_code=values.get("device_code"), last_sync_at=values.get("last_sync_at"),
            changes_waiting=waiting, conflicts_open=int(values.get("open_conflicts", "0")),
            changes_refused=refused,
        )  # fmt: skip

    def conflicts(self) -> list[dict[str, Any]]:
        """The open conflicts on the server (base, mine and theirs for each field)."""
        client = self._client()
        try:
            return client.conflicts()
        finally:
            client.close()

    def resolve(self, conflict_id: str, keep: str) -> SyncReport:
        """Close a conflict keeping "mine" or "theirs", then sync to bring the outcome here."""
        if keep not in ("mine", "theirs"):
            raise SyncError("Keep 'mine' or 'theirs'.")
        client = self._client()
        try:
            client.resolve(conflict_id, keep)
        finally:
            client.close()
        return self.sync_now()

    def _push(self, client: SyncClient, report: SyncReport) -> list[dict[str, str]]:
        refetch: list[dict[str, str]] = []
        while True:
            with self._connection() as connection:
                batch = outbox.next_batch(connection, self._batch_changes)
                seeding = local_state.get(connection, "seeding") == "1"
            if batch is None:
                break
            answer = client.push(batch.batch_id, batch.changes, seeding)
            with self._connection() as connection:
                refetch.extend(_record_answer(connection, batch.changes, answer, report))
                outbox.acknowledge(connection, batch.batch_id)
                if outbox.pending_count(connection) == 0:
                    local_state.delete(connection, "seeding")
        return refetch

    def _pull(self, client: SyncClient, report: SyncReport,
              refetch: list[dict[str, str]]) -> None:  # fmt: skip
        """Pull pages until the last; the next page is fetched while this one is applied.

        Fetching is read-only on the server, so a page fetched ahead and never applied
        (an error, a crash) costs nothing: the stored cursor still names it.
        """
        with self._connection() as connection:
            cursor = _cursor(local_state.get(connection, "cursor"))
            if cursor == (0, 0) and register_is_empty(connection):  # everything arrives
                bulk_load.set_indexes_aside(connection)
            # A whole register comes in bigger pages: fewer commits, fewer round trips.
            size = self._page_rows or (
                BULK_PAGE_ROWS if bulk_load.pending(connection) else PULL_PAGE_ROWS
            )
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as fetcher:
            page = client.pull(cursor, size, refetch)
            while True:
                ahead = None
                if page["more"]:
                    following = (int(page["cursor"][0]), int(page["cursor"][1]))
                    ahead = fetcher.submit(client.pull, following, size, [])
                try:
                    with self._connection() as connection:
                        report.pulled += apply_rows(connection, page["rows"])
                        report.pulled += delete_rows(connection, page.get("missing", []))
                        local_state.put(connection, "cursor",
                                        " ".join(str(v) for v in page["cursor"]))  # fmt: skip
                except BaseException:
                    if ahead is not None:
                        ahead.cancel()
                        wait([ahead])
                    raise
                if ahead is None:
                    break
                page = ahead.result()
        with self._connection() as connection:
            bulk_load.build_indexes(connection)

    def _client(self) -> SyncClient:
        with self._factories.read.begin() as session:
            values = local_state.all_values(session.connection())
        if "server_url" not in values:
            raise SyncError("This database has not joined a team server; use 'ptf sync join'.")
        token = secrets.load_secret(_TOKEN_PREFIX + values["token_key"])
        if token is None:
            raise SyncError("This device's sync token is missing from the system keyring; "
                            "ask for a new enrolment code and join again.")  # fmt: skip
        return SyncClient(values["server_url"], token, timeout=self._timeout,
                          schema_version=self.schema_version)  # fmt: skip

    def _connection(self) -> _Transaction:
        return _Transaction(self._factories)


class _Transaction:
    """A write transaction's connection, committed on leaving (rolled back on error)."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def __enter__(self) -> Connection:
        self._context = self._factories.write.begin()
        return self._context.__enter__().connection()

    def __exit__(self, *exc: object) -> None:
        self._context.__exit__(*exc)  # type: ignore[arg-type]


def _record_answer(connection: Connection, changes: list[dict[str, Any]],
                   answer: dict[str, Any], report: SyncReport) -> list[dict[str, str]]:  # fmt: skip
    by_id = {change["change_id"]: change for change in changes}
    refetch = []
    for result in answer["results"]:
        status = result["status"]
        report.pushed += 1
        if status == "conflict":
            report.conflicts += len(result.get("conflicts", []))
        if status != "refused":
            continue
        change = by_id[result["change_id"]]
        report.refused += 1
        connection.execute(
            text("INSERT OR REPLACE INTO sync_refused (change_id, table_name, row_id, fields, "
                 "reason, refused_at) VALUES (:c, :t, :r, :f, :why, :at)"),
            {"c": uuid.UUID(change["change_id"]).hex, "t": change["table"],
             "r": uuid.UUID(change["row_id"]).hex, "f": json.dumps(change["fields"]),
             "why": result.get("reason", ""), "at": datetime.now(UTC).replace(tzinfo=None)},
        )  # fmt: skip
        refetch.append({"table": change["table"], "row_id": change["row_id"]})
    report.clock_clamped = report.clock_clamped or bool(answer.get("clock_clamped"))
    return refetch


def _cursor(stored: str | None) -> tuple[int, int]:
    if not stored:
        return (0, 0)
    xid, seq = stored.split()
    return (int(xid), int(seq))
