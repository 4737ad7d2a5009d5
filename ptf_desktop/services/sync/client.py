"""The HTTP client of the team server's sync API (httpx).

Every failure becomes a SyncError the person can act on: the server cannot be reached,
this device was revoked, this version of the app is too old, the request was refused.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from ...domain.errors import UserError
from ...persistence.sync.protocol import PROTOCOL_SCHEMA_VERSION


class SyncError(UserError):
    """A sync that could not be done; the message says why and what to do."""


class DeviceRevoked(SyncError):
    """The server refused this device's token: it was revoked."""


class OutdatedClient(SyncError):
    """The server needs a newer version of the app; the outbox is kept for after the update."""


class SyncClient:
    """Talks to one server with one device token (None before enrolment)."""

    def __init__(self, url: str, token: str | None = None, timeout: float = 60.0,
                 schema_version: int = PROTOCOL_SCHEMA_VERSION) -> None:  # fmt: skip
        self.url = url.rstrip("/")
        self._token = token
        self._schema_version = schema_version
        self._http = httpx.Client(timeout=timeout)

    def close(self) -> None:
        """Close the connections."""
        self._http.close()

    def enrol(self, code: str, register_empty: bool) -> dict[str, Any]:
        """Trade a one-time code for a device token and the server's state."""
        return self._post("/v1/enrol", {"code": code, "register_empty": register_empty})

    def hello(self) -> dict[str, Any]:
        """The server's state, and a check that this device may sync."""
        return self._post("/v1/hello", {})

    def push(self, batch_id: str, changes: list[dict[str, Any]], seeding: bool) -> dict[str, Any]:
        """Send one batch; the answer says what became of each change."""
        body = {"batch_id": batch_id, "changes": changes, "seeding": seeding,
                "client_time": datetime.now(UTC).isoformat()}  # fmt: skip
        return self._post("/v1/push", body)

    def pull(self, cursor: tuple[int, int], limit: int,
             refetch: list[dict[str, str]] | None = None) -> dict[str, Any]:  # fmt: skip
        """One page of changes after ``cursor``, with the rows of ``refetch`` as they are."""
        body = {"cursor": list(cursor), "limit": limit, "refetch": refetch or []}
        return self._post("/v1/pull", body)

    def conflicts(self) -> list[dict[str, Any]]:
        """The open conflicts."""
        return list(self._post("/v1/conflicts", {})["conflicts"])

    def resolve(self, conflict_id: str, keep: str) -> dict[str, Any]:
        """Close a conflict keeping one side."""
        return self._post("/v1/resolve", {"conflict_id": conflict_id, "keep": keep})

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
        try:
            response = self._http.post(
                self.url + path, json={"schema_version": self._schema_version, **body},
                headers=headers,
            )  # fmt: skip
        except httpx.HTTPError as error:
            raise SyncError(f"Cannot reach the team server at {self.url}: {error}") from error
        if response.status_code == 200:
            answer: dict[str, Any] = response.json()
            return answer
        raise _refusal(response)


def _refusal(response: httpx.Response) -> SyncError:
    try:
        detail = response.json()
    except ValueError:
        detail = {}
    error = str(detail.get("error", ""))
    message = str(detail.get("message", "")) or f"The team server answered {response.status_code}."
    if error == "revoked":
        return DeviceRevoked(message)
    if error == "outdated":
        return OutdatedClient(message)
    return SyncError(message)
