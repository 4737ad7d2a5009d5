"""Build the installers with PyInstaller and run the frozen app's smoke test.

The one-folder bundle (what the installers ship) and the one-file executable, each
within its size. Slow (minutes to build each, once per run: the ``built_bundle`` and
``built_one_file`` fixtures): run it with ``-m slow`` or by naming this file. The builds
and their work folders go to a temporary folder, never into the repository. The sizes
and build times are printed (visible with ``-s``) and recorded as test properties
(``--junitxml``).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
from pathlib import Path

import pytest

from ptf_desktop.resources import list_resources
from ptf_desktop.services.database_service import schema_version_of_app

from helpers.bundle import (
    REPOSITORY,
    Bundle,
    build_bundle,
    folder_size,
    isolated_environment,
    missing_bundled_libraries,
)

MIGRATIONS = REPOSITORY / "ptf_desktop" / "persistence" / "migrations"
RUN_TIMEOUT = 120
# What the installers may weigh (MiB), with room for the fonts of every script.
ONE_FOLDER_LIMIT_MIB = 200
ONE_FILE_LIMIT_MIB = 90

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed (requirements/test.txt brings it)",
    ),
]


def test_one_folder_bundle_builds_and_passes_its_smoke_test(
    built_bundle: Bundle, tmp_path: Path, record_property: pytest.RecordProperty
) -> None:
    bundle, executable, internal = (
        built_bundle.folder,
        built_bundle.executable,
        built_bundle.internal,
    )
    home = tmp_path / "home"
    home.mkdir()
    environment = isolated_environment(home)
    size_mib = folder_size(bundle) / 2**20  # as du -sh reports it
    files = sum(1 for path in bundle.rglob("*") if not path.is_dir())
    record_property("installer_bundle_mib", round(size_mib, 1))
    record_property("installer_build_seconds", round(built_bundle.build_seconds))
    print(f"\ninstaller: one-folder bundle {size_mib:.1f} MiB, {files} files")
    print(f"installer: built in {built_bundle.build_seconds:.0f} s")

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
    assert missing_bundled_libraries(internal) == []

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
    assert size_mib <= ONE_FOLDER_LIMIT_MIB, f"the bundle weighs {size_mib:.1f} MiB"


@pytest.fixture(scope="module")
def built_one_file(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """The one-file executable, built once (PTF_TEST_ONE_FILE=FILE: one built before)."""
    if os.environ.get("PTF_TEST_ONE_FILE"):
        executable = Path(os.environ["PTF_TEST_ONE_FILE"]).resolve()
        return Bundle(executable.parent, executable, build_seconds=0.0)
    return build_bundle(tmp_path_factory.mktemp("one-file"), one_file=True)


def test_one_file_executable_builds_within_its_size_and_passes_its_smoke_test(
    built_one_file: Bundle, tmp_path: Path, record_property: pytest.RecordProperty
) -> None:
    size_mib = built_one_file.executable.stat().st_size / 2**20
    record_property("installer_one_file_mib", round(size_mib, 1))
    record_property("installer_one_file_build_seconds", round(built_one_file.build_seconds))
    print(f"\ninstaller: one-file executable {size_mib:.1f} MiB")
    print(f"installer: one-file built in {built_one_file.build_seconds:.0f} s")
    home = tmp_path / "home"
    home.mkdir()

    run = subprocess.run(
        [str(built_one_file.executable), "--smoke-test"],
        cwd=tmp_path,
        env=isolated_environment(home),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )

    output = f"stdout:\n{run.stdout}\nstderr:\n{run.stderr}"
    assert run.returncode == 0, output
    assert "smoke test: OK" in run.stdout, output
    assert f"resources: {len(list_resources())} loaded" in run.stdout, output
    assert re.search(r"^document fonts: DejaVuSans, DejaVuSans-Bold$", run.stdout, re.M), output
    assert re.search(r"^main window: shown with \d+ areas", run.stdout, re.M), output
    assert size_mib <= ONE_FILE_LIMIT_MIB, f"the one-file executable weighs {size_mib:.1f} MiB"
