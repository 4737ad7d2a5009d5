"""The signing key is private, exports honour the umask, each signing file has its own key.

Each signing file's passphrase has its own keyring entry: setting up signing for one
database never breaks another.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.persistence import secrets
from ptf_desktop.services.atomic_files import write_bytes_atomic
from ptf_desktop.services.certificates.certificate_batch import CertificateBatch
from ptf_desktop.services.context import open_context

from helpers.certificates import PASSPHRASE, add_member, configure_signatory, enable_signing

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes and umask are POSIX")


@pytest.fixture
def umask() -> Iterator[Any]:
    """Set the process's umask for one test."""
    previous = os.umask(0o022)

    def set_umask(value: int) -> None:
        os.umask(value)

    yield set_umask
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_self_signed_signing_key_is_owner_only(
    context: Any, memory_keyring: object, tmp_path: Path, umask: Any
) -> None:
    umask(0o022)
    assert mode(enable_signing(context, tmp_path)) == 0o600


@pytest.mark.parametrize(("mask", "expected"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_exports_get_the_mode_of_any_new_file(
    tmp_path: Path, umask: Any, mask: int, expected: int
) -> None:
    umask(mask)
    path = tmp_path / "report.csv"
    write_bytes_atomic(path, b"a,b\n")
    assert mode(path) == expected
    assert os.listdir(tmp_path) == ["report.csv"]


def test_the_signing_file_is_stored_with_its_absolute_path(
    context: Any, memory_keyring: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    context.certificate_settings.create_self_signed(Path("signing.p12"), PASSPHRASE, "Ada")
    stored = context.certificate_settings.load().signing_pkcs12_path
    assert stored == str(tmp_path / "signing.p12")
    monkeypatch.chdir("/")
    assert context.certificate_settings.signing_material() is not None


def test_two_databases_keep_their_own_signing_passphrases(
    memory_keyring: object, tmp_path: Path
) -> None:
    first: Any = open_context(tmp_path / "first.sqlite")
    second: Any = open_context(tmp_path / "second.sqlite")
    try:
        first.certificate_settings.create_self_signed(tmp_path / "a.p12", "first secret", "Ada")
        second.certificate_settings.create_self_signed(tmp_path / "b.p12", "other secret", "Bo")
        assert first.certificate_settings.signing_material().passphrase == b"first secret"
        assert second.certificate_settings.signing_material().passphrase == b"other secret"
        assert first.certificate_settings.load().has_passphrase
    finally:
        first.close()
        second.close()


def test_the_one_old_keyring_entry_is_taken_over_by_the_file_it_opens(
    context: Any, memory_keyring: object, tmp_path: Path
) -> None:
    path = enable_signing(context, tmp_path)
    secrets.delete_secret(secrets.signing_passphrase_name(str(path)))
    secrets.store_secret(secrets.SIGNING_PASSPHRASE, "not the passphrase")
    with pytest.raises(UserError, match="not in the system keyring"):
        context.certificate_settings.signing_material()
    assert secrets.load_secret(secrets.signing_passphrase_name(str(path))) is None

    secrets.store_secret(secrets.SIGNING_PASSPHRASE, PASSPHRASE)
    assert context.certificate_settings.signing_material().passphrase == PASSPHRASE.encode()
    assert secrets.load_secret(secrets.signing_passphrase_name(str(path))) == PASSPHRASE
    assert secrets.load_secret(secrets.SIGNING_PASSPHRASE) == PASSPHRASE  # other databases


def test_a_batch_whose_key_does_not_open_is_one_clear_message(
    context: Any, memory_keyring: object, tmp_path: Path
) -> None:
    """Worker processes that cannot open the key used to die: BrokenProcessPool."""
    configure_signatory(context)
    path = enable_signing(context, tmp_path)
    secrets.store_secret(secrets.signing_passphrase_name(str(path)), "a wrong passphrase")
    for index in range(3):
        add_member(context, f"Member {index}", tier=Tier.GENERAL)
    batch = CertificateBatch(
        context.certificates, context.factories, workers=2, pool_threshold=1, chunk_size=3
    )
    with pytest.raises(UserError, match="passphrase is wrong"):
        batch.export_year(2027, tmp_path / "out", on=date(2027, 1, 15))
    assert context.certificates.list() == []
