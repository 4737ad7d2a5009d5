"""Crash soak: SIGKILL the ``ptf`` command in the middle of its work, again and again.

What is done
    Six kinds of work, each run as a real ``ptf`` process (or, for a restore, a Python
    process calling the service) on a fresh copy of a prepared database: an import of
    5,000 organizations (validated in two processes), issuing every draft invoice,
    preparing the next year's renewals, the certificate batch of a year (worker
    processes), a backup and a restore. Each kind is first run once to its end to learn
    how long it takes; then each trial starts it again and kills it with SIGKILL after a
    random delay within that time (seeded: the same seed kills at the same moments).

What is checked after every kill
    - integrity: SQLite's integrity and foreign key checks are clean;
    - all-or-nothing: the import added every organization or none, the renewals every
      new term and draft or none, every issued invoice and certificate has its number
      and its stored PDF, a backup is absent or complete, a restore left the old or
      the restored content;
    - gapless series: every number series runs 1..last without gap or duplicate;
    - stored PDFs: each one's SHA-256 matches the hash stored beside it;
    - leftovers: no process of the trial runs 20 s after the kill (workers, helpers,
      resource trackers: found by a token in their environment), and after the next
      start of ``ptf`` no partial file remains and the private temporary folder is empty.

Usage::

    python benchmarks/crash_soak.py [--trials 20] [--seed 1] [--only import,backup] [--json]

The exit status is 0 when every trial passed every check.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
LEFTOVER_WAIT = 20.0  # seconds a killed trial's other processes get to end
ORGANIZATIONS = 500  # members of the prepared database (250 current: the batch uses workers)
IMPORTED = 5_000  # rows of the import (a second process validates half from 4,000)
YEAR = 2026  # the demo members' current year
SERIES_TABLES = ("invoices", "credit_notes", "certificates", "quotes")
# What issuing invoices (an e-invoice needs the seller's tax ID) and certificates need.
SETTINGS_CODE = """
import sys
from pathlib import Path
from ptf_desktop.services.context import open_context
context = open_context(Path(sys.argv[1]))
context.settings.save({
    "tax_id": "46-0825839", "billing_email": "billing@pytorch.example",
    "bank_name": "Example Bank", "bank_account": "000123456789", "aba_routing": "021000021",
    "iban": "DE89 3704 0044 0532 0130 00", "swift_bic": "COBADEFFXXX",
    "signatory_name": "Ada Lovelace", "signatory_title": "Executive Director",
})
context.close()
"""


@dataclass
class Outcome:
    """What the trials of one kind of work found."""

    kind: str
    trials: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    full_run: float = 0.0


@dataclass(frozen=True)
class Kind:
    """One kind of work: how to start it and what all-or-nothing means for it."""

    name: str
    base: str  # which prepared database the trial starts from
    command: Callable[[Path], list[str]]
    check: Callable[[Path, Path], list[str]]


# -- running ptf -------------------------------------------------------------------------------


def environment(home: Path, token: str = "") -> dict[str, str]:
    """An isolated environment: its own user folders; the token marks the trial's processes."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPOSITORY),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    if token:
        env["PTF_SOAK_TRIAL"] = token
    return env


def ptf(database: Path, *arguments: str) -> list[str]:
    """The command line of ``ptf`` on a database."""
    return [sys.executable, "-m", "ptf_desktop.cli.main", "--database", str(database), *arguments]


def run_to_end(command: list[str], home: Path) -> float:
    """How long the work takes uninterrupted (a draft it refuses is no failure here)."""
    started = time.monotonic()
    finished = subprocess.run(command, env=environment(home), capture_output=True, text=True)
    if finished.returncode not in (0, 1) or "Traceback" in finished.stderr:
        raise RuntimeError(f"{command} failed: {finished.stderr}")
    return time.monotonic() - started


# -- the prepared databases --------------------------------------------------------------------


def prepare(folder: Path, home: Path) -> dict[str, Path]:
    """The databases trials start from, and the import file."""
    base = folder / "base.sqlite"
    for arguments in (
        ("db", "upgrade"),
        ("demo", "--organizations", str(ORGANIZATIONS), "--register-only"),
    ):
        subprocess.run(ptf(base, *arguments), env=environment(home), check=True,
                       capture_output=True)  # fmt: skip
    subprocess.run([sys.executable, "-c", SETTINGS_CODE, str(base)], env=environment(home),
                   check=True, capture_output=True)  # fmt: skip
    drafts = folder / "drafts.sqlite"
    copy_database(base, drafts)
    subprocess.run(ptf(drafts, "renewals", "prepare", "--year", str(YEAR + 1)),
                   env=environment(home), check=True, capture_output=True)  # fmt: skip
    big = folder / "big.sqlite"
    subprocess.run(ptf(big, "db", "upgrade"), env=environment(home), check=True,
                   capture_output=True)  # fmt: skip
    subprocess.run(ptf(big, "demo", "--organizations", str(IMPORTED), "--register-only"),
                   env=environment(home), check=True, capture_output=True)  # fmt: skip
    csv_file = folder / "organizations.csv"
    subprocess.run(ptf(big, "organizations", "export", "--out", str(csv_file)),
                   env=environment(home), check=True, capture_output=True)  # fmt: skip
    empty = folder / "empty.sqlite"
    subprocess.run(ptf(empty, "db", "upgrade"), env=environment(home), check=True,
                   capture_output=True)  # fmt: skip
    return {"base": base, "drafts": drafts, "big": big, "empty": empty, "csv": csv_file}


