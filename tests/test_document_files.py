"""Tests for ptf_desktop.documents.files: atomic writes leave a whole file or none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ptf_desktop.documents import files
from ptf_desktop.documents.files import write_atomically


def test_writes_and_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "INV-1 AT_T Inc.pdf"
    write_atomically(target, b"%PDF-first")
    write_atomically(target, b"%PDF-second")

    assert target.read_bytes() == b"%PDF-second"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "invoice.pdf"
    target.write_bytes(b"old")

    def failing_replace(source: str, destination: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, b"new")

    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["invoice.pdf"]


def test_a_missing_folder_raises_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "missing" / "x.pdf", b"data")
    assert not (tmp_path / "missing").exists()


def test_the_file_is_readable_by_others_like_any_saved_document(tmp_path: Path) -> None:
    target = write_atomically(tmp_path / "x.pdf", b"data")
    assert os.stat(target).st_mode & 0o777 == 0o644
