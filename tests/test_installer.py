"""Build the one-folder installer with PyInstaller and run the frozen app's smoke test.

Slow (about a minute to build): run it with ``-m slow`` or by naming this file. The build
and its work folder go to the test's temporary folder, never into the repository. The
bundle's size and the build time are printed (visible with ``-s``) and recorded as
test properties (``--junitxml``).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ptf_desktop.resources import list_resources
from ptf_desktop.services.database_service import schema_version_of_app

REPOSITORY = Path(__file__).resolve().parents[1]
SPEC = "build_installer.spec"
APP_NAME = "ptf-desktop"
MIGRATIONS = REPOSITORY / "ptf_desktop" / "persistence" / "migrations"
BUILD_TIMEOUT = 15 * 60
RUN_TIMEOUT = 120

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed (requirements/test.txt brings it)",
    ),
]


def _folder_size(folder: Path) -> int:
    """Bytes of every file under ``folder`` (links counted as links, as du does)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir())


def _isolated_environment(home: Path) -> dict[str, str]:
    environment = dict(os.environ)
    for name in ("PTF_DATABASE", "PTF_ONEFILE", "PTF_CONSOLE", "PYTHONPATH", "PYTHONHOME"):
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


def _missing_bundled_libraries(internal: Path) -> list[str]:
    """Qt/PySide libraries that a bundled binary needs but the bundle lacks (Linux, ldd).

    The spec leaves out Qt plugins for embedded devices and the libraries only they
    use; this catches a library left out that something else still needs. System
    libraries (X11, xcb, GTK) are the desktop's and are not bundled on purpose.
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


def test_one_folder_bundle_builds_and_passes_its_smoke_test(
    tmp_path: Path, record_property: pytest.RecordProperty
) -> None:
    dist, work = tmp_path / "dist", tmp_path / "build"
    home = tmp_path / "home"
    home.mkdir()
    environment = _isolated_environment(home)

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
    build_seconds = time.monotonic() - started
    assert build.returncode == 0, f"PyInstaller failed:\n{build.stdout}\n{build.stderr[-8000:]}"

    bundle = dist / APP_NAME
    executable = bundle / (APP_NAME + (".exe" if sys.platform == "win32" else ""))
    internal = bundle / "_internal"
    assert executable.is_file(), f"no executable in {bundle}"
    size_mib = _folder_size(bundle) / 2**20  # as du -sh reports it
    files = sum(1 for path in bundle.rglob("*") if not path.is_dir())
    record_property("installer_bundle_mib", round(size_mib, 1))
    record_property("installer_build_seconds", round(build_seconds))
    print(f"\ninstaller: one-folder bundle {size_mib:.1f} MiB, {files} files")
    print(f"installer: built in {build_seconds:.0f} s")

    # What Alembic loads from files at run time, shipped with its sources.
    bundled_migrations = internal / "ptf_desktop" / "persistence" / "migrations"
    versions = [f"versions/{path.name}" for path in MIGRATIONS.glob("versions/*.py")]
    assert versions, "the checkout has no migration scripts"
    for script in ["env.py", "script.py.mako", *versions]:
        assert (bundled_migrations / script).is_file(), f"migration file {script} is not bundled"
    # Every resource of the checkout, the fonts in particular.
    names = list_resources()
    assert [name for name in names if not (internal / "resources" / name).is_file()] == []
    fonts = [name for name in names if name.endswith(".ttf")]
    assert fonts, "the checkout has no fonts to bundle"
    for font in fonts:
        bundled, source = internal / "resources" / font, REPOSITORY / "resources" / font
        assert bundled.read_bytes() == source.read_bytes(), f"{font} differs in the bundle"
    assert _missing_bundled_libraries(internal) == []

    run = subprocess.run(
        [str(executable), "--smoke-test"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    output = f"stdout:\n{run.stdout}\nstderr:\n{run.stderr}"
    assert run.returncode == 0, output
    assert "smoke test: OK" in run.stdout, output
    schema = schema_version_of_app()
    assert re.search(rf"^database: created .* at schema {schema}$", run.stdout, re.M), output
    assert f"resources: {len(names)} loaded" in run.stdout, output
    assert re.search(r"^document fonts: DejaVuSans, DejaVuSans-Bold$", run.stdout, re.M), output
    assert re.search(r"^main window: shown with \d+ areas", run.stdout, re.M), output
