"""What the command line prints is safe and clear.

No terminal escapes from data, one line for drafts another process issued, one line (no
traceback) for a full disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ptf_desktop.cli.main import main
from ptf_desktop.cli.output import safe_text
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.services.context import open_context

from helpers.billing import add_organization, configure_seller, membership_spec
from helpers.members import add_member

REPOSITORY = Path(__file__).resolve().parents[1]
HOSTILE = "Evil\x1b]0;owned\x07 Corp\x1b[2J\x9b31m"


@contextmanager
def mounted_tmpfs(tmp_path: Path, size: str) -> Iterator[Path]:
    """A small RAM file system: needs root, as on CI; skipped elsewhere."""
    mount_point = tmp_path / "volume"
    mount_point.mkdir()
    mounting = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)]
    result = subprocess.run(mounting, capture_output=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a test file system here: {result.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def ptf(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    try:
        status = main(list(arguments))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_control_characters_are_escaped_and_everything_else_kept(
    tricky_names: list[str],
) -> None:
    assert safe_text(HOSTILE) == "Evil\\x1b]0;owned\\x07 Corp\\x1b[2J\\x9b31m"
    assert safe_text("a\tb\nc", keep="\n") == "a\\tb\nc"
    for name in tricky_names:
        if name.isprintable():
            assert safe_text(name) == name


def test_the_landscape_export_prints_names_without_terminal_escapes(
    capsys: pytest.CaptureFixture[str], database_path: Path, tmp_path: Path
) -> None:
    context: Any = open_context(database_path)
    add_member(context, HOSTILE, Tier.GENERAL)
    context.close()
    status, out, err = ptf(
        capsys, "--database", str(database_path), "export", "landscape", "--out",
        str(tmp_path / "landscape"),
    )  # fmt: skip
    assert (status, err) == (0, "")
    assert "  Evil\\x1b]0;owned\\x07 Corp\\x1b[2J\\x9b31m" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b")


def test_drafts_another_process_issued_are_one_clear_line(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    context: Any = open_context(database_path)
    configure_seller(context)
    organization = add_organization(context, "AT&T <Holding> Inc.")
    ids = [context.invoices.create_draft(membership_spec(organization)) for _ in range(5)]
    drafts = context.invoices.list("draft")
    for draft_id in ids[:4]:  # the other process was faster for four of them
        context.invoices.issue(draft_id, date(2027, 1, 4))
    context.close()
    service = type(context.invoices)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(service, "list", lambda self, status=None: drafts)
        status, out, err = ptf(
            capsys, "--database", str(database_path), "invoices", "issue", "--all-drafts",
            "--date", "2027-01-04",
        )  # fmt: skip
    assert (status, err) == (0, "")
    assert out.count("\n") == 3
    assert "4 draft(s) were already issued by another program" in out
    assert "cannot be changed" not in out
    assert out.rstrip().endswith("Issued 1 invoice(s); 0 draft(s) refused.")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mounts a tmpfs")
def test_an_xlsx_export_on_a_full_disk_is_one_line(
    capsys: pytest.CaptureFixture[str], database_path: Path, tmp_path: Path
) -> None:
    assert ptf(capsys, "--database", str(database_path), "db", "upgrade")[0] == 0
    demo = ("demo", "--organizations", "300", "--register-only")
    assert ptf(capsys, "--database", str(database_path), *demo)[0] == 0
    with mounted_tmpfs(tmp_path, "16k") as volume:
        finished = subprocess.run(
            [sys.executable, "-m", "ptf_desktop.cli.main", "--database", str(database_path),
             "organizations", "export", "--out", str(volume / "members.xlsx")],
            capture_output=True, text=True, timeout=300,
            env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
        )  # fmt: skip
        assert finished.returncode == 1
        assert finished.stderr == (
            f"ptf: error: Cannot export to {volume / 'members.xlsx'}: the disk is full.\n"
        )
        assert os.listdir(volume) == []
