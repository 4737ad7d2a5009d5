"""Files that are written completely or not at all: a temporary file renamed into place.

Every file the app writes for a person (exports, reports, the members landscape, saved
and exported PDFs, e-mail drafts) goes under a temporary name in the target folder and
is renamed when done, so a failed or interrupted write never leaves half a file behind,
and an existing file is replaced only by a complete one. The finished file gets the
permissions any new file gets (0666 less the umask: a umask of 077 keeps exports
private), or those asked for (a signing key is always owner-only); the temporary file
starts as owner-only.

The temporary names start with ``.{name}.`` and end with ``.part``, and each is recorded
while it is written, so that what a killed process left behind is removed at the next
start (``private_files.clean_leftovers``).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.errors import UserError
from ..private_files import recorded_partial_file

PART_SUFFIX = ".part"


@contextmanager
def atomic_file(path: Path, mode: int | None = None) -> Iterator[Path]:
    """A temporary file beside ``path`` that replaces it when the block succeeds.

    Args:
        path: the file to write.
        mode: its permissions; by default those of any new file (0666 less the umask).

    Raises:
        UserError: the file cannot be written (missing folder, no permission, disk full);
            the temporary file is removed and ``path`` is left as it was.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}{PART_SUFFIX}")
    with recorded_partial_file(temporary):
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except OSError as error:
            raise file_problem(error, path) from error
        try:
            yield temporary
            with temporary.open("rb") as written:
                os.fsync(written.fileno())
            os.chmod(temporary, new_file_mode() if mode is None else mode)
            os.replace(temporary, path)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise file_problem(error, path) from error
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise


def write_bytes_atomic(path: Path, content: bytes, mode: int | None = None) -> None:
    """Write ``content`` to ``path``: afterwards it holds the old file or the whole new one.

    Args:
        path: the file to write.
        content: all of it.
        mode: its permissions, as for ``atomic_file``.

    Raises:
        UserError: as for ``atomic_file``.
    """
    with atomic_file(path, mode) as temporary:
        temporary.write_bytes(content)


def new_file_mode() -> int:
    """The permissions a new file gets in this process: 0666 less the umask."""
    return 0o666 & ~_umask()


def new_folder_mode() -> int:
    """The permissions a new folder gets in this process: 0777 less the umask."""
    return 0o777 & ~_umask()


def _umask() -> int:
    """The process's umask.

    Linux shows it in /proc; elsewhere it is read by setting it and putting it back at
    once (a file another thread creates in between is at most more private).
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
        found = re.search(r"^Umask:\s*([0-7]+)$", status, re.MULTILINE)
        if found:
            return int(found.group(1), 8)
    except OSError:
        pass
    current = os.umask(0o077)
    os.umask(current)
    return current


def file_problem(error: OSError, path: Path) -> UserError:
    """A user-facing explanation of why ``path`` could not be written."""
    if error.errno == errno.ENOENT and not path.parent.is_dir():
        return UserError(f"Cannot export to {path}: the folder {path.parent} does not exist.")
    if error.errno == errno.ENOSPC:
        return UserError(f"Cannot export to {path}: the disk is full.")
    return UserError(f"Cannot export to {path}: {error.strerror or error}.")


def prepare_export_folder(folder: Path) -> None:
    """Make sure the folder an export writes into exists.

    Raises:
        UserError: the path is a file, or the folder cannot be created.
    """
    if folder.exists() and not folder.is_dir():
        raise UserError(f"Cannot export to {folder}: it is a file, not a folder.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"Cannot create the folder {folder}: {error.strerror or error}.") from None
