"""Render (and sign) many certificates at once, in worker processes when it pays.

A year's batch numbers and stores certificates in the main process, which holds the
database transaction; drawing and signing a certificate is pure CPU work on plain data,
so it is handed to one worker process per core. Each worker receives the logo, the
signature image and the signing certificate once (its initializer) and then only the
certificate documents; it loads the signing key once and keeps it.

Workers are started with ``spawn``, never ``fork``: the batch runs in a thread of the
GUI process, and a forked copy of a process with Qt and SQLite threads is not safe.
Starting a worker costs about a second of imports, so small batches are rendered in the
calling process instead (:data:`POOL_THRESHOLD`).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import TracebackType

from ptf_desktop.domain.certificates import CertificateDocument
from ptf_desktop.domain.errors import UserError
from ptf_desktop.processes import die_with_parent

__all__ = ["POOL_THRESHOLD", "CertificateJob", "CertificateRenderer", "RenderingMaterial"]

POOL_THRESHOLD = 24
"""Fewest certificates worth starting worker processes for (below: rendered in process)."""


@dataclass(frozen=True)
class RenderingMaterial:
    """What every certificate of a batch shares.

    Attributes:
        logo: the foundation's logo (image bytes).
        signature_image: the signatory's signature image; None when none is set.
        pkcs12: the signing certificate and key; None when certificates are not signed.
        passphrase: the archive's passphrase (empty when not signing).
    """

    logo: bytes
    signature_image: bytes | None
    pkcs12: bytes | None
    passphrase: bytes


@dataclass(frozen=True)
class CertificateJob:
    """One certificate to draw: its document and where the signature says it was signed."""

    document: CertificateDocument
    location: str


# The material of this worker process, set once by its initializer.
_material: RenderingMaterial | None = None


def render_job(material: RenderingMaterial, job: CertificateJob) -> bytes:
    """Render one certificate, signed when the material has a signing certificate.

    Raises:
        SigningError: the signing certificate cannot be opened with its passphrase.
    """
    from ptf_desktop.documents.certificate import render_certificate
    from ptf_desktop.documents.pdf_signature import SignatureRequest

    request = None
    if material.pkcs12 is not None:
        request = SignatureRequest(
            material.pkcs12,
            material.passphrase,
            reason=f"Certificate of membership {job.document.content.number}",
            location=job.location,
        )
    return render_certificate(
        job.document, logo=material.logo, signature_image=material.signature_image, signing=request
    )


def _initialize(material: RenderingMaterial, parent_pid: int) -> None:
    global _material  # one worker process, one batch's material
    die_with_parent(parent_pid)  # a killed batch leaves no worker behind
    _material = material
    # Fonts and the signing key are loaded now, once, not inside the first certificate.
    from ptf_desktop.documents.fonts import register_fonts

    register_fonts()
    if material.pkcs12 is not None:
        import hashlib

        from ptf_desktop.documents.pdf_signature import _template

        _template(hashlib.sha256(material.pkcs12).digest(), material.pkcs12, material.passphrase)


def _render_in_worker(job: CertificateJob) -> bytes:
    assert _material is not None, "the worker was started without its initializer"
    return render_job(_material, job)


class CertificateRenderer:
    """Renders certificates in order, in worker processes once a batch is big enough.

    Use it as a context manager: the worker processes end with the ``with`` block.
    """

    def __init__(
        self,
        material: RenderingMaterial,
        *,
        workers: int | None = None,
        threshold: int = POOL_THRESHOLD,
    ) -> None:
        """Prepare a renderer; no process is started yet.

        Args:
            material: what every certificate shares (logo, signature image, signing key).
            workers: how many worker processes (the number of cores by default).
            threshold: the fewest certificates in one call that start the workers.
        """
        self._material = material
        self._workers = workers or os.cpu_count() or 1
        self._threshold = threshold
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> CertificateRenderer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def signs(self) -> bool:
        """True when the certificates are signed."""
        return self._material.pkcs12 is not None

    def render(self, jobs: Sequence[CertificateJob]) -> Iterator[bytes]:
        """The PDFs of the jobs, in their order, each as soon as it is ready.

        Raises:
            SigningError: the signing certificate cannot be opened (raised by the worker).
        """
        if self._pool is None and (len(jobs) < self._threshold or self._workers < 2):
            for job in jobs:
                yield render_job(self._material, job)
            return
        if self._pool is None:
            self._check_signing_key()
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_initialize,
                initargs=(self._material, os.getpid()),
            )
        # A few certificates per message: fewer round trips, and both workers stay busy.
        chunk = max(1, min(8, len(jobs) // (4 * self._workers)))
        try:
            yield from self._pool.map(_render_in_worker, jobs, chunksize=chunk)
        except BrokenProcessPool as error:
            raise UserError(
                "The certificate workers stopped unexpectedly (out of memory, or ended by "
                "another program); the certificates of the unfinished chunk were not stored."
            ) from error

    def _check_signing_key(self) -> None:
        """Open the signing key here first: a worker that cannot open it would only die.

        Raises:
            SigningError: the signing certificate cannot be opened with its passphrase.
        """
        if self._material.pkcs12 is not None:
            from ptf_desktop.documents.signing import load_signing_key

            load_signing_key(self._material.pkcs12, self._material.passphrase)

    def close(self) -> None:
        """End the worker processes (pending work is dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
