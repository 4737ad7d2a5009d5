"""``ptf certificates issue|export|verify|list`` as typed: output, files, exit status."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_cli_billing import ptf

from ptf_desktop.services.context import open_context

from helpers.certificates import add_member, configure_signatory, enable_signing


@pytest.fixture
def members(database_path: Path, memory_keyring: object, tmp_path: Path) -> Iterator[Path]:
    """Three current members with awkward names, one lapsed term, signing set up."""
    context: Any = open_context(database_path)
    configure_signatory(context)
    enable_signing(context, tmp_path)
    for name in ("AT&T <Holding> Inc.", "../../etc/passwd Consulting", "CON"):
        add_member(context, name)
    add_member(context, "Finished Ltd.", start=date(2026, 1, 1))
    context.close()
    yield database_path


def test_issue_a_year_then_list(capsys: pytest.CaptureFixture[str], members: Path) -> None:
    status, out, err = ptf(capsys, members, "certificates", "issue", "--year", "2027",
                           "--date", "2027-01-15")  # fmt: skip
    assert status == 0
    assert "Issued CERT-2027-0001" in out and "Issued CERT-2027-0003" in out
    assert "3 certificate(s) issued" in out
    # Issuing again finds nothing left to issue.
    status, out, _ = ptf(capsys, members, "certificates", "issue", "--year", "2027",
                         "--date", "2027-01-15")  # fmt: skip
    assert status == 0 and "0 certificate(s) issued" in out
    status, out, _ = ptf(capsys, members, "certificates", "list")
    assert status == 0 and "AT&T <Holding> Inc." in out and "3 certificate(s)" in out


def test_a_past_year_reports_the_terms_it_cannot_certify(
    capsys: pytest.CaptureFixture[str], members: Path
) -> None:
    status, out, err = ptf(capsys, members, "certificates", "issue", "--year", "2026",
                           "--date", "2027-01-15")  # fmt: skip
    assert status == 0
    assert "ended on 2026-12-31" in err and "0 certificate(s) issued" in out


def test_export_writes_safe_file_names_and_a_zip(
    capsys: pytest.CaptureFixture[str], members: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    status, out, _ = ptf(capsys, members, "certificates", "export", "--year", "2027",
                         "--out", str(out_dir), "--date", "2027-01-15")  # fmt: skip
    assert status == 0
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == [
        "CERT-2027-0001 AT&T _Holding_ Inc.pdf",
        "CERT-2027-0002 CON.pdf",
        "CERT-2027-0003 etc_passwd Consulting.pdf",
    ]
    zipped = tmp_path / "zipped"
    status, out, _ = ptf(capsys, members, "certificates", "export", "--year", "2027",
                         "--out", str(zipped), "--zip")  # fmt: skip
    assert status == 0 and "0 certificate(s) issued" in out  # exported, not issued again
    with zipfile.ZipFile(zipped / "Certificates 2027.zip") as archive:
        assert sorted(archive.namelist()) == names
        first = archive.read(names[0])
    assert first == (out_dir / names[0]).read_bytes()  # the stored PDF, byte for byte


def test_verify_valid_altered_revoked_and_not_a_certificate(
    capsys: pytest.CaptureFixture[str], members: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    ptf(capsys, members, "certificates", "export", "--year", "2027", "--out", str(out_dir),
        "--date", "2027-01-15")  # fmt: skip
    good = sorted(out_dir.iterdir())[0]
    status, out, err = ptf(capsys, members, "certificates", "verify", str(good))
    assert (status, err) == (0, "")
    assert "VALID: certificate CERT-2027-0001 of AT&T <Holding> Inc., signed by Ada Lovelace" in out

    data = good.read_bytes()
    index = data.index(b"/MediaBox")
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(data[:index] + b"/MediaBoy" + data[index + 9 :])
    status, _, err = ptf(capsys, members, "certificates", "verify", str(forged))
    assert status == 1
    assert "INVALID:" in err and "signature" in err.lower()

    context: Any = open_context(members)
    record = context.certificates.list()[-1]
    assert record.number == "CERT-2027-0001"
    context.certificates.revoke(record.id, "Issued in error", on=date(2027, 2, 1))
    context.close()
    status, _, err = ptf(capsys, members, "certificates", "verify", str(good))
    assert status == 1
    assert "INVALID: Certificate CERT-2027-0001 was revoked on 2027-02-01: Issued in error" in err

    text = tmp_path / "note.pdf"
    text.write_bytes(b"hello")
    status, _, err = ptf(capsys, members, "certificates", "verify", str(text))
    assert status == 1 and "INVALID: The file is not a PDF" in err
    status, _, err = ptf(capsys, members, "certificates", "verify", str(tmp_path / "none.pdf"))
    assert status == 1 and "Cannot read" in err


def test_a_superseded_certificate_does_not_verify(
    capsys: pytest.CaptureFixture[str], members: Path, tmp_path: Path
) -> None:
    context: Any = open_context(members)
    context.certificate_batch.issue_year(2027, on=date(2027, 1, 15))
    old = context.certificates.list()[-1]
    path = context.certificates.save_pdf(old.id, tmp_path / "old.pdf")
    new = context.certificates.reissue(old.id, on=date(2027, 2, 1))
    context.close()
    status, _, err = ptf(capsys, members, "certificates", "verify", str(path))
    assert status == 1
    assert f"Certificate {old.number} has been superseded by {new.number}" in err


def test_a_certificate_from_another_database_does_not_verify(
    capsys: pytest.CaptureFixture[str], members: Path, tmp_path: Path
) -> None:
    context: Any = open_context(members)
    context.certificate_batch.issue_year(2027, on=date(2027, 1, 15))
    path = context.certificates.save_pdf(context.certificates.list()[0].id, tmp_path / "a.pdf")
    context.close()
    other = tmp_path / "other.sqlite"
    open_context(other).close()  # another foundation's register, with its own key
    status, _, err = ptf(capsys, other, "certificates", "verify", str(path))
    assert status == 1
    assert "verification code does not match" in err and "not in the foundation's register" in err
