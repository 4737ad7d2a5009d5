"""Secrets go to the operating system keyring, never to the database."""

from __future__ import annotations

import pytest

from ptf_desktop.persistence import secrets

from helpers.memory_keyring import MemoryKeyring


def test_a_stored_secret_is_read_back_replaced_and_deleted(memory_keyring: MemoryKeyring) -> None:
    assert secrets.load_secret(secrets.SIGNING_PASSPHRASE) is None
    secrets.store_secret(secrets.SIGNING_PASSPHRASE, "correct horse")
    assert memory_keyring.passwords == {
        ("ptf-desktop", "signing-certificate-passphrase"): "correct horse"
    }
    secrets.store_secret(secrets.SIGNING_PASSPHRASE, "battery staple")
    assert secrets.load_secret(secrets.SIGNING_PASSPHRASE) == "battery staple"
    assert secrets.delete_secret(secrets.SIGNING_PASSPHRASE) is True
    assert secrets.delete_secret(secrets.SIGNING_PASSPHRASE) is False
    assert secrets.load_secret(secrets.SIGNING_PASSPHRASE) is None


def test_an_empty_secret_is_refused_and_nothing_is_stored(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(ValueError, match="empty secret"):
        secrets.store_secret(secrets.SIGNING_PASSPHRASE, "")
    assert memory_keyring.passwords == {}


def test_a_missing_keyring_gives_a_clear_message() -> None:
    # The test configuration installs keyring's "fail" backend: no keyring available.
    with pytest.raises(secrets.SecretStoreError, match="refused to store"):
        secrets.store_secret(secrets.SIGNING_PASSPHRASE, "x")
    with pytest.raises(secrets.SecretStoreError, match="cannot be read"):
        secrets.load_secret(secrets.SIGNING_PASSPHRASE)