def copy_database(source: Path, target: Path) -> None:
    """A copy through SQLite's backup API (never a file copy of a database)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=WAL")


# -- checks --------------------------------------------------------------------------------------


def database_problems(path: Path) -> list[str]:
    """Integrity, foreign keys, gapless series and stored PDF hashes of one database."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        problems = [row[0] for row in db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [f"foreign key: {row}" for row in db.execute("PRAGMA foreign_key_check")]
        problems += series_gaps(db)
        for kind, document, stored, content in db.execute(
            "SELECT document_kind, document_id, sha256, content FROM document_pdfs"
        ):
            if hashlib.sha256(content).hexdigest() != stored:
                problems.append(f"the stored PDF of {kind} {document} does not match its hash")
        for number, pdf in db.execute(
            "SELECT number, id FROM invoices WHERE number IS NOT NULL AND id NOT IN "
            "(SELECT document_id FROM document_pdfs)"
        ):
            problems.append(f"invoice {number} is issued without its PDF ({pdf})")
    return problems


def series_gaps(db: sqlite3.Connection) -> list[str]:
    numbers: dict[str, list[int]] = {}
    for table in SERIES_TABLES:
        for series, number in db.execute(
            f"SELECT series, number FROM {table} WHERE number IS NOT NULL AND series IS NOT NULL"
        ):
            found = re.search(r"(\d+)$", number)
            numbers.setdefault(series, []).append(int(found.group(1)) if found else -1)
    problems = []
    for series, last in db.execute("SELECT series_key, last_number FROM document_series"):
        taken = sorted(numbers.pop(series, []))
        if taken != list(range(1, last + 1)):
            problems.append(f"series {series}: numbers {taken[:5]}... but the counter is {last}")
    problems += [f"series {series} has no counter" for series in numbers]
    return problems


def count(path: Path, sql: str) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return int(db.execute(sql).fetchone()[0])


def one_of(what: str, value: int, allowed: set[int]) -> list[str]:
    return [] if value in allowed else [f"{what}: {value}, expected one of {sorted(allowed)}"]


def leftover_processes(token: str) -> list[str]:
    """Processes whose environment carries the trial's token, after a grace period."""
    deadline = time.monotonic() + LEFTOVER_WAIT
    while True:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if token.encode() in (entry / "environ").read_bytes():
                        state = (entry / "stat").read_text().rsplit(") ", 1)[1][:1]
                        if state != "Z":
                            found.append(entry.name)
                except OSError:
                    continue
        if not found or time.monotonic() > deadline:
            for pid in found:  # do not let one failure disturb the next trials
                os.kill(int(pid), signal.SIGKILL)
            return [f"process {pid} outlived the kill" for pid in found]
        time.sleep(0.1)


def leftover_files(trial: Path, home: Path) -> list[str]:
    """After the next start: partial files anywhere in the trial, private temporaries."""
    found = [
        f"partial file {path}"
        for path in trial.rglob(".*")
        if ".part" in path.name and path.is_file() or path.name.endswith(".part")
    ]
    private = home / "cache" / "ptf-desktop" / "private"
    for sub in ("tmp", "pending"):
        folder = private / sub
        if folder.is_dir():
            found += [f"private leftover {path}" for path in folder.iterdir()]
    return found


# -- the kinds of work ---------------------------------------------------------------------------


