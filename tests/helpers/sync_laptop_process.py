"""A laptop syncing in its own process, stopped at a chosen moment for SIGKILL tests.

Usage: ``python -m helpers.sync_laptop_process DATABASE MOMENT`` with MOMENT one of
``pushing`` (the batch is sent, before the answer is read), ``pushed`` (the server
answered, before the outbox is cleared) or ``applying`` (a pulled page is applied,
before its transaction commits). The process prints the moment's name and waits there
to be killed. The device token comes in PTF_TEST_SYNC_TOKEN (no keyring in a child).
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Any

import keyring

from ptf_desktop.persistence.sync import apply
from ptf_desktop.services.context import open_context
from ptf_desktop.services.sync import client as client_module
from ptf_desktop.services.sync import engine as engine_module

from helpers.memory_keyring import MemoryKeyring


def _stop_here(moment: str) -> None:
    print(moment, flush=True)
    threading.Event().wait()  # until SIGKILL


def main() -> None:
    database, moment = Path(sys.argv[1]), sys.argv[2]
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    context = open_context(database)
    values = context.sync.status()
    assert values.server_url is not None
    key = _token_key(context)
    backend.set_password(
        "ptf-desktop", f"sync-device-token-{key}", os.environ["PTF_TEST_SYNC_TOKEN"]
    )
    original_post = client_module.SyncClient._post
    original_apply = apply.apply_rows

    def post(self: Any, path: str, body: dict[str, Any]) -> dict[str, Any]:
        if path == "/v1/push" and moment == "pushing":
            threading.Thread(target=original_post, args=(self, path, body), daemon=True).start()
            _stop_here(moment)
        answer = original_post(self, path, body)
        if path == "/v1/push" and moment == "pushed":
            _stop_here(moment)
        return answer

    def applying(connection: Any, rows: Any) -> int:
        count = original_apply(connection, rows)
        if moment == "applying" and count:
            _stop_here(moment)
        return count

    client_module.SyncClient._post = post  # type: ignore[method-assign]
    engine_module.apply_rows = applying  # type: ignore[assignment]
    context.sync.sync_now()
    print("finished", flush=True)


def _token_key(context: Any) -> str:
    from ptf_desktop.persistence.sync import local_state

    with context.factories.read.begin() as session:
        key = local_state.get(session.connection(), "token_key")
    assert key is not None
    return key


if __name__ == "__main__":
    main()
