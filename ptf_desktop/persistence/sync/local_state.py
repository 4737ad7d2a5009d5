"""The laptop's sync state: key/value rows of ``sync_local_state``, read and written in SQL.

Keys: ``capture`` (on/off: the change-capture switch), ``server_url``, ``server_id``,
``device_id``, ``device_name``, ``device_code``, ``series_code`` (the device code used in
document series; absent on the laptop that seeded the server, which keeps its series),
``cursor`` ("xid seq"), ``last_sync_at``, ``open_conflicts``.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from .capture import CAPTURE_KEY

_GET = text("SELECT value FROM sync_local_state WHERE key = :key")
_PUT = text(
    "INSERT INTO sync_local_state (key, value) VALUES (:key, :value) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


def get(connection: Connection, key: str) -> str | None:
    """The value of a key, or None."""
    value = connection.execute(_GET, {"key": key}).scalar()
    return None if value is None else str(value)


def put(connection: Connection, key: str, value: str) -> None:
    """Set a key (in the caller's transaction)."""
    connection.execute(_PUT, {"key": key, "value": value})


def delete(connection: Connection, key: str) -> None:
    """Remove a key."""
    connection.execute(text("DELETE FROM sync_local_state WHERE key = :key"), {"key": key})


def all_values(connection: Connection) -> dict[str, str]:
    """Every key and value."""
    rows = connection.execute(text("SELECT key, value FROM sync_local_state"))
    return {str(key): str(value) for key, value in rows}


def set_capture(connection: Connection, on: bool) -> None:
    """Switch change capture on or off (inside the caller's transaction)."""
    put(connection, CAPTURE_KEY, "on" if on else "off")


def series_device_code(connection: Connection) -> str | None:
    """The device code this laptop puts in its document series, or None (seeding laptop)."""
    if connection.dialect.name != "sqlite":  # the server numbers nothing itself
        return None
    return get(connection, "series_code")
