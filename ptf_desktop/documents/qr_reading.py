"""Read the QR codes drawn on a PDF page with poppler's ``pdftoppm`` and zbar's ``zbarimg``.

Optional: the checks that need it skip it when the tools are not installed
(:func:`qr_tools_available`). Debian packages: ``poppler-utils`` and ``zbar-tools``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["QrReadError", "decode_qr_codes", "qr_tools_available"]

_TIMEOUT = 60


class QrReadError(RuntimeError):
    """A tool failed for another reason than "no code found"."""


def qr_tools_available() -> bool:
    """Whether ``pdftoppm`` and ``zbarimg`` are on the PATH."""
    return shutil.which("pdftoppm") is not None and shutil.which("zbarimg") is not None


def decode_qr_codes(pdf_bytes: bytes, *, resolution: int = 150) -> list[str]:
    """Render the PDF's first page and decode every QR code on it.

    Args:
        pdf_bytes: the PDF.
        resolution: rendering resolution in dots per inch.

    Returns:
        The decoded texts, sorted; empty when no code was found.

    Raises:
        QrReadError: if a tool is missing or fails.
    """
    if not qr_tools_available():
        raise QrReadError("pdftoppm and zbarimg are needed to read QR codes")
    with tempfile.TemporaryDirectory(prefix="ptf-qr-") as folder:
        pdf = Path(folder) / "page.pdf"
        pdf.write_bytes(pdf_bytes)
        rendered = subprocess.run(
            ["pdftoppm", "-r", str(resolution), "-f", "1", "-l", "1", "-png", "-singlefile"]
            + [str(pdf), str(Path(folder) / "page")],
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
        if rendered.returncode != 0:
            raise QrReadError(f"pdftoppm failed: {rendered.stderr.decode(errors='replace')}")
        # -Sdisable -Sqrcode.enable: look for QR codes only; --raw: no "QR-Code:" prefix.
        decoded = subprocess.run(
            ["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable"]
            + [str(Path(folder) / "page.png")],
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    # zbarimg exits with 4 when it found nothing.
    if decoded.returncode not in (0, 4):
        raise QrReadError(f"zbarimg failed: {decoded.stderr.decode(errors='replace')}")
    return sorted(line for line in decoded.stdout.decode("utf-8").splitlines() if line)
