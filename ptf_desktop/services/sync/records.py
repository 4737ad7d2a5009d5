"""What the sync engine reports: plain dataclasses for the command line and the window."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, text

# The tables whose rows make a register: a database with none of them may join a
# server that has one (settings and the initial fee schedule come with every database).
REGISTER_TABLES = ("organizations", "quotes", "invoices", "credit_notes", "payments",
                   "certificates")  # fmt: skip


@dataclass
class SyncReport:
    """What one sync did."""

    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    refused: int = 0
    clock_clamped: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready values."""
        return asdict(self)


@dataclass(frozen=True)
class SyncStatus:
    """Where this laptop stands with its server."""

    server_url: str | None
    device_name: str | None
    device_code: str | None
    last_sync_at: str | None
    changes_waiting: int
    conflicts_open: int
    changes_refused: int

    def as_dict(self) -> dict[str, Any]:
        """The status as JSON-ready values."""
        return asdict(self)


def register_is_empty(connection: Connection) -> bool:
    """Whether the database holds no organization and no document at all."""
    return not any(
        connection.execute(text(f"SELECT EXISTS (SELECT 1 FROM {name})")).scalar()
        for name in REGISTER_TABLES
    )
