"""Files that are written completely or not at all: a temporary file renamed into place.

Every file the app writes for a person (exports, reports, the members landscape, saved
and exported PDFs, e-mail drafts) goes under a temporary name in the target folder and
is renamed when done, so a failed or interrupted write never leaves half a file behind,
and an existing file is replaced only by a complete one. The finished file is readable
by others like any saved document (a temporary file starts as owner-only).
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.errors import UserError


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` that replaces it when the block succeeds.

    Raises:
        UserError: the file cannot be written (missing folder, no permission, disk full);
            the temporary file is removed and ``path`` is left as it was.
    """
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:
        raise file_problem(error, path) from error
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise file_problem(error, path) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_bytes_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path``: afterwards it holds the old file or the whole new one.

    Raises:
        UserError: as for ``atomic_file``.
    """
    with atomic_file(path) as temporary:
        temporary.write_bytes(content)


def file_problem(error: OSError, path: Path) -> UserError:
    """A user-facing explanation of why ``path`` could not be written."""
    if error.errno == errno.ENOENT and not path.parent.is_dir():
        return UserError(f"Cannot export to {path}: the folder {path.parent} does not exist.")
    if error.errno == errno.ENOSPC:
        return UserError(f"Cannot export to {path}: the disk is full.")
    return UserError(f"Cannot export to {path}: {error.strerror or error}.")
