"""The ``ptf-server`` command: migrate the database, serve, and manage devices.

Every command takes ``--database-url URL`` (or ``PTF_SERVER_DATABASE_URL``). A mistake
or an unreachable database prints one ``ptf-server: error: ...`` line and exits 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from sqlalchemy.exc import OperationalError, ProgrammingError

from .devices import DeviceError, add_device, list_devices, revoke_device

URL_VARIABLE = "PTF_SERVER_DATABASE_URL"


class CommandError(Exception):
    """A problem the person running the command can fix."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``ptf-server`` command; returns the exit status."""
    arguments = _parser().parse_args(argv)
    try:
        arguments.run(arguments)
    except (CommandError, DeviceError, ValueError) as error:
        print(f"ptf-server: error: {error}", file=sys.stderr)
        return 1
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        print(f"ptf-server: error: cannot reach the database: {reason}", file=sys.stderr)
        return 1
    except ProgrammingError as error:
        if "sync_devices" in str(error):
            print("ptf-server: error: the database has no server tables; run "
                  "'ptf-server db upgrade' first", file=sys.stderr)  # fmt: skip
            return 1
        raise
    return 0


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", default=None,
                        help=f"PostgreSQL URL (default: ${URL_VARIABLE})")  # fmt: skip
    parser = argparse.ArgumentParser(prog="ptf-server", parents=[common],
                                     description="The team server of ptf-desktop.")  # fmt: skip
    commands = parser.add_subparsers(dest="command", required=True)

    db = commands.add_parser("db", help="the server's database").add_subparsers(required=True)
    upgrade = db.add_parser("upgrade", parents=[common], help="create or migrate the schema")
    upgrade.set_defaults(run=_upgrade)

    serve = commands.add_parser("serve", parents=[common], help="serve the sync API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--tls-cert", default=None, help="certificate file (PEM)")
    serve.add_argument("--tls-key", default=None, help="private key file (PEM)")
    serve.set_defaults(run=_serve)

    device = commands.add_parser("devices", help="enrolled laptops").add_subparsers(required=True)
    add = device.add_parser("add", parents=[common], help="add a device; prints its code")
    add.add_argument("name")
    add.add_argument("--user", required=True, help="the e-mail address of its user")
    add.set_defaults(run=_add)
    listing = device.add_parser("list", parents=[common], help="list devices")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_list)
    revoke = device.add_parser("revoke", parents=[common], help="revoke a device at once")
    revoke.add_argument("name")
    revoke.set_defaults(run=_revoke)
    return parser


def _engine(arguments: argparse.Namespace) -> object:
    from .database import server_engine

    url = arguments.database_url or os.environ.get(URL_VARIABLE)
    if not url:
        raise CommandError(f"give --database-url URL or set {URL_VARIABLE}")
    return server_engine(url)


def _upgrade(arguments: argparse.Namespace) -> None:
    from .database import upgrade

    upgrade(_engine(arguments))  # type: ignore[arg-type]
    print("The server database is up to date.")


def _serve(arguments: argparse.Namespace) -> None:
    import uvicorn

    from .app import create_app
    from .database import is_current

    if (arguments.tls_cert is None) != (arguments.tls_key is None):
        raise CommandError("give both --tls-cert and --tls-key, or neither")
    engine = _engine(arguments)
    if not is_current(engine):  # type: ignore[arg-type]
        raise CommandError("the database has no server tables; run 'ptf-server db upgrade'")
    uvicorn.run(
        create_app(engine),  # type: ignore[arg-type]
        host=arguments.host, port=arguments.port, ssl_certfile=arguments.tls_cert,
        ssl_keyfile=arguments.tls_key, log_level="warning", access_log=False,
    )  # fmt: skip


def _add(arguments: argparse.Namespace) -> None:
    device, code = add_device(_engine(arguments), arguments.name, arguments.user)  # type: ignore[arg-type]
    print(f"Device {device.name} ({device.device_code}) added for {device.user_email}; "
          f"its one-time enrolment code is {code}")  # fmt: skip


def _list(arguments: argparse.Namespace) -> None:
    found = list_devices(_engine(arguments))  # type: ignore[arg-type]
    if arguments.json:
        print(json.dumps([
            {"name": d.name, "user": d.user_email, "device_code": d.device_code,
             "state": d.state, "created_at": d.created_at.isoformat(),
             "last_seen_at": d.last_seen_at.isoformat() if d.last_seen_at else None,
             "seeded": d.seeded}
            for d in found
        ], indent=2))  # fmt: skip
        return
    for d in found:
        seen = f"{d.last_seen_at:%Y-%m-%d %H:%M}" if d.last_seen_at else "never"
        print(f"{d.name}\t{d.device_code}\t{d.user_email}\t{d.state}\tlast seen {seen}")


def _revoke(arguments: argparse.Namespace) -> None:
    device = revoke_device(_engine(arguments), arguments.name)  # type: ignore[arg-type]
    print(f"Device {device.name} is revoked; its next request will be refused.")


if __name__ == "__main__":
    sys.exit(main())
