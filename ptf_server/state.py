"""What the server tells a device about itself: schema version, identity, empty or seeded."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, exists, select

from ptf_desktop.persistence.sync.protocol import PROTOCOL_SCHEMA_VERSION

from .server_tables import change_log, devices, server_settings


def server_state(connection: Connection) -> dict[str, Any]:
    """The server's schema version, its id and whether any data was ever pushed to it."""
    server_id = connection.execute(
        select(server_settings.c.value).where(server_settings.c.key == "server_id")
    ).scalar()
    empty = not connection.execute(select(exists().select_from(change_log))).scalar()
    seeded_by = connection.execute(select(devices.c.name).where(devices.c.seeded)).scalar()
    return {"schema_version": PROTOCOL_SCHEMA_VERSION, "server_id": server_id,
            "empty": bool(empty), "seeded_by": seeded_by}  # fmt: skip
