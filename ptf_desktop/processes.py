"""Helper processes never outlive the process that started them.

A worker that renders certificates, or validates half of an import, is useless once its
parent is gone: killed (SIGKILL, a crash, the task manager), the parent cannot stop
them, and they would run on, holding memory and files. Each helper calls
:func:`die_with_parent` first: on Linux the kernel kills it when its parent dies
(``PR_SET_PDEATHSIG``); everywhere a watchdog thread checks every second that the
parent is still there, and ends the helper when it is not.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_INTERVAL = 1.0  # seconds between two looks at the parent


def die_with_parent(parent_pid: int) -> None:
    """End this process when the process ``parent_pid`` ends.

    Args:
        parent_pid: the parent's process id, as the parent saw it (``os.getpid()``).
    """
    if sys.platform.startswith("linux"):
        _kernel_kills_us_with_parent()
    if not _parent_alive(parent_pid):  # it died before we could ask to follow it
        os._exit(1)
    watchdog = threading.Thread(
        target=_watch, args=(parent_pid,), name="parent-watchdog", daemon=True
    )
    watchdog.start()


def process_alive(pid: int) -> bool:
    """Whether a process with this id is running (never signals or disturbs it)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _kernel_kills_us_with_parent() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            log.warning("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
    except (OSError, AttributeError):  # no C library to ask: the watchdog still watches
        log.warning("PR_SET_PDEATHSIG is not available", exc_info=True)


def _parent_alive(parent_pid: int) -> bool:
    if sys.platform != "win32" and os.getppid() != parent_pid:
        return False  # reparented: the parent is gone
    return process_alive(parent_pid)


def _watch(parent_pid: int) -> None:
    while True:
        time.sleep(WATCH_INTERVAL)
        if not _parent_alive(parent_pid):
            os._exit(1)


def _windows_process_alive(pid: int) -> bool:
    synchronize, wait_timeout = 0x00100000, 0x00000102
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(synchronize, False, pid)
    if not handle:
        return False
    try:
        return bool(kernel32.WaitForSingleObject(handle, 0) == wait_timeout)
    finally:
        kernel32.CloseHandle(handle)
