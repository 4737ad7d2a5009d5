"""``ptf settings show|set`` and ``ptf certificates signing-certificate create`` as typed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_cli_billing import ptf

from ptf_desktop.services.context import open_context


@pytest.fixture
def database_path(database_path: Path) -> Path:
    """A fresh, migrated database: the commands refuse to create one."""
    open_context(database_path).close()
    return database_path


def test_show_lists_every_setting_with_its_key(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    status, out, _ = ptf(capsys, database_path, "settings", "show")
    assert status == 0
    assert "legal_name" in out and "PyTorch Foundation" in out
    assert "Premier initial commitment (years)" in out


def test_set_validates_like_the_window_and_stores(
    capsys: pytest.CaptureFixture[str], database_path: Path
) -> None:
    status, out, _ = ptf(capsys, database_path, "settings", "set",
                         "legal_name=Ünïcödé Foundation «Test» 日本", "country=de",
                         "tax_id=DE 136 695 976", "premier_commitment_years=3")  # fmt: skip
    assert status == 0, out
    assert "4 setting(s) changed." in out
    status, out, _ = ptf(capsys, database_path, "settings", "show", "--json")
    shown = json.loads(out)
    assert shown["legal_name"] == "Ünïcödé Foundation «Test» 日本"
    assert shown["country"] == "DE" and shown["tax_id"] == "DE136695976"
    assert shown["premier_commitment_years"] == 3


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("premier_commitment_years=0", "premier_commitment_years:"),
        ("billing_email=not-an-address", "billing_email:"),
        ("colour=blue", "there is no setting 'colour'"),
        ("legal_name", "is not KEY=VALUE"),
    ],
)
def test_a_refused_value_changes_nothing(
    capsys: pytest.CaptureFixture[str], database_path: Path, pair: str, message: str
) -> None:
    status, _, err = ptf(capsys, database_path, "settings", "set", "city=Zürich", pair)
    assert status == 1
    assert err.startswith("ptf: error:") and message in err and len(err.splitlines()) == 1
    _, out, _ = ptf(capsys, database_path, "settings", "show", "--json")
    assert json.loads(out)["city"] == "San Francisco"


def test_create_signing_certificate_chooses_it_and_keeps_the_passphrase(
    capsys: pytest.CaptureFixture[str],
    database_path: Path,
    memory_keyring: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "signing test.p12"
    monkeypatch.setenv("PTF_SIGNING_PASSPHRASE", "correct horse")
    status, out, err = ptf(capsys, database_path, "certificates", "signing-certificate",
                           "create", str(target), "--signer", "Zoë O'Brien")  # fmt: skip
    assert status == 0, err
    assert f"Created {target}" in out and target.stat().st_mode & 0o077 == 0
    context: Any = open_context(database_path)
    try:
        assert context.certificate_settings.load().signing_pkcs12_path == str(target)
        assert context.certificate_settings.signing_material().passphrase == b"correct horse"
    finally:
        context.close()
    status, _, err = ptf(capsys, database_path, "certificates", "signing-certificate",
                         "create", str(target))  # fmt: skip
    assert status == 1 and "exists already" in err


def test_create_signing_certificate_needs_a_passphrase(
    capsys: pytest.CaptureFixture[str],
    database_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PTF_SIGNING_PASSPHRASE", raising=False)
    status, _, err = ptf(capsys, database_path, "certificates", "signing-certificate",
                         "create", str(tmp_path / "x.p12"))  # fmt: skip
    assert status == 1 and "PTF_SIGNING_PASSPHRASE" in err
    assert not (tmp_path / "x.p12").exists()
