"""``ptf sync ...``: join a team server, sync now, status, conflicts and their resolution."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ..paths import AppPaths
from .arguments import command_context

if TYPE_CHECKING:
    from ..services.sync.engine import SyncEngine


def register(commands: Any) -> None:
    """Add the ``sync`` command group to the top-level sub-command parser."""
    sync = commands.add_parser("sync", help="share the register with the team server")
    actions = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)

    join = actions.add_parser("join", help="enrol this database with a team server")
    join.add_argument("url", help="the server's address, e.g. https://sync.example.org:8443")
    join.add_argument("--code", required=True, help="the one-time enrolment code")
    join.add_argument("--device-name", default=None, help="how this laptop is shown")
    join.set_defaults(run=_join)

    now = actions.add_parser("now", help="push this laptop's changes, then pull the team's")
    now.add_argument("--json", action="store_true")
    now.set_defaults(run=_now)

    status = actions.add_parser("status", help="server, device, last sync, waiting, conflicts")
    status.add_argument("--json", action="store_true")
    status.set_defaults(run=_status)

    conflicts = actions.add_parser("conflicts", help="list open conflicts")
    conflicts.add_argument("--json", action="store_true")
    conflicts.set_defaults(run=_conflicts)

    resolve = actions.add_parser("resolve", help="close a conflict keeping one side")
    resolve.add_argument("conflict_id")
    resolve.add_argument("--keep", required=True, choices=("mine", "theirs"))
    resolve.set_defaults(run=_resolve)


_T = TypeVar("_T")


def _with_sync(paths: AppPaths, call: Callable[[SyncEngine], _T]) -> _T:
    """What one call of the sync engine returns, the database closed again after it."""
    with command_context(paths) as context:
        return call(context.sync)


def _join(arguments: argparse.Namespace, paths: AppPaths) -> int:
    with command_context(paths) as context:
        report = context.sync.join(arguments.url, arguments.code, arguments.device_name)
        status = context.sync.status()
    print(f"Joined {status.server_url} as {status.device_name} ({status.device_code}): "
          f"{report.pushed} changes sent, {report.pulled} rows received.")  # fmt: skip
    return 0


def _now(arguments: argparse.Namespace, paths: AppPaths) -> int:
    report = _with_sync(paths, lambda sync: sync.sync_now())
    if arguments.json:
        print(json.dumps(report.as_dict()))
    else:
        print(f"In sync: {report.pushed} changes sent, {report.pulled} rows received, "
              f"{report.conflicts} new conflicts, {report.refused} refused.")  # fmt: skip
        if report.clock_clamped:
            print("This computer's clock is ahead of the server's; its times were corrected.")
    return 0


def _status(arguments: argparse.Namespace, paths: AppPaths) -> int:
    status = _with_sync(paths, lambda sync: sync.status())
    if arguments.json:
        print(json.dumps(status.as_dict()))
        return 0
    if status.server_url is None:
        print("Not joined to a team server.")
        return 0
    print(f"Server:          {status.server_url}")
    print(f"Device:          {status.device_name} ({status.device_code})")
    print(f"Last sync:       {status.last_sync_at or 'never'}")
    print(f"Changes waiting: {status.changes_waiting}")
    print(f"Conflicts open:  {status.conflicts_open}")
    print(f"Changes refused: {status.changes_refused}")
    return 0


def _conflicts(arguments: argparse.Namespace, paths: AppPaths) -> int:
    found = _with_sync(paths, lambda sync: sync.conflicts())
    if arguments.json:
        print(json.dumps(found, indent=2))
        return 0
    for item in found:
        print(f"{item['id']}  {item['table']} {item['row_id']} {item['field']}: "
              f"base {item['base']!r}, mine ({item['device']}) {item['mine']!r}, "
              f"theirs {item['theirs']!r}")  # fmt: skip
    if not found:
        print("No open conflicts.")
    return 0


def _resolve(arguments: argparse.Namespace, paths: AppPaths) -> int:
    _with_sync(paths, lambda sync: sync.resolve(arguments.conflict_id, arguments.keep))
    print(f"Conflict {arguments.conflict_id} resolved: kept {arguments.keep}.")
    return 0
