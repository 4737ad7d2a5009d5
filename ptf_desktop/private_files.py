"""The app's private temporary data, and what a killed process left behind.

Private temporary data (rows of an import handed to a helper process, previews) goes
to a folder of the user's cache folder that only the user can read (0700), never to
the shared system temporary folder. Each temporary folder and each partial file being
written beside its target (an export, a backup) is recorded with the id of the process
writing it; a process that is killed cannot clean up, so :func:`clean_leftovers`, run at
every start of the window or of the command line, removes what processes that are no
longer running left behind.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from . import APP_ID
from .processes import process_alive

log = logging.getLogger(__name__)

PRIVATE_MODE = 0o700
_TEMPORARY = "tmp"
_PENDING = "pending"


def private_root() -> Path:
    """The app's private folder for temporary data (created 0700 when missing)."""
    import platformdirs

    root = Path(platformdirs.user_cache_dir(APP_ID, appauthor=False)) / "private"
    root.mkdir(parents=True, exist_ok=True, mode=PRIVATE_MODE)
    os.chmod(root, PRIVATE_MODE)  # mkdir's mode is cut by the umask; an old one may be wider
    return root


@contextmanager
def private_temporary_folder(kind: str) -> Iterator[Path]:
    """A new owner-only folder for one task's temporary files, removed afterwards.

    Args:
        kind: a word naming the task in the folder's name ("import").
    """
    folder = private_folder_for_this_run(kind)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def private_folder_for_this_run(kind: str) -> Path:
    """A new owner-only folder whose files live as long as this process needs them.

    For files another program reads after we wrote them (a PDF opened in the system's
    viewer): nothing removes the folder while this process runs; the first start after
    it ended does.

    Args:
        kind: a word naming what the folder holds ("documents").
    """
    folder = private_root() / _TEMPORARY / f"{kind}-{os.getpid()}-{secrets.token_hex(6)}"
    folder.parent.mkdir(exist_ok=True, mode=PRIVATE_MODE)
    folder.mkdir(mode=PRIVATE_MODE)
    return folder


@contextmanager
def recorded_partial_file(partial: Path) -> Iterator[None]:
    """Record that this process writes ``partial``, until the block ends.

    Call it before creating the file: a process killed at any moment leaves either
    nothing or a record that leads :func:`clean_leftovers` to the file.
    """
    try:
        record: Path | None = private_root() / _PENDING / f"{os.getpid()}-{secrets.token_hex(8)}"
        assert record is not None
        record.parent.mkdir(exist_ok=True, mode=PRIVATE_MODE)
        text = os.fsdecode(partial.absolute())
        record.write_text(text, encoding="utf-8", errors="surrogateescape")
    except OSError:  # no private folder: the write goes on, only unrecorded
        log.warning("Cannot record the partial file %s", partial, exc_info=True)
        record = None
    try:
        yield
    finally:
        if record is not None:
            record.unlink(missing_ok=True)


def clean_leftovers() -> list[Path]:
    """Remove the temporary folders and partial files of processes no longer running.

    Never raises: what cannot be removed now is tried again at the next start.

    Returns:
        What was removed.
    """
    removed: list[Path] = []
    try:
        root = private_root()
        removed += _clean_temporary_folders(root / _TEMPORARY)
        removed += _clean_partial_files(root / _PENDING)
    except OSError:
        log.warning("Could not clean up after earlier runs", exc_info=True)
    for path in removed:
        log.info("Removed %s, left by a process that was stopped", path)
    return removed


def _clean_temporary_folders(folder: Path) -> list[Path]:
    removed = []
    for entry in _entries(folder):
        if not _owner_alive(entry.name.split("-")[1:2]):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _clean_partial_files(folder: Path) -> list[Path]:
    removed = []
    for record in _entries(folder):
        if _owner_alive(record.name.split("-")[:1]):
            continue
        with suppress(OSError, UnicodeDecodeError):
            partial = Path(record.read_text(encoding="utf-8", errors="surrogateescape"))
            # Only the hidden temporary names the app gives partial files, nothing else.
            if partial.name.startswith(".") and not partial.is_symlink():
                if partial.is_dir():  # a folder export being built
                    shutil.rmtree(partial)
                    removed.append(partial)
                elif partial.is_file():
                    partial.unlink()
                    removed.append(partial)
                removed += _remove_sqlite_sidecars(partial)
        record.unlink(missing_ok=True)
    return removed


def _remove_sqlite_sidecars(partial: Path) -> list[Path]:
    """A partial database copy killed mid-write leaves SQLite's journal beside it."""
    removed = []
    for suffix in ("-journal", "-wal", "-shm"):
        sidecar = partial.with_name(partial.name + suffix)
        if sidecar.is_file() and not sidecar.is_symlink():
            sidecar.unlink()
            removed.append(sidecar)
    return removed


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except FileNotFoundError:
        return []


def _owner_alive(pid_field: list[str]) -> bool:
    """Whether the process named in a name is running; a name without one: yes (kept)."""
    if not pid_field or not pid_field[0].isdigit():
        return True
    pid = int(pid_field[0])
    return pid == os.getpid() or process_alive(pid)
