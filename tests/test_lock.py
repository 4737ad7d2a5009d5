"""The lock (requirements/*.txt) is in step with pyproject.toml and installs reproducibly."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import REPOSITORY

PYPROJECT = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))
APP_DEPENDENCIES = [Requirement(line) for line in PYPROJECT["project"]["dependencies"]]
TEST_DEPENDENCIES = [
    Requirement(line) for line in PYPROJECT["project"]["optional-dependencies"]["test"]
]


def locked(name: str) -> dict[str, tuple[Requirement, list[str]]]:
    """The pins of requirements/NAME.txt: canonical name -> (pin with markers, hashes)."""
    text = (REPOSITORY / "requirements" / f"{name}.txt").read_text(encoding="utf-8")
    entries: dict[str, tuple[Requirement, list[str]]] = {}
    for entry in re.sub(r"\\\n\s*", " ", text).splitlines():
        entry = entry.split("#", 1)[0].strip()
        if not entry:
            continue
        requirement, *options = entry.split(" --hash=")
        pin = Requirement(requirement)
        entries[canonicalize_name(pin.name)] = (pin, options)
    return entries


def pinned_version(pin: Requirement) -> str:
    [specifier] = pin.specifier
    assert specifier.operator == "==", pin
    return specifier.version


@pytest.mark.parametrize(
    ("lock", "dependencies"),
    [("app", APP_DEPENDENCIES), ("test", APP_DEPENDENCIES + TEST_DEPENDENCIES)],
)
def test_every_direct_dependency_is_locked_within_its_range(
    lock: str, dependencies: list[Requirement]
) -> None:
    pins = locked(lock)
    missing = [str(d) for d in dependencies if canonicalize_name(d.name) not in pins]
    assert not missing, f"not in requirements/{lock}.txt: {missing}; run scripts/lock.sh"
    outside = [
        f"{d} (locked {pinned_version(pins[canonicalize_name(d.name)][0])})"
        for d in dependencies
        if not d.specifier.contains(
            pinned_version(pins[canonicalize_name(d.name)][0]), prereleases=True
        )
    ]
    assert not outside, f"locked outside pyproject.toml's range: {outside}; run scripts/lock.sh"


@pytest.mark.parametrize("lock", ["app", "test"])
def test_every_pin_is_exact_and_hashed(lock: str) -> None:
    for name, (pin, hashes) in locked(lock).items():
        pinned_version(pin)
        assert hashes and all(h.startswith("sha256:") for h in hashes), name


def test_the_app_installs_the_versions_the_tests_ran_with() -> None:
    app, test = locked("app"), locked("test")
    assert set(app) <= set(test)
    differ = {
        name: (pinned_version(pin), pinned_version(test[name][0]))
        for name, (pin, _) in app.items()
        if pinned_version(pin) != pinned_version(test[name][0])
    }
    assert not differ, f"requirements/app.txt and test.txt differ: {differ}"
    test_only = {canonicalize_name(d.name) for d in TEST_DEPENDENCIES} - {
        canonicalize_name(d.name) for d in APP_DEPENDENCIES
    }
    assert not test_only & set(app), "the app's lock carries test tools"


def test_the_readme_ci_and_lock_script_install_from_the_lock() -> None:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    ci = (REPOSITORY / ".ci" / "run").read_text(encoding="utf-8")
    then_the_project = " && .venv/bin/pip install --no-deps -e ."
    for text in (readme, ci):
        assert "pip install -e" not in text
        assert f"pip install -r requirements/test.txt{then_the_project}" in text
    assert f"pip install -r requirements/app.txt{then_the_project}" in readme
    assert "scripts/lock.sh" in readme
    script = Path(REPOSITORY / "scripts" / "lock.sh").read_text(encoding="utf-8")
    assert "--universal" in script and "--generate-hashes" in script
