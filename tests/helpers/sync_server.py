"""A real ``ptf-server`` for the sync tests: a migrated PostgreSQL database and uvicorn on loopback.

The server runs in a subprocess (``python -m ptf_server serve``) on a free port in
20000-20399, exactly as deployed; devices are added with the real command. The range lies
below Linux's ephemeral ports (32768-60999), so an outgoing connection of the test run
cannot take the port between the probe and the server's own bind.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

PORTS = range(20000, 20400)
START_ATTEMPTS = 3
REPOSITORY = Path(__file__).resolve().parents[2]


@dataclass
class RunningServer:
    """A server process and how to reach it."""

    url: str
    database_url: str
    process: subprocess.Popen[bytes]

    def command(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        """Run ``ptf-server ARGUMENTS --database-url ...`` and return its result."""
        return run_server_command(self.database_url, *arguments)

    def add_device(self, name: str, user: str = "staff@pytorch.example") -> str:
        """Add a device and return its one-time enrolment code (the last word printed)."""
        result = self.command("devices", "add", name, "--user", user)
        assert result.returncode == 0, result.stderr
        return result.stdout.split()[-1]


def run_server_command(database_url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``ptf-server`` with the database URL in the environment."""
    environment = {**os.environ, "PTF_SERVER_DATABASE_URL": database_url,
                   "PYTHONPATH": str(REPOSITORY)}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "ptf_server", *arguments], capture_output=True, text=True,
        env=environment, check=False, timeout=120,
    )  # fmt: skip


def free_port() -> int:
    """A free loopback port of the servers' range."""
    start = PORTS.start + (os.getpid() * 13 + time.monotonic_ns()) % len(PORTS)
    for port in [*range(start, PORTS.stop), *range(PORTS.start, start)]:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


@contextmanager
def running_server(
    database_url: str, *extra: str, upgrade: bool = True, port: int | None = None
) -> Iterator[RunningServer]:
    """Upgrade the database (unless made so already), start ``ptf-server serve``, wait for it.

    ``port``: the port to listen on (a server restarted where its laptops know it).
    """
    if upgrade:
        upgraded = run_server_command(database_url, "db", "upgrade")
        assert upgraded.returncode == 0, upgraded.stderr
    fixed_port = port
    for attempt in range(START_ATTEMPTS):
        port = fixed_port or free_port()
        log = tempfile.NamedTemporaryFile(prefix="ptf-server-", suffix=".log", delete=False)
        process = _start_serving(database_url, port, extra, log)
        if _wait_until_listening(port, process):
            break
        # Another process took the port after the probe: the server said so and exited.
        _report_log(log)
        if attempt == START_ATTEMPTS - 1:
            raise RuntimeError("the server exited at start (see its log above)")
        time.sleep(0.5)
    scheme = "https" if "--tls-cert" in extra else "http"
    try:
        yield RunningServer(f"{scheme}://127.0.0.1:{port}", database_url, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a client left a connection open
            process.kill()
            process.wait()
        _report_log(log)


def _start_serving(
    database_url: str, port: int, extra: tuple[str, ...], log: IO[bytes]
) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "PTF_SERVER_DATABASE_URL": database_url,
                   "PYTHONPATH": str(REPOSITORY)}  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "ptf_server", "serve", "--port", str(port), *extra],
        env=environment, stdout=subprocess.DEVNULL, stderr=log,
    )  # fmt: skip


def _report_log(log: IO[bytes]) -> None:
    """Print what the server wrote to stderr, so it shows with the failing test's output."""
    log.close()
    errors = Path(log.name).read_text(errors="replace")
    Path(log.name).unlink()
    if errors.strip():
        print(f"--- ptf-server log ---\n{errors[-20000:]}")


def _wait_until_listening(port: int, process: subprocess.Popen[bytes]) -> bool:
    """True once the server itself listens on the port; False if it exited first."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if _listens(process.pid, port):
            return True
        time.sleep(0.05)  # polling a port the child opens; no event to wait on
    raise RuntimeError("server did not start listening")


def _listens(pid: int, port: int) -> bool:
    """Whether process ``pid`` holds a socket listening on loopback ``port``.

    Asking the port is not enough: another program that took the port after the probe
    answers too, while the server is still loading and about to fail its bind.
    """
    sockets = set()
    for descriptor in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(descriptor)
        except OSError:  # closed while we looked
            continue
        if target.startswith("socket:["):
            sockets.add(target[len("socket:[") : -1])
    listening = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        address, state, inode = fields[1], fields[3], fields[9]
        if state == "0A" and int(address.split(":")[1], 16) == port:  # 0A: LISTEN
            listening.add(inode)
    return bool(sockets & listening)


__all__ = ["RunningServer", "free_port", "httpx", "running_server", "run_server_command"]