def kinds(files: dict[str, Path]) -> list[Kind]:
    base_members = count(files["base"], "SELECT count(*) FROM organizations")
    drafts = count(files["drafts"], "SELECT count(*) FROM invoices WHERE number IS NULL")
    big_members = count(files["big"], "SELECT count(*) FROM organizations")
    terms = count(files["base"], "SELECT count(*) FROM membership_terms")
    terms_after = count(files["drafts"], "SELECT count(*) FROM membership_terms")

    def imported(db: Path, trial: Path) -> list[str]:
        return one_of("organizations", count(db, "SELECT count(*) FROM organizations"),
                      {0, IMPORTED})  # fmt: skip

    def issued(db: Path, trial: Path) -> list[str]:
        total = count(db, "SELECT count(*) FROM invoices")
        return one_of("invoices", total, {drafts})

    def renewed(db: Path, trial: Path) -> list[str]:
        return one_of("terms", count(db, "SELECT count(*) FROM membership_terms"),
                      {terms, terms_after})  # fmt: skip

    def certified(db: Path, trial: Path) -> list[str]:
        missing = count(db, "SELECT count(*) FROM certificates WHERE id NOT IN "
                            "(SELECT document_id FROM document_pdfs)")  # fmt: skip
        return [f"{missing} certificates without their PDF"] if missing else []

    def backed_up(db: Path, trial: Path) -> list[str]:
        backup = trial / "backup.sqlite"
        if not backup.exists():
            return []
        return database_problems(backup) + one_of(
            "organizations in the backup",
            count(backup, "SELECT count(*) FROM organizations"), {big_members},
        )  # fmt: skip

    def restored(db: Path, trial: Path) -> list[str]:
        return one_of("organizations", count(db, "SELECT count(*) FROM organizations"),
                      {base_members, big_members})  # fmt: skip

    restore_code = (
        "import sys; from pathlib import Path; "
        "from ptf_desktop.services import database_service as d; "
        "d.restore(Path(sys.argv[1]), Path(sys.argv[2]))"
    )
    return [
        Kind("import", "empty",
             lambda db: ptf(db, "organizations", "import", str(files["csv"])), imported),
        Kind("issuing", "drafts", lambda db: ptf(db, "invoices", "issue", "--all-drafts",
                                                 "--date", f"{YEAR + 1}-01-04"), issued),
        Kind("renewals", "base",
             lambda db: ptf(db, "renewals", "prepare", "--year", str(YEAR + 1)), renewed),
        Kind("certificates", "base",
             lambda db: ptf(db, "certificates", "export", "--year", str(YEAR),
                            "--out", str(db.parent / "certificates")), certified),
        Kind("backup", "big",
             lambda db: ptf(db, "db", "backup", "--out", str(db.parent / "backup.sqlite")),
             backed_up),
        Kind("restore", "base",
             lambda db: [sys.executable, "-c", restore_code, str(db), str(files["big"])],
             restored),
    ]  # fmt: skip


# -- the soak ------------------------------------------------------------------------------------


def trial(kind: Kind, files: dict[str, Path], folder: Path, delay: float) -> list[str]:
    """One trial: a fresh database, the work started, killed after ``delay`` s, checked."""
    folder.mkdir(parents=True)
    home = folder / "home"
    database = folder / "db.sqlite"
    copy_database(files[kind.base], database)
    token = uuid.uuid4().hex
    process = subprocess.Popen(kind.command(database), env=environment(home, token),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
    problems = leftover_processes(token)
    subprocess.run(ptf(database, "db", "info"), env=environment(home), check=True,
                   capture_output=True)  # the next start cleans up  # fmt: skip
    problems += leftover_files(folder, home)
    problems += database_problems(database) + kind.check(database, folder)
    return problems


def soak(trials: int, seed: int, only: set[str] | None, work: Path) -> list[Outcome]:
    """Prepare, learn each kind's duration, then run the trials; return what was found."""
    rng = random.Random(seed)
    files = prepare(work / "prepared", work / "home")
    outcomes = []
    for kind in kinds(files):
        if only and kind.name not in only:
            continue
        outcome = Outcome(kind.name)
        calibration = work / f"{kind.name}-full"
        calibration.mkdir()
        database = calibration / "db.sqlite"
        copy_database(files[kind.base], database)
        outcome.full_run = run_to_end(kind.command(database), calibration / "home")
        started = time.monotonic()
        for number in range(trials):
            delay = rng.uniform(0.2, outcome.full_run)
            where = work / f"{kind.name}-{number:03d}"
            problems = trial(kind, files, where, delay)
            outcome.trials += 1
            outcome.failures += [f"trial {number} (killed at {delay:.2f} s): {p}" for p in problems]
            if not problems:
                shutil.rmtree(where, ignore_errors=True)
        outcome.seconds = time.monotonic() - started
        outcomes.append(outcome)
    return outcomes


def main(argv: list[str] | None = None) -> int:
    """Run the soak and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20, help="kills per kind (default 20)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", help="comma-separated kinds: " + "import,issuing,renewals,"
                        "certificates,backup,restore")  # fmt: skip
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args(argv)
    only = set(arguments.only.split(",")) if arguments.only else None
    with tempfile.TemporaryDirectory(prefix="ptf-crash-soak-") as folder:
        outcomes = soak(arguments.trials, arguments.seed, only, Path(folder))
    if arguments.json:
        print(json.dumps([vars(outcome) for outcome in outcomes], indent=2))
    else:
        for o in outcomes:
            print(f"{o.kind:<13} {o.trials:>3} trials  {len(o.failures):>3} failures  "
                  f"{o.seconds:7.1f} s  (one full run: {o.full_run:.2f} s)")  # fmt: skip
            for failure in o.failures:
                print(f"    {failure}")
    return 0 if all(not o.failures for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
