"""The HTTP sync service (FastAPI): enrolment, hello, push and pull.

Every request but enrolment carries ``Authorization: Bearer <device token>``; a revoked
device gets 403 with ``error: "revoked"``, an unknown token 401. Requests larger than
MAX_REQUEST_BYTES get 413. Every sync request names the client's schema version: the
current and the previous one are served, an older client gets 426 ``error: "outdated"``
(it keeps its outbox and syncs after updating), a newer one 409 ``error: "server_outdated"``.
The service keeps nothing between requests; everything is in PostgreSQL.
"""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy import Engine, update
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ptf_desktop.persistence.sync.protocol import (
    MAX_REQUEST_BYTES,
    OLDEST_ACCEPTED_SCHEMA_VERSION,
    PROTOCOL_SCHEMA_VERSION,
)

from . import devices as device_store
from .conflicts_api import ConflictError, open_conflicts, resolve
from .devices import Device
from .pull import pull_page
from .push import PushRequest, apply_push
from .server_tables import devices as devices_table
from .state import server_state


class SyncRefused(Exception):
    """A request refused with an HTTP status and a machine-readable reason."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


class EnrolRequest(BaseModel):
    """A laptop trading its one-time code for a token; says whether its register is empty."""

    code: str
    schema_version: int
    register_empty: bool = True


class RowKey(BaseModel):
    """A row named by its table and id."""

    table: str
    row_id: uuid.UUID


class ResolveRequest(BaseModel):
    """A person's decision on a conflict."""

    schema_version: int
    conflict_id: uuid.UUID
    keep: Literal["mine", "theirs"]


class PullRequest(BaseModel):
    """Changes after a cursor (xid, seq)."""

    schema_version: int
    cursor: tuple[int, int] = (0, 0)
    limit: int = 5000
    # Rows the device wants as they are (after a refused change), whatever the cursor.
    refetch: list[RowKey] = []


def create_app(engine: Engine) -> ASGIApp:
    """The ASGI application serving one PostgreSQL database."""
    app = FastAPI(title="ptf-server", docs_url=None, redoc_url=None, openapi_url=None)

    @app.exception_handler(SyncRefused)
    async def _refused(_request: Request, error: SyncRefused) -> JSONResponse:
        return JSONResponse({"error": error.error, "message": error.message}, error.status)

    def authenticated(authorization: Annotated[str | None, Header()] = None) -> Device:
        token = (authorization or "").removeprefix("Bearer ").strip()
        with engine.begin() as connection:
            device = device_store.device_for_token(connection, token) if token else None
            if device is None:
                raise SyncRefused(401, "unknown_device", "This device is not enrolled.")
            if device.revoked_at is not None:
                raise SyncRefused(
                    403,
                    "revoked",
                    f"Device {device.name} was revoked on "
                    f"{device.revoked_at:%Y-%m-%d}; ask for a new enrolment.",
                )
            connection.execute(update(devices_table).where(devices_table.c.id == device.id)
                               .values(last_seen_at=datetime.now(UTC)))  # fmt: skip
        return device

    Authenticated = Annotated[Device, Depends(authenticated)]

    @app.post("/v1/enrol")
    def enrol(request: EnrolRequest) -> dict[str, Any]:
        _check_version(request.schema_version)
        with engine.begin() as connection:
            state = server_state(connection)
            if not request.register_empty and not state["empty"]:
                # No silent merge of two registers; the code stays usable.
                raise SyncRefused(
                    409,
                    "register_not_empty",
                    "The team server already holds "
                    "a register and this database has its own; join with an "
                    "empty database (or a new one) instead.",
                )
            enrolment = device_store.enrol(connection, request.code)
            if enrolment is None:
                raise SyncRefused(403, "bad_code", "This enrolment code is unknown or used.")
            state = server_state(connection)
        return {
            "token": enrolment.token, "device_id": str(enrolment.device.id),
            "device_name": enrolment.device.name, "device_code": enrolment.device.device_code,
            "user": enrolment.device.user_email, **state,
        }  # fmt: skip

    @app.post("/v1/hello")
    def hello(device: Authenticated, request: PullRequest) -> dict[str, Any]:
        _check_version(request.schema_version)
        with engine.connect() as connection:
            state = server_state(connection)
        return {"device_name": device.name, "device_code": device.device_code, **state}

    @app.post("/v1/push")
    def push(device: Authenticated, request: PushRequest) -> JSONResponse:
        _check_version(request.schema_version)
        # Plain JSON already: skip FastAPI's per-value encoding of a large answer.
        return JSONResponse(apply_push(engine, device, request))

    @app.post("/v1/conflicts")
    def list_conflicts(device: Authenticated, request: PullRequest) -> dict[str, Any]:
        _check_version(request.schema_version)
        return {"conflicts": open_conflicts(engine)}

    @app.post("/v1/resolve")
    def resolve_conflict(device: Authenticated, request: ResolveRequest) -> dict[str, Any]:
        _check_version(request.schema_version)
        try:
            return resolve(engine, device, request.conflict_id, request.keep)
        except ConflictError as error:
            raise SyncRefused(409, "cannot_resolve", str(error)) from None

    @app.post("/v1/pull")
    def pull(device: Authenticated, request: PullRequest) -> Response:
        _check_version(request.schema_version)
        refetch = [(key.table, key.row_id) for key in request.refetch[:10_000]]
        limit = max(1, min(request.limit, 20_000))
        body = pull_page(engine, request.cursor, limit, refetch)
        return Response(body, media_type="application/json")

    return BodyLimit(app, MAX_REQUEST_BYTES)


def _check_version(version: int) -> None:
    if version < OLDEST_ACCEPTED_SCHEMA_VERSION:
        raise SyncRefused(
            426,
            "outdated",
            f"This version of the app (schema {version}) is "
            "too old for the team server; update it, then sync again.",
        )
    if version > PROTOCOL_SCHEMA_VERSION:
        raise SyncRefused(
            409,
            "server_outdated",
            f"The team server (schema "
            f"{PROTOCOL_SCHEMA_VERSION}) is older than this app; it must be "
            "upgraded first.",
        )


class BodyLimit:
    """ASGI middleware: refuse a request body over ``limit`` bytes with 413, streamed or not."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, counting its body; answer 413 past the limit."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and int(declared) > self.limit:
            await _too_large(send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await _too_large(send)


class _TooLarge(Exception):
    pass


async def _too_large(send: Send) -> None:
    body = b'{"error":"too_large","message":"The request is larger than the server takes."}'
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json")]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})
