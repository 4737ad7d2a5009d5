"""Certificates benchmark: render (and sign) 1,000 certificates into a folder.

What is measured
    Wall-clock seconds (and the workers' CPU seconds) to render ``--count``
    certificates (names cycling through the tricky organization names, every other
    one on US Letter) and write each to its own file, once without and once with a
    PAdES signature, with ``--workers`` worker
    processes (default: every core). Process start-up, font loading and opening the
    signing certificate in each worker are included: it is what an export costs. On a
    shared machine the wall clock includes waiting for other processes; CPU seconds
    divided by the workers is what the run takes on cores of its own.

The target of the issue: 1,000 signed certificates in under 30 s on a 2-core machine.

Usage::

    python benchmarks/certificates.py [--count N] [--workers N] [--json]

The exit status is 0 when the signed run meets the target, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ptf_desktop.domain.certificates import CertificateContent, CertificateDocument

HERE = Path(__file__).resolve().parent
NAMES_FILE = HERE.parent / "tests" / "data" / "tricky-organization-names.txt"
TARGET_SECONDS = 30.0
PASSPHRASE = b"benchmark passphrase"
CHUNK = 25

_signing: tuple[bytes, bytes] | None = None


@dataclass(frozen=True)
class Result:
    """One run: how many certificates, how long, whether signed."""

    signed: bool
    count: int
    workers: int
    seconds: float
    cpu_seconds: float

    @property
    def idle_machine_seconds(self) -> float:
        """What the run takes when the workers have the cores to themselves."""
        return self.cpu_seconds / self.workers

    @property
    def per_certificate_ms(self) -> float:
        """Wall-clock milliseconds per certificate."""
        return 1000 * self.seconds / self.count


def tricky_names() -> list[str]:
    lines = NAMES_FILE.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line and not line.startswith("#")]


def documents(count: int, key: bytes) -> list[CertificateDocument]:
    from ptf_desktop.domain.certificates import verification_code

    names = tricky_names()
    result = []
    for index in range(count):
        content = CertificateContent(
            number=f"CERT-2027-{index + 1:05d}",
            legal_name=names[index % len(names)],
            tier=("Premier", "General", "Associate")[index % 3],
            term_start=date(2027, 1, 1),
            term_end=date(2027, 12, 31),
            issue_date=date(2027, 1, 15),
            signatory_name="Ada Lovelace",
            signatory_title="Executive Director",
            foundation_name="PyTorch Foundation",
            country=("US", "DE")[index % 2],
        )
        result.append(CertificateDocument(content, verification_code(content, key)))
    return result


def _initialize(pkcs12: bytes | None) -> None:
    global _signing
    _signing = (pkcs12, PASSPHRASE) if pkcs12 else None


def _export(batch: list[CertificateDocument], folder: str) -> int:
    from ptf_desktop.documents.certificate import render_certificate
    from ptf_desktop.documents.pdf_signature import SignatureRequest
    from ptf_desktop.resources import resource_path

    logo = resource_path("images/logo.png").read_bytes()
    for document in batch:
        request = None
        if _signing is not None:
            # As the application signs: in the same pass as the page is drawn.
            request = SignatureRequest(
                _signing[0],
                _signing[1],
                reason=f"Certificate of membership {document.content.number}",
                location="San Francisco",
            )
        data = render_certificate(document, logo=logo, signing=request)
        target = Path(folder) / f"{document.content.number}.pdf"
        temporary = target.with_suffix(".tmp")
        temporary.write_bytes(data)
        temporary.replace(target)
    return len(batch)


def run(count: int, workers: int, pkcs12: bytes | None) -> Result:
    from ptf_desktop.domain.certificates import new_certificate_key

    every = documents(count, new_certificate_key())
    batches = [every[start : start + CHUNK] for start in range(0, count, CHUNK)]
    with tempfile.TemporaryDirectory(prefix="ptf-certificates-") as folder:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        with ProcessPoolExecutor(workers, initializer=_initialize, initargs=(pkcs12,)) as pool:
            done = sum(pool.map(_export, batches, [folder] * len(batches)))
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        files = len(list(Path(folder).glob("*.pdf")))
    if done != count or files != count:
        raise RuntimeError(f"expected {count} files, wrote {files}")
    return Result(pkcs12 is not None, count, workers, seconds, cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args(argv)

    from ptf_desktop.documents.signing import create_self_signed_pkcs12

    pkcs12 = create_self_signed_pkcs12("Ada Lovelace", "PyTorch Foundation", PASSPHRASE)
    results = [
        run(arguments.count, arguments.workers, None),
        run(arguments.count, arguments.workers, pkcs12),
    ]
    met = results[1].seconds < TARGET_SECONDS * arguments.count / 1000
    if arguments.json:
        print(json.dumps([r.__dict__ for r in results] + [{"target_met": met}], indent=2))
        return 0 if met else 1
    for result in results:
        print(
            f"{'signed' if result.signed else 'unsigned':>8}: {result.count} certificates "
            f"in {result.seconds:6.1f} s wall ({result.per_certificate_ms:5.1f} ms each, "
            f"{result.workers} workers); {result.cpu_seconds:6.1f} s CPU, "
            f"{result.idle_machine_seconds:6.1f} s on idle cores"
        )
    print(f"target: signed under {TARGET_SECONDS:.0f} s per 1,000 -> {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
