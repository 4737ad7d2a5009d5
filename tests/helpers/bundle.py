"""Building the one-folder bundle with PyInstaller once, and running it in isolation.

The build and its work folder go to a temporary folder, never into the repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
SPEC = "build_installer.spec"
APP_NAME = "ptf-desktop"
BUILD_TIMEOUT = 20 * 60


@dataclass(frozen=True)
class Bundle:
    """A built one-folder bundle.

    Attributes:
        folder: dist/ptf-desktop.
        executable: its executable.
        build_seconds: how long PyInstaller took.
    """

    folder: Path
    executable: Path
    build_seconds: float

    @property
    def internal(self) -> Path:
        """The folder with the libraries, the resources and the migrations."""
        return self.folder / "_internal"


def isolated_environment(home: Path) -> dict[str, str]:
    """The environment of a bundle run: its own HOME and XDG folders, offscreen Qt."""
    environment = dict(os.environ)
    for name in ("PTF_DATABASE", "PTF_ONEFILE", "PTF_CONSOLE", "PYTHONPATH", "PYTHONHOME",
                 "PYTHON_KEYRING_BACKEND", "PYTHONPROFILEIMPORTTIME"):  # fmt: skip
        environment.pop(name, None)
    environment.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    return environment


def build_bundle(folder: Path, *, one_file: bool = False) -> Bundle:
    """Run PyInstaller on the spec; the bundle goes to ``folder/dist``.

    ``one_file`` builds the one-file variant instead (PTF_ONEFILE=1): its ``folder`` is
    ``dist`` and its ``executable`` the single file in it.
    """
    dist, work, home = folder / "dist", folder / "build", folder / "home"
    home.mkdir(parents=True, exist_ok=True)
    environment = isolated_environment(home)
    if one_file:
        environment["PTF_ONEFILE"] = "1"
    started = time.monotonic()
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", SPEC, "--noconfirm"]
        + ["--distpath", str(dist), "--workpath", str(work)],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    seconds = time.monotonic() - started
    assert build.returncode == 0, f"PyInstaller failed:\n{build.stdout}\n{build.stderr[-8000:]}"
    name = APP_NAME + (".exe" if sys.platform == "win32" else "")
    bundle = dist if one_file else dist / APP_NAME
    executable = bundle / name
    assert executable.is_file(), f"no executable in {bundle}"
    return Bundle(bundle, executable, seconds)


def folder_size(folder: Path) -> int:
    """Bytes of every file under ``folder`` (links counted as links, as du does)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir())


def missing_bundled_libraries(internal: Path) -> list[str]:
    """Qt/PySide libraries that a bundled binary needs but the bundle lacks (Linux, ldd).

    The spec leaves out Qt plugins and libraries the app never loads; this catches a
    library left out that something else still needs. System libraries (X11, xcb) are
    the desktop's and are not bundled on purpose.
    """
    ldd = shutil.which("ldd")
    if not sys.platform.startswith("linux") or ldd is None:
        return []
    bundled = re.compile(r"^\s*(lib(?:Qt6|icu|pyside6|shiboken6)\S*) => not found", re.MULTILINE)
    missing = []
    for binary in sorted((internal / "PySide6").rglob("*.so*")):
        if binary.is_symlink() or not binary.is_file():
            continue
        result = subprocess.run([ldd, str(binary)], capture_output=True, text=True, check=False)
        where = binary.relative_to(internal)
        missing += [f"{where}: {name}" for name in bundled.findall(result.stdout)]
    return missing
