"""A keyring backend kept in a JSON file, shared by the tests and an app they start.

The built bundle runs in its own process, so an in-memory keyring cannot hand it the
signing passphrase. keyring's own configuration (``keyringrc.cfg``: ``keyring-path``
and ``default-keyring``) makes the app load this module by file; the file is named by
the environment variable :data:`FILE_VARIABLE`. Standard library and keyring only: it is
loaded outside the tests' package.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

FILE_VARIABLE = "PTF_TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    """Passwords in a JSON file (never a real secret: tests only)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = path or Path(os.environ[FILE_VARIABLE])

    def _read(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        return dict(json.loads(self.path.read_text(encoding="utf-8")))

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        passwords = self._read()
        passwords[f"{service}/{username}"] = password
        self.path.write_text(json.dumps(passwords), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        passwords = self._read()
        if passwords.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError("no such password")
        self.path.write_text(json.dumps(passwords), encoding="utf-8")


def configure_for_app(config_home: Path, keyring_file: Path) -> dict[str, str]:
    """Make an app whose XDG_CONFIG_HOME is ``config_home`` use this backend.

    Returns:
        The environment variables to add to the app's environment.
    """
    folder = config_home / "python_keyring"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "keyringrc.cfg").write_text(
        "[backend]\n"
        f"default-keyring = {Path(__file__).stem}.FileKeyring\n"
        f"keyring-path = {Path(__file__).parent}\n",
        encoding="utf-8",
    )
    return {FILE_VARIABLE: str(keyring_file)}
