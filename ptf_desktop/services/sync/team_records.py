"""What the window shows of team sync: plain dataclasses made by ``team.TeamSync``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Where this laptop stands, from the status bar's point of view.
NOT_JOINED = "not_joined"
IN_SYNC = "in_sync"
WAITING = "waiting"
OFFLINE = "offline"
CONFLICTS = "conflicts"
ERROR = "error"
REVOKED = "revoked"


@dataclass(frozen=True)
class SyncAttempt:
    """One sync, kept in the history of recent syncs.

    Attributes:
        at: when it ended (aware UTC).
        outcome: "ok", "offline", "error" or "revoked".
        pushed: changes sent.
        pulled: rows received.
        conflicts: new conflicts.
        refused: changes the server refused.
        message: why it failed (empty when it worked).
    """

    at: datetime
    outcome: str
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    refused: int = 0
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready values (the history is stored as JSON)."""
        return {"at": self.at.isoformat(), "outcome": self.outcome, "pushed": self.pushed,
                "pulled": self.pulled, "conflicts": self.conflicts, "refused": self.refused,
                "message": self.message}  # fmt: skip

    @staticmethod
    def from_dict(values: dict[str, Any]) -> SyncAttempt:
        """The attempt stored by ``as_dict``."""
        return SyncAttempt(
            at=datetime.fromisoformat(values["at"]), outcome=str(values["outcome"]),
            pushed=int(values["pushed"]), pulled=int(values["pulled"]),
            conflicts=int(values["conflicts"]), refused=int(values["refused"]),
            message=str(values.get("message", "")),
        )  # fmt: skip


@dataclass(frozen=True)
class TeamState:
    """Everything the status bar and the Team panel show about this laptop.

    Attributes:
        kind: one of NOT_JOINED, IN_SYNC, WAITING, OFFLINE, CONFLICTS, ERROR, REVOKED.
        server_url: the team server, None before joining.
        device_name: how this laptop is known to the team.
        device_code: its code in document series (e.g. "L02").
        last_sync_at: the last sync that worked (aware UTC).
        changes_waiting: local changes not yet on the server.
        conflicts_open: conflicts a person has to decide (as last seen).
        changes_refused: local changes the server refused.
        offline_since: when the server was first found unreachable (aware UTC).
        problem: the reason of the last failed sync (error or revocation).
        conflicted_rows: ids of the records with an open conflict.
    """

    kind: str
    server_url: str | None = None
    device_name: str | None = None
    device_code: str | None = None
    last_sync_at: datetime | None = None
    changes_waiting: int = 0
    conflicts_open: int = 0
    changes_refused: int = 0
    offline_since: datetime | None = None
    problem: str = ""
    conflicted_rows: frozenset[uuid.UUID] = field(default_factory=frozenset)

    @property
    def joined(self) -> bool:
        """Whether this database has joined a team server."""
        return self.kind != NOT_JOINED


@dataclass(frozen=True)
class SyncOutcome:
    """A sync and where it left the laptop.

    Attributes:
        attempt: the sync.
        state: where it left the laptop.
        changed: the kinds of records the team changed here (the history's entity types,
            e.g. "organization"); None when rows came whose kind is not known, so every
            view should read again; empty when nothing changed (or only this laptop's
            own changes came back).
    """

    attempt: SyncAttempt
    state: TeamState
    changed: frozenset[str] | None = frozenset()


@dataclass(frozen=True)
class JoinOutcome:
    """What joining did, in words for the person.

    Attributes:
        seeded: this database filled an empty server.
        pushed: records sent.
        pulled: records received.
        message: the outcome in plain words.
    """

    seeded: bool
    pushed: int
    pulled: int
    message: str


@dataclass(frozen=True)
class ConflictItem:
    """One open conflict, ready to show.

    Attributes:
        id: the server's conflict id.
        table: the table of the record.
        row_id: the record's id.
        record: what the record is called ("Organization Acme Labs").
        field: the field's label ("City"), "Whole record" for a delete-versus-edit.
        field_name: the column, "*" for a delete-versus-edit.
        before: the value both sides started from.
        mine: the value of the device whose change met the server's ("deleted" for a deletion).
        theirs: the value on the server.
        device: the device whose change made the conflict.
        from_this_device: whether that device is this laptop.
        theirs_by: who changed the server's value (from the history), or "".
        theirs_at: when, or None.
        deletion: a deletion met an edit.
        created_at: when the conflict was found.
    """

    id: str
    table: str
    row_id: uuid.UUID
    record: str
    field: str
    field_name: str
    before: str
    mine: str
    theirs: str
    device: str
    from_this_device: bool
    theirs_by: str
    theirs_at: datetime | None
    deletion: bool
    created_at: datetime | None


@dataclass(frozen=True)
class RefusedChange:
    """A local change the server refused, kept for a person to see."""

    record: str
    table: str
    row_id: uuid.UUID
    fields: str
    reason: str
    refused_at: datetime | None
