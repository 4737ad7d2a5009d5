"""A throwaway PostgreSQL cluster in a temporary folder, for the tests and benchmarks.

The cluster is made with ``initdb`` and run with ``pg_ctl`` from PostgreSQL 15 (or the
newest installed), as an unprivileged user: PostgreSQL refuses to run as root, so when
the tests run as root the programs run as the ``postgres`` system user (through
``runuser``). It listens on a free loopback port in 20400-20998 and on a unix socket in
its own folder, trusts local connections and is stopped and deleted at the end.

``PTF_TEST_POSTGRES_URL`` (a server URL, e.g. ``postgresql://postgres@127.0.0.1:55432/postgres``)
makes the tests use an existing server instead; ``.ci/run`` starts one that way.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

URL_VARIABLE = "PTF_TEST_POSTGRES_URL"
PORTS = range(20400, 20999)  # below Linux's ephemeral ports, 32768-60999


@dataclass
class Cluster:
    """A running throwaway cluster: its folder and the URL of its ``postgres`` database."""

    folder: Path
    port: int
    run_as: str | None

    @property
    def url(self) -> str:
        """URL of the maintenance database over loopback TCP."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        """Stop the server at once and delete its folder."""
        _run(self.run_as, [_binary("pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                           "-w", "stop"], check=False)  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


def binaries_folder() -> Path | None:
    """The newest installed PostgreSQL's bin folder (15 or later), or None."""
    root = Path("/usr/lib/postgresql")
    if not root.is_dir():
        return None
    versions = sorted(
        (int(p.name), p / "bin") for p in root.iterdir() if p.name.isdigit() and int(p.name) >= 15
    )
    for _version, folder in reversed(versions):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def unavailable_reason() -> str | None:
    """Why no cluster can be started here (None: one can)."""
    if binaries_folder() is None:
        return "PostgreSQL 15+ is not installed (apt-get install postgresql-15) and " \
            f"{URL_VARIABLE} is not set"  # fmt: skip
    if os.geteuid() == 0 and (_user_exists("postgres") is False or not shutil.which("runuser")):
        return "running as root without a 'postgres' user and runuser to start PostgreSQL"
    return None


def start(parent: Path | None = None) -> Cluster:
    """Create and start a cluster in a new temporary folder; returns when it accepts connections."""
    run_as = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="ptf-postgres-", dir=parent))
    if run_as is not None:
        entry = pwd.getpwnam(run_as)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    folder.chmod(0o700)
    data = folder / "data"
    _run(run_as, [_binary("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale", "C", "--no-sync"])  # fmt: skip
    settings = {
        "listen_addresses": "'127.0.0.1'",
        "unix_socket_directories": f"'{folder}'",
        "fsync": "off",  # a test cluster: speed over durability
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "max_connections": "100",
        "shared_buffers": "64MB",
    }
    with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
    for port in _candidate_ports():
        result = _run(run_as, [_binary("pg_ctl"), "-D", str(data), "-w", "-t", "60",
                               "-o", f"-p {port}", "-l", str(folder / "server.log"), "start"],
                      check=False)  # fmt: skip
        if result.returncode == 0:
            return Cluster(folder=folder, port=port, run_as=run_as)
    log = (folder / "server.log").read_text(errors="replace")[-2000:]
    shutil.rmtree(folder, ignore_errors=True)
    raise RuntimeError(f"PostgreSQL did not start:\n{log}")


def _candidate_ports() -> list[int]:
    """Free loopback ports of our range, a few of them, starting from a spread-out one."""
    start_at = PORTS.start + (os.getpid() * 7) % len(PORTS)
    ordered = list(range(start_at, PORTS.stop)) + list(range(PORTS.start, start_at))
    free = []
    for port in ordered:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        free.append(port)
        if len(free) == 5:
            break
    return free


def _binary(name: str) -> str:
    folder = binaries_folder()
    assert folder is not None, "PostgreSQL binaries not found"
    return str(folder / name)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _run(
    run_as: str | None, command: list[str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    if run_as is not None:
        command = ["runuser", "-u", run_as, "--", *command]
    result = subprocess.run(
        command, capture_output=True, text=True, check=False, cwd="/", stdin=subprocess.DEVNULL
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def stop_folder(folder: Path) -> None:
    """Stop the cluster living in ``folder`` (started by ``start``) and delete the folder."""
    run_as = "postgres" if os.geteuid() == 0 else None
    Cluster(folder=folder, port=0, run_as=run_as).stop()


if __name__ == "__main__":
    # For shells (.ci/run): "start" prints the URL and the folder and leaves the cluster
    # running; "stop FOLDER" stops it and deletes the folder.
    import sys

    if sys.argv[1:2] == ["stop"]:
        stop_folder(Path(sys.argv[2]))
    else:
        cluster = start()
        print(cluster.url, cluster.folder)
