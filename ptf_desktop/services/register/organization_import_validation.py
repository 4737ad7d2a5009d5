"""Judging every row of an import, in two processes when the file is large.

Validation is pure Python (e-mail addresses, tax IDs, names): about a second of CPU for
10,000 rows, nearly half of what the import costs before SQLite writes a row. For a
large file a second process validates the second half of the rows while this one
validates the first; the results are merged back in line order, so the report is the
same as with one process. A small file is judged here: starting a process (a fresh
interpreter that loads the validators) costs more than it saves.

The helper is a fresh interpreter running this module (``python -m``), given its rows and
returning its results through pickle files in the app's private temporary folder (owner
only, cleaned up at the next start if this process is killed). Not
multiprocessing: its ``spawn`` runs the caller's main script again in the helper, and
``fork`` is unsafe in the GUI, which has threads. A packaged application has no Python
interpreter to start, so it judges every row itself; and whenever the helper cannot be
started or fails, this process judges its rows too: the answer never depends on it.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
from collections.abc import Collection, Sequence
from datetime import date
from pathlib import Path

from ...domain.organizations import OrgType
from ...private_files import private_temporary_folder
from ...processes import die_with_parent
from .organization_csv_reader import CsvRow, ImportProblem
from .organization_import_rows import ImportedOrganization, validate_row

log = logging.getLogger(__name__)

# Rows from which a second process pays off (measured: about 0.3 s to start one).
PARALLEL_FROM = 4_000

Judged = tuple[list[ImportedOrganization], list[ImportProblem]]


def validate_rows(
    rows: Sequence[CsvRow],
    associate_types: Collection[OrgType],
    today: date,
    *,
    parallel_from: int | None = None,
) -> Judged:
    """Judge rows with ``validate_row``, sharing the work with a second process if many.

    Args:
        rows: the file's rows, in line order.
        associate_types: the organization types the settings allow as Associate members.
        today: the import date.
        parallel_from: how many rows it takes to use a second process (``PARALLEL_FROM``
            unless given).

    Returns:
        The valid organizations and the problems of the others, both in line order.
    """
    threshold = PARALLEL_FROM if parallel_from is None else parallel_from
    if len(rows) < threshold or getattr(sys, "frozen", False):
        return judge(rows, associate_types, today)
    half = len(rows) // 2
    first, second = rows[:half], rows[half:]
    with private_temporary_folder("import") as folder:
        given, answer = folder / "rows.pickle", folder / "judged.pickle"
        try:
            given.write_bytes(pickle.dumps((tuple(second), tuple(associate_types), today)))
            helper = subprocess.Popen(
                [sys.executable, "-m", __name__, str(given), str(answer), str(os.getpid())],
                stdin=subprocess.DEVNULL,
                # On Windows, no console window flashing up over the GUI.
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError:
            log.warning("No second process for validation; validating here.", exc_info=True)
            return judge(rows, associate_types, today)
        try:
            organizations, problems = judge(first, associate_types, today)
        except BaseException:  # no one will read the helper's answer
            helper.kill()
            helper.wait()
            raise
        try:
            if helper.wait() != 0:
                raise RuntimeError(f"the validation process ended with status {helper.returncode}")
            later_organizations, later_problems = pickle.loads(answer.read_bytes())
        except (OSError, RuntimeError, EOFError, pickle.UnpicklingError):
            log.warning("Validation in a second process failed; validating here.", exc_info=True)
            later_organizations, later_problems = judge(second, associate_types, today)
    return organizations + later_organizations, problems + later_problems


def judge(rows: Sequence[CsvRow], associate_types: Collection[OrgType], today: date) -> Judged:
    """Judge rows one by one, in this process.

    Args:
        rows: rows in line order.
        associate_types: the organization types allowed as Associate members.
        today: the import date.

    Returns:
        The valid organizations and the problems of the others, in line order.
    """
    organizations: list[ImportedOrganization] = []
    problems: list[ImportProblem] = []
    for row in rows:
        organization, row_problems = validate_row(row, associate_types, today)
        problems += row_problems
        if organization is not None:
            organizations.append(organization)
    return organizations, problems


def _judge_files(given: Path, answer: Path, parent_pid: int) -> None:
    """The helper's work: judge the pickled rows of ``given`` into ``answer``."""
    die_with_parent(parent_pid)  # a killed import leaves no helper running
    rows, associate_types, today = pickle.loads(given.read_bytes())
    answer.write_bytes(pickle.dumps(judge(rows, associate_types, today)))


if __name__ == "__main__":
    _judge_files(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
