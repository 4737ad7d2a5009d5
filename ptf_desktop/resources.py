"""Resolve bundled resource names (icons, images, fonts, templates) to file paths.

This is the only module that knows where the repository's ``resources/`` folder ends up
in each of the three ways the application runs:

1. PyInstaller bundle (``sys.frozen``): the spec copies ``resources/`` to
   ``<bundle>/resources``, where ``<bundle>`` is ``sys._MEIPASS``.
2. Installed wheel: the wheel build maps ``resources/`` to ``ptf_desktop/_resources/``
   (``[tool.hatch.build.targets.wheel.force-include]`` in ``pyproject.toml``).
3. Source checkout or editable install: ``<repository>/resources`` next to the package.

Everything else asks for resources by a relative POSIX name such as
``"icons/settings.svg"``; nothing else builds resource paths or looks at ``sys._MEIPASS``.
The module imports only the standard library because start-up code uses it.
"""

from __future__ import annotations

import errno
import functools
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath, PureWindowsPath

__all__ = ["list_resources", "resource_path", "resources_root"]

_BUNDLE_DIR_NAME = "resources"
"""Folder under ``sys._MEIPASS`` that the PyInstaller spec copies the resources to."""

_PACKAGE_DIR_NAME = "_resources"
"""Folder inside the installed package that the wheel build copies the resources to."""

_SOURCE_DIR_NAME = "resources"
"""Folder at the repository root, next to ``pyproject.toml``."""


def _candidate_roots(
    package_dir: Path, *, frozen: bool, meipass: str | None, executable: str
) -> list[Path]:
    """Return the folders that may hold the resources, most specific first.

    Pure function of its arguments so that every layout can be tested without
    installing or freezing anything.

    Args:
        package_dir: The folder of the ``ptf_desktop`` package.
        frozen: Whether the process runs from a PyInstaller bundle (``sys.frozen``).
        meipass: The bundle's data folder (``sys._MEIPASS``), if any.
        executable: ``sys.executable``; used for frozen builds that lack ``_MEIPASS``.

    Returns:
        Candidate folders in lookup order; they need not exist.
    """
    candidates: list[Path] = []
    if frozen:
        bundle = Path(meipass) if meipass else Path(executable).resolve().parent
        candidates.append(bundle / _BUNDLE_DIR_NAME)
    candidates.append(package_dir / _PACKAGE_DIR_NAME)
    repository = package_dir.parent
    # Only trust <parent>/resources when the parent really is our repository: an
    # installed package's parent is site-packages, where any distribution may have
    # put a top-level "resources" folder.
    if (repository / "pyproject.toml").is_file():
        candidates.append(repository / _SOURCE_DIR_NAME)
    return candidates


def _first_existing(candidates: Iterable[Path]) -> Path | None:
    """Return the first candidate that is an existing folder, or ``None``."""
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None


@functools.cache
def resources_root() -> Path:
    """Return the folder that holds the bundled resources.

    The result is computed once per process.

    Returns:
        The absolute path of the resources folder.

    Raises:
        RuntimeError: If no resources folder exists in any known layout, which means
            the installation or the bundle is broken.
    """
    candidates = _candidate_roots(
        Path(__file__).resolve().parent,
        frozen=bool(getattr(sys, "frozen", False)),
        meipass=getattr(sys, "_MEIPASS", None),
        executable=sys.executable,
    )
    root = _first_existing(candidates)
    if root is None:
        searched = ", ".join(str(candidate) for candidate in candidates)
        raise RuntimeError(
            f"The application's resources folder is missing (searched: {searched}). "
            "The installation is incomplete; reinstall the application."
        )
    return root


def _validated_parts(name: str) -> tuple[str, ...]:
    """Split a resource name into path components, refusing anything that could escape.

    Raises:
        ValueError: If ``name`` is empty, absolute, uses backslashes or a drive, or
            contains a ``..`` component.
    """
    if not name or not name.strip():
        raise ValueError("A resource name must not be empty.")
    if "\\" in name:
        raise ValueError(f"Resource names use forward slashes: {name!r}.")
    posix = PurePosixPath(name)
    if posix.is_absolute() or PureWindowsPath(name).drive:
        raise ValueError(f"A resource name must be relative, not {name!r}.")
    if ".." in posix.parts:
        raise ValueError(f"A resource name must not contain '..': {name!r}.")
    parts = tuple(part for part in posix.parts if part != ".")
    if not parts:
        raise ValueError(f"A resource name must name a file or folder: {name!r}.")
    return parts


def resource_path(name: str) -> Path:
    """Return the path of a bundled resource.

    Args:
        name: A relative POSIX path inside the resources folder, such as
            ``"icons/settings.svg"`` or ``"fonts/DejaVuSans.ttf"``.

    Returns:
        The absolute path of the existing file (or folder).

    Raises:
        ValueError: If ``name`` is empty, absolute, contains ``..`` or backslashes, or
            resolves (through a symbolic link) outside the resources folder.
        FileNotFoundError: If no such resource is bundled.
        RuntimeError: If the resources folder itself is missing.
    """
    parts = _validated_parts(name)
    root = resources_root()
    path = root.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(
            errno.ENOENT, f"No bundled resource named {name!r} in {root}", str(path)
        )
    if not path.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"Resource {name!r} points outside the resources folder.")
    return path


def list_resources() -> list[str]:
    """Return the names of every bundled file.

    Includes everything (README and licence files too); callers filter by folder or
    suffix.

    Returns:
        Relative POSIX names, such as ``"icons/settings.svg"``, sorted.

    Raises:
        RuntimeError: If the resources folder is missing.
    """
    root = resources_root()
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())
