"""The built bundle does what the source does: a year's certificates, invoices, a report.

The bundle's ``ptf`` command line (``ptf-desktop ptf ...``, see packaging/launch.py) runs
a year's certificate batch, signed and rendered in spawned worker processes (in the
bundle each worker re-runs the executable), then prepares, issues and exports invoices
and writes a report. The data is set up through the source's services; what is checked
is what the bundle writes. Slow: it needs the built bundle (the ``built_bundle``
fixture, shared with test_installer.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import keyring
import pikepdf
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ptf_desktop.documents.certificate_pool import POOL_THRESHOLD
from ptf_desktop.services.context import open_context

from helpers.billing import configure_seller
from helpers.bundle import Bundle, isolated_environment
from helpers.certificates import configure_signatory, enable_signing
from helpers.file_keyring import FileKeyring, configure_for_app

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="watches /proc"),
]

RUN_TIMEOUT = 600
ORGANIZATIONS = 600  # about 280 members: chunks of 28 certificates, rendered by workers


def _descendants(pid: int) -> dict[int, str]:
    """The processes below ``pid`` with their command lines (from /proc)."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:  # ended meanwhile
            continue
        parents[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
        commands[int(entry.name)] = command.replace(b"\0", b" ").decode(errors="replace")
    found: dict[int, str] = {}
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        frontier -= found.keys()
        found.update({child: commands[child] for child in frontier})
    return found


class BundleCommand:
    """``ptf-desktop ptf --database DB ...`` of a built bundle, in an isolated home."""

    def __init__(self, bundle: Bundle, database: Path, environment: dict[str, str]) -> None:
        self.bundle, self.database, self.environment = bundle, database, environment

    def run(self, *arguments: str) -> tuple[str, dict[int, str]]:
        """Run to the end; return the standard output and every process it started."""
        command = [str(self.bundle.executable), "ptf", "--database", str(self.database)]
        output = self.database.with_name("ptf-output.txt")
        errors = self.database.with_name("ptf-errors.txt")
        with output.open("w") as stdout, errors.open("w") as stderr:
            process = subprocess.Popen(
                [*command, *arguments], env=self.environment, stdout=stdout, stderr=stderr
            )
            started: dict[int, str] = {}
            deadline = time.monotonic() + RUN_TIMEOUT
            while process.poll() is None and time.monotonic() < deadline:
                # A process that has ended shows no command line: keep the one seen.
                seen = _descendants(process.pid).items()
                started.update({pid: command for pid, command in seen if command})
                try:
                    process.wait(timeout=0.02)
                except subprocess.TimeoutExpired:
                    continue
            if process.poll() is None:
                process.kill()
            process.wait()
        out, err = output.read_text(), errors.read_text()
        assert process.returncode == 0, f"{arguments}: exit {process.returncode}\n{out}\n{err}"
        assert "Traceback" not in err, err
        return out, started


@pytest.fixture
def ptf(built_bundle: Bundle, tmp_path: Path) -> BundleCommand:
    """The bundle's command line on a database of members, set up by the source.

    The foundation's signatory, tax ID and bank details, and a signing certificate whose
    passphrase is in a keyring the bundle reads too.
    """
    home = tmp_path / "home"
    environment = isolated_environment(home)
    keyring_file = tmp_path / "keyring.json"
    environment.update(configure_for_app(home / "config", keyring_file))
    database = tmp_path / "ptf.sqlite"
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring(keyring_file))
    try:
        context: Any = open_context(database)
        context.demo.generate(ORGANIZATIONS, seed=2022)
        configure_signatory(context)
        configure_seller(context)
        enable_signing(context, tmp_path)
        _confirm_every_fee(context)
        context.close()
    finally:
        keyring.set_keyring(previous)
    return BundleCommand(built_bundle, database, environment)


def _confirm_every_fee(context: Any) -> None:
    """Confirm the fees the demo ships as "to be confirmed": only confirmed fees are issued."""
    for schedule in context.fees.schedules():
        for entry in schedule.entries:
            if entry.to_be_confirmed:
                context.fees.change_entry(entry.id, entry.amount, to_be_confirmed=False)


def test_a_years_certificates_are_signed_in_worker_processes_of_the_bundle(
    ptf: BundleCommand, tmp_path: Path
) -> None:
    year, folder = date.today().year, tmp_path / "certificates"

    out, processes = ptf.run("certificates", "export", "--year", str(year), "--out", str(folder),
                             "--zip")  # fmt: skip

    issued = int(re.search(r"^(\d+) certificate\(s\) issued", out, re.M).group(1))  # type: ignore[union-attr]
    assert issued >= POOL_THRESHOLD, out
    workers = {pid: c for pid, c in processes.items() if "--multiprocessing-fork" in c}
    assert workers, f"no worker process was started: {processes}"
    assert all(c.startswith(str(ptf.bundle.executable)) for c in workers.values()), workers
    with zipfile.ZipFile(folder / f"Certificates {year}.zip") as archive:
        names = archive.namelist()
        first = archive.read(names[0])
    assert len(names) == issued
    certificate = tmp_path / names[0]
    certificate.write_bytes(first)
    out, _ = ptf.run("certificates", "verify", str(certificate))
    assert re.search(r"^VALID: certificate \S+ of .*, signed by Ada Lovelace$", out, re.M), out


def test_the_bundle_issues_and_exports_invoices_and_writes_reports(
    ptf: BundleCommand, tmp_path: Path
) -> None:
    year, folder = date.today().year, tmp_path / "invoices"
    ptf.run("renewals", "prepare", "--year", str(year + 1))
    ptf.run("invoices", "issue", "--all-drafts")
    ptf.run("invoices", "export", "--out", str(folder))

    invoices = sorted(folder.glob("*.pdf"))
    assert invoices, "no invoice was exported"
    with pikepdf.open(invoices[0]) as pdf:
        assert "factur-x.xml" in pdf.attachments
        assert pdf.open_metadata()["pdfaid:part"] == "3"

    ptf.run("reports", "member-list", "--out", str(tmp_path / "members.xlsx"))
    ptf.run("reports", "member-list", "--out", str(tmp_path / "members.pdf"))
    workbook = load_workbook(tmp_path / "members.xlsx", read_only=True)
    try:
        assert sum(1 for _ in workbook.worksheets[0].iter_rows()) > 10
    finally:
        workbook.close()
    assert len(PdfReader(tmp_path / "members.pdf").pages) >= 1
