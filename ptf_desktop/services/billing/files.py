"""Writing document files atomically: a temporary file beside the target, then a rename.

A reader (or a crash) never sees half a PDF under the final name.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from ...domain.errors import UserError


def write_bytes_atomic(path: Path, content: bytes) -> None:
    """Write content to path so that path holds either the old file or the whole new one.

    Raises:
        UserError: the folder is missing, the disk is full, or writing is not allowed.
    """
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{path.name[:40]}.", suffix=".part", dir=path.parent
        )
    except OSError as error:
        raise file_problem(error, path) from error
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise file_problem(error, path) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def file_problem(error: OSError, path: Path) -> UserError:
    """A message the user can act on for a failed file write."""
    if error.errno == errno.ENOENT and not path.parent.is_dir():
        return UserError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    if error.errno == errno.ENOSPC:
        return UserError(f"Cannot write {path}: the disk is full.")
    return UserError(f"Cannot write {path}: {error.strerror or error}.")
