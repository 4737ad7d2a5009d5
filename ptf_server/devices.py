"""Devices: enrolment with a one-time code, hashed tokens, revocation, device codes.

A device is added by an administrator (``ptf-server devices add NAME --user EMAIL``),
which prints a one-time enrolment code. The laptop trades it for a device token
(``ptf sync join``); only SHA-256 hashes of the code and the token are stored: both are
long random strings, so a fast hash is enough and a stolen table gives nothing away.
A revoked device's token is refused at its next request.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, func, select, update
from sqlalchemy.exc import IntegrityError

from .server_tables import devices

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed by hand


class DeviceError(Exception):
    """A device command that cannot be done (unknown name, name taken, ...)."""


@dataclass(frozen=True)
class Device:
    """A device as listed by ``ptf-server devices list``."""

    id: uuid.UUID
    name: str
    user_email: str
    device_code: str
    created_at: datetime
    enrolled_at: datetime | None
    revoked_at: datetime | None
    last_seen_at: datetime | None
    seeded: bool

    @property
    def state(self) -> str:
        """revoked, enrolled, or waiting (for its enrolment code to be used)."""
        if self.revoked_at is not None:
            return "revoked"
        return "enrolled" if self.enrolled_at is not None else "waiting"


@dataclass(frozen=True)
class Enrolment:
    """What a laptop learns when it trades its code for a token."""

    device: Device
    token: str


def digest(secret: str) -> str:
    """The stored form of a code or token."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_enrolment_code() -> str:
    """A one-time code: 16 characters in four groups (80 bits), easy to read out."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def normalized_code(code: str) -> str:
    """The code as stored: upper case, groups separated by dashes, spaces ignored."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def add_device(engine: Engine, name: str, user_email: str) -> tuple[Device, str]:
    """Register a device and return it with its one-time enrolment code.

    Raises:
        DeviceError: the name is empty or already used.
    """
    name = name.strip()
    if not name:
        raise DeviceError("a device needs a name")
    if "@" not in user_email:
        raise DeviceError(f"not an e-mail address: {user_email}")
    code = new_enrolment_code()
    try:
        with engine.begin() as connection:
            taken = connection.execute(select(func.count()).select_from(devices)).scalar_one()
            connection.execute(
                devices.insert().values(
                    id=uuid.uuid4(), name=name, user_email=user_email.strip(),
                    device_code=_device_code(connection, taken + 1),
                    enrolment_hash=digest(code), created_at=datetime.now(UTC),
                )
            )  # fmt: skip
    except IntegrityError:
        raise DeviceError(f"a device named {name!r} already exists") from None
    return find_device(engine, name), code


def _device_code(connection: Connection, number: int) -> str:
    """The next free code of the form L01, L02, ... (L100 after L99)."""
    used = set(connection.execute(select(devices.c.device_code)).scalars())
    while f"L{number:02d}" in used:
        number += 1
    return f"L{number:02d}"


def list_devices(engine: Engine) -> list[Device]:
    """Every device, in the order they were added."""
    with engine.connect() as connection:
        rows = connection.execute(select(devices).order_by(devices.c.created_at, devices.c.name))
        return [_device(row) for row in rows]


def find_device(engine: Engine, name: str) -> Device:
    """The device with this name.

    Raises:
        DeviceError: there is none.
    """
    with engine.connect() as connection:
        row = connection.execute(select(devices).where(devices.c.name == name)).first()
    if row is None:
        raise DeviceError(f"no device named {name!r}")
    return _device(row)


def revoke_device(engine: Engine, name: str) -> Device:
    """Revoke a device: its token is refused from its next request on.

    Raises:
        DeviceError: no device has this name.
    """
    with engine.begin() as connection:
        result = connection.execute(
            update(devices)
            .where(devices.c.name == name, devices.c.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC), enrolment_hash=None)
        )
    device = find_device(engine, name)
    if result.rowcount == 0 and device.revoked_at is None:  # pragma: no cover  (raced)
        raise DeviceError(f"device {name!r} could not be revoked")
    return device


def enrol(connection: Connection, code: str) -> Enrolment | None:
    """Trade a one-time enrolment code for a device token (None: no such unused code)."""
    token = secrets.token_urlsafe(32)
    row = connection.execute(
        update(devices)
        .where(devices.c.enrolment_hash == digest(normalized_code(code)))
        .where(devices.c.revoked_at.is_(None))
        .values(enrolment_hash=None, token_hash=digest(token), enrolled_at=datetime.now(UTC))
        .returning(*devices.c)
    ).first()
    return None if row is None else Enrolment(device=_device(row), token=token)


def device_for_token(connection: Connection, token: str) -> Device | None:
    """The device holding this token, revoked or not (None: no device has it)."""
    row = connection.execute(select(devices).where(devices.c.token_hash == digest(token))).first()
    return None if row is None else _device(row)


def _device(row: object) -> Device:
    mapping = row._mapping  # type: ignore[attr-defined]
    return Device(**{name: mapping[name] for name in Device.__dataclass_fields__})
