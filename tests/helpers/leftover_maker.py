"""Child process for tests/test_leftovers.py: start some work, then die by SIGKILL.

Usage: ``python leftover_maker.py SCENARIO FOLDER``

Each scenario starts writing something and kills its own process in the middle, as a
power cut or the task manager would, after printing what it left (one line, flushed):

- ``export``: a file being exported (``atomic_file``) -> prints the partial file;
- ``backup``: a backup being copied -> prints the partial file;
- ``private``: a private temporary folder in use -> prints the folder;
- ``import``: an import validated with a helper process -> prints the helper's pid;
- ``certificates``: a certificate batch with worker processes -> prints their pids.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import date
from pathlib import Path
from typing import Any


def die(line: str) -> None:
    print(line, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


def export(folder: Path) -> None:
    from ptf_desktop.services.atomic_files import atomic_file

    with atomic_file(folder / "report.xlsx") as partial:
        partial.write_bytes(b"x" * 100_000)
        die(str(partial))


def backup(folder: Path) -> None:
    from ptf_desktop.persistence import backups
    from ptf_desktop.services.context import open_context

    open_context(folder / "db.sqlite").close()

    def copy(source: Path, target: Path, journal_mode: str, **_: object) -> None:
        target.write_bytes(b"y" * 100_000)
        # SQLite's rollback journal of the copy, as a kill in the middle of it leaves.
        target.with_name(target.name + "-journal").write_bytes(b"j" * 1024)
        die(str(target))

    backups._backup_api_copy = copy  # type: ignore[assignment]
    backups.make_backup(folder / "db.sqlite", folder=folder / "backups")


def private(folder: Path) -> None:
    from ptf_desktop.private_files import private_temporary_folder

    with private_temporary_folder("import") as temporary:
        (temporary / "rows.pickle").write_bytes(b"member rows")
        die(str(temporary))


def import_rows(folder: Path) -> None:
    import subprocess

    from ptf_desktop.services.register import organization_import_validation as validation
    from ptf_desktop.services.register.organization_csv_reader import CsvRow

    started = subprocess.Popen

    def popen(*arguments: Any, **options: Any) -> Any:
        helper = started(*arguments, **options)
        die(str(helper.pid))
        return helper

    validation.subprocess.Popen = popen  # type: ignore[attr-defined]
    cells = {"name": "Example", "org_type": "commercial", "country": "DE"}
    rows = [CsvRow(line, dict(cells)) for line in range(2, 200_002)]
    validation.validate_rows(rows, (), date(2027, 1, 1), parallel_from=2)


def certificates(folder: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from ptf_desktop.domain.progress import Progress
    from ptf_desktop.services.certificates.certificate_batch import CertificateBatch
    from ptf_desktop.services.context import open_context

    from helpers.certificates import add_member, configure_signatory

    context: Any = open_context(folder / "db.sqlite")
    configure_signatory(context)
    for index in range(12):
        add_member(context, f"Member {index}")
    batch = CertificateBatch(
        context.certificates, context.factories, workers=2, pool_threshold=1, chunk_size=12
    )

    def progress(done: int, total: int) -> None:
        children = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()
        die(" ".join(children))

    batch.export_year(2027, folder / "out", on=date(2027, 1, 15), progress=Progress(progress))


if __name__ == "__main__":
    scenario, where = sys.argv[1], Path(sys.argv[2])
    {"export": export, "backup": backup, "private": private, "import": import_rows,
     "certificates": certificates}[scenario](where)  # fmt: skip
    sys.exit("the scenario was not killed")
