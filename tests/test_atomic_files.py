"""Files written for a person are whole or absent: a temporary file renamed into place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ptf_desktop.domain.errors import UserError
from ptf_desktop.services import atomic_files
from ptf_desktop.services.atomic_files import write_bytes_atomic


def test_writes_and_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "INV-1 AT_T Inc.pdf"
    write_bytes_atomic(target, b"%PDF-first")
    write_bytes_atomic(target, b"%PDF-second")

    assert target.read_bytes() == b"%PDF-second"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_full_disk_keeps_the_old_file_says_so_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "invoice.pdf"
    target.write_bytes(b"old")

    def failing_replace(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "replace", failing_replace)
    with pytest.raises(UserError, match="the disk is full"):
        write_bytes_atomic(target, b"new")

    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["invoice.pdf"]


def test_a_missing_folder_is_named_and_nothing_is_created(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    with pytest.raises(UserError, match=f"the folder {missing} does not exist"):
        write_bytes_atomic(missing / "x.pdf", b"data")
    assert not missing.exists()


def test_the_file_is_readable_by_others_like_any_saved_document(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    write_bytes_atomic(target, b"data")
    assert os.stat(target).st_mode & 0o777 == 0o644
