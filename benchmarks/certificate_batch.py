"""Certificates-for-a-year benchmark: what the application's batch costs, end to end.

What is measured
    ``CertificateBatch.export_year`` on a database of ``--count`` current members
    (names cycling through the tricky organization names): certificates are numbered,
    rendered (in worker processes for big batches), signed (or not) and stored a chunk
    per transaction, then written to the folder atomically. Run once with signing off
    and once with a self-signed PKCS#12 set in the settings (its passphrase in an
    in-memory keyring), on copies of the same database. A second export of the same
    year (certificates already issued: stored bytes copied out) is timed too. Setting
    up the members is not timed.
    Wall-clock and CPU seconds are printed: of this process (the batch and its
    transactions run in it) and of the worker processes that rendered certificates.

Usage::

    python benchmarks/certificate_batch.py [--count N] [--json]

The exit status is 0 when the signed first run meets the issue's target (1,000 in
under 30 s), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
NAMES_FILE = HERE.parent / "tests" / "data" / "tricky-organization-names.txt"
TARGET_SECONDS = 30.0
YEAR = 2027


def _names(count: int) -> list[str]:
    lines = NAMES_FILE.read_text(encoding="utf-8").split("\n")
    base = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return [f"{base[i % len(base)]} {i + 1}" for i in range(count)]


def _memory_keyring() -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.values: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.values.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.values[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.values.pop((service, username), None)

    keyring.set_keyring(Memory())


def _members(path: Path, count: int) -> None:
    from ptf_desktop.domain.organizations import Tier
    from ptf_desktop.services.context import open_context

    context: Any = open_context(path)
    context.settings.save({"signatory_name": "Ada Lovelace", "signatory_title": "Director"})
    for index, name in enumerate(_names(count)):
        organization = context.organizations.create(
            {"display_name": name, "legal_name": name, "org_type": "commercial",
             "country": ("US", "DE", "JP")[index % 3], "employees": "1200"}
        )  # fmt: skip
        context.memberships.admit(organization, Tier.GENERAL, date(YEAR, 1, 1))
    context.close()


def _run(path: Path, folder: Path, signed: bool) -> dict[str, Any]:
    from ptf_desktop.services.context import open_context

    context: Any = open_context(path)
    if signed:
        context.certificate_settings.create_self_signed(
            path.parent / "signing.p12", "benchmark passphrase", "Ada Lovelace"
        )
    started, cpu, workers = time.perf_counter(), time.process_time(), _children_cpu()
    report = context.certificate_batch.export_year(YEAR, folder, on=date(YEAR, 1, 15))
    first, first_cpu = time.perf_counter() - started, time.process_time() - cpu
    workers_cpu = _children_cpu() - workers
    started, cpu = time.perf_counter(), time.process_time()
    again = context.certificate_batch.export_year(YEAR, folder / "again", on=date(YEAR, 1, 15))
    second, second_cpu = time.perf_counter() - started, time.process_time() - cpu
    context.close()
    return {
        "signed": signed,
        "issued": len(report.issued),
        "written": len(report.written),
        "issue_and_export_seconds": round(first, 2),
        "issue_and_export_cpu_seconds": round(first_cpu, 2),
        "worker_processes_cpu_seconds": round(workers_cpu, 2),
        "export_only_seconds": round(second, 2),
        "export_only_cpu_seconds": round(second_cpu, 2),
        "exported_again": len(again.written),
    }


def _children_cpu() -> float:
    # CPU of the ended worker processes that rendered certificates (the pool is shut
    # down, and its processes waited for, at the end of each batch).
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args(argv)
    _memory_keyring()
    with tempfile.TemporaryDirectory(prefix="ptf-certificate-batch-") as temporary:
        root = Path(temporary)
        template = root / "template.sqlite"
        _members(template, arguments.count)
        results = []
        for signed in (False, True):
            folder = root / ("signed" if signed else "unsigned")
            folder.mkdir()
            database = folder / "db.sqlite"
            shutil.copy(template, database)
            results.append(_run(database, folder / "out", signed))
    target = TARGET_SECONDS * arguments.count / 1000
    met = results[1]["issue_and_export_seconds"] < target
    if arguments.json:
        print(json.dumps({"results": results, "target_met": met}, indent=2))
    else:
        for result in results:
            print(
                f"{'signed' if result['signed'] else 'unsigned':>8}: {result['issued']} issued "
                f"and {result['written']} written in {result['issue_and_export_seconds']} s "
                f"({result['issue_and_export_cpu_seconds']} s CPU here, "
                f"{result['worker_processes_cpu_seconds']} s in worker processes); "
                "exporting them again: "
                f"{result['export_only_seconds']} s ({result['export_only_cpu_seconds']} s CPU)"
            )
        print(f"target: signed under {target:.0f} s -> {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
