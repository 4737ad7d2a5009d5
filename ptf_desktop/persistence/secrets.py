"""Secrets kept in the operating system's keyring, never in the database.

The signing certificate's passphrase (and, later, other credentials) is stored with
``keyring`` under the service name :data:`SERVICE`, one entry per named secret. The
keyring backend is the platform's (Windows Credential Locker, macOS Keychain, Secret
Service on Linux); tests configure an in-memory backend.
"""

from __future__ import annotations

from ptf_desktop.domain.errors import UserError

__all__ = [
    "SERVICE",
    "SIGNING_PASSPHRASE",
    "SecretStoreError",
    "delete_secret",
    "load_secret",
    "signing_passphrase_name",
    "store_secret",
]

SERVICE = "ptf-desktop"
"""Keyring service name under which the application's secrets are filed."""

SIGNING_PASSPHRASE = "signing-certificate-passphrase"
"""Name of the one secret that held the signing passphrase of every database (before
each signing certificate file had its own; see :func:`signing_passphrase_name`)."""


def signing_passphrase_name(pkcs12_path: str) -> str:
    """The name of the secret holding the passphrase of one PKCS#12 file.

    A passphrase belongs to a file, and each database names its own file: setting up
    signing for one database never changes what another uses.

    Args:
        pkcs12_path: the file's absolute path, as the settings store it.
    """
    return f"{SIGNING_PASSPHRASE}:{pkcs12_path}"


class SecretStoreError(UserError):
    """The keyring is missing, locked or refused the operation."""


def _keyring_errors() -> tuple[type[BaseException], ...]:
    from keyring.errors import KeyringError

    return (KeyringError,)


def store_secret(name: str, value: str) -> None:
    """Store a secret in the keyring, replacing any earlier value.

    Args:
        name: which secret, e.g. :data:`SIGNING_PASSPHRASE`.
        value: the secret (not empty).

    Raises:
        ValueError: if the value is empty.
        SecretStoreError: if the keyring cannot store it.
    """
    import keyring

    if not value:
        raise ValueError("An empty secret cannot be stored")
    try:
        keyring.set_password(SERVICE, name, value)
    except _keyring_errors() as error:
        raise SecretStoreError(
            f"The system keyring refused to store the secret: {error}"
        ) from error


def load_secret(name: str) -> str | None:
    """Return a stored secret, or None when none is stored.

    Raises:
        SecretStoreError: if the keyring cannot be read.
    """
    import keyring

    try:
        return keyring.get_password(SERVICE, name)
    except _keyring_errors() as error:
        raise SecretStoreError(f"The system keyring cannot be read: {error}") from error


def delete_secret(name: str) -> bool:
    """Delete a stored secret.

    Returns:
        True when a secret was deleted, False when none was stored.

    Raises:
        SecretStoreError: if the keyring cannot be changed.
    """
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, name)
    except PasswordDeleteError:
        return False
    except _keyring_errors() as error:
        raise SecretStoreError(f"The system keyring cannot be changed: {error}") from error
    return True
