"""Write document files atomically: a reader never sees half a PDF.

The bytes go to a temporary file in the destination folder, are flushed to disk, and
the temporary file is renamed over the destination (atomic on POSIX and Windows). On
any error the temporary file is removed and an existing destination is left as it was.
File names come from ``domain.billing.file_names`` (sanitized for every system).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["write_atomically"]


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that the file is either complete or untouched.

    Args:
        path: Destination file; its folder must exist.
        data: The complete content.

    Returns:
        ``path``.

    Raises:
        OSError: If the folder is missing or not writable, or the disk is full; the
            destination is then unchanged and no temporary file is left behind.
    """
    folder = path.parent
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name[:40]}.", suffix=".part", dir=folder
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path
