"""Tests for ptf_desktop.resources: resolving bundled resource names in every layout."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from ptf_desktop import resources
from ptf_desktop.resources import list_resources, resource_path, resources_root

REPOSITORY = Path(__file__).resolve().parents[1]

SIDEBAR_ICONS = [
    "dashboard",
    "organizations",
    "renewals",
    "quotes",
    "invoices",
    "certificates",
    "settings",
]
FONTS = ["fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf"]
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def fresh_root() -> Iterator[None]:
    """Forget the cached resources root before and after the test."""
    resources_root.cache_clear()
    yield None
    resources_root.cache_clear()


def test_source_checkout_resolves_to_repository_resources() -> None:
    assert resources_root() == REPOSITORY / "resources"


@pytest.mark.parametrize("icon", [*SIDEBAR_ICONS, "app"])
def test_every_icon_is_found(icon: str) -> None:
    path = resource_path(f"icons/{icon}.svg")
    assert path.is_file()
    assert path == resources_root() / "icons" / f"{icon}.svg"


@pytest.mark.parametrize("font", FONTS)
def test_every_font_is_found(font: str) -> None:
    path = resource_path(font)
    assert path.is_file()
    assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType outlines, not CFF


def test_logo_images_are_found() -> None:
    assert resource_path("images/logo.svg").is_file()
    png = resource_path("images/logo.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (256, 256)


@pytest.mark.parametrize(
    "name",
    [
        "../pyproject.toml",
        "icons/../../pyproject.toml",
        "/etc/passwd",
        "C:/Windows/win.ini",
        "icons\\settings.svg",
        "",
        ".",
    ],
)
def test_names_that_could_escape_are_refused(name: str) -> None:
    with pytest.raises(ValueError):
        resource_path(name)


def test_missing_resource_names_itself() -> None:
    with pytest.raises(FileNotFoundError, match="icons/no-such-icon.svg"):
        resource_path("icons/no-such-icon.svg")


def test_symlink_out_of_the_root_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "resources"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("x")
    try:
        (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    except OSError:
        pytest.skip("symbolic links are not available here")
    monkeypatch.setattr(resources, "resources_root", lambda: root)
    with pytest.raises(ValueError, match="outside"):
        resource_path("link.txt")


def test_list_resources_holds_every_bundled_file() -> None:
    names = list_resources()
    assert names == sorted(names)
    expected = {f"icons/{icon}.svg" for icon in SIDEBAR_ICONS} | {
        "icons/app.svg",
        "images/logo.svg",
        "images/logo.png",
        "fonts/LICENSE-DejaVu.txt",
        "fonts/README.md",
        *FONTS,
    }
    assert expected <= set(names)
    for name in names:
        assert "\\" not in name and not name.startswith("/")
        assert resource_path(name).is_file()


def test_every_svg_parses_with_an_svg_root() -> None:
    svgs = [name for name in list_resources() if name.endswith(".svg")]
    assert len(svgs) >= len(SIDEBAR_ICONS) + 2
    for name in svgs:
        root = ET.parse(resource_path(name)).getroot()
        assert root.tag == f"{SVG_NAMESPACE}svg", name
        assert root.get("viewBox"), name


@pytest.mark.parametrize("icon", SIDEBAR_ICONS)
def test_sidebar_icons_follow_the_line_icon_style(icon: str) -> None:
    root = ET.parse(resource_path(f"icons/{icon}.svg")).getroot()
    assert root.get("viewBox") == "0 0 24 24"
    assert root.get("fill") == "none"
    assert root.get("stroke") == "#3c4650"
    assert root.get("stroke-width") == "1.8"
    assert root.get("stroke-linecap") == "round"
    for element in root.iter():
        if element is root:
            continue
        assert element.get("fill") in (None, "none"), (icon, element.tag)
        assert element.get("stroke") is None, (icon, element.tag)


def test_every_font_has_its_licence_next_to_it() -> None:
    fonts = [name for name in list_resources() if name.endswith((".ttf", ".otf", ".ttc"))]
    assert fonts
    for name in fonts:
        folder = resource_path(name).parent
        licences = list(folder.glob("LICENSE*")) + list(folder.glob("LICENCE*"))
        assert licences, f"no licence file next to {name}"
    licence = resource_path("fonts/LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera Fonts Copyright" in licence
    assert "Permission is hereby granted" in licence
    readme = resource_path("fonts/README.md").read_text(encoding="utf-8")
    for name in fonts:
        assert Path(name).name in readme


# --- layouts: the lookup order, tested on fake trees -------------------------------------


def _make_dir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def test_wheel_layout_uses_the_package_resources(tmp_path: Path) -> None:
    site_packages = tmp_path / "site-packages"
    package = _make_dir(site_packages / "ptf_desktop")
    packaged = _make_dir(package / "_resources" / "icons")
    # Some other distribution installed a top-level "resources" folder: never ours.
    _make_dir(site_packages / "resources")

    candidates = resources._candidate_roots(
        package, frozen=False, meipass=None, executable="/usr/bin/python3"
    )

    assert candidates == [package / "_resources"]
    assert resources._first_existing(candidates) == packaged.parent


def test_source_layout_needs_the_repository_next_to_the_package(tmp_path: Path) -> None:
    package = _make_dir(tmp_path / "repo" / "ptf_desktop")
    source = _make_dir(tmp_path / "repo" / "resources")
    (tmp_path / "repo" / "pyproject.toml").write_text("[project]\n")

    candidates = resources._candidate_roots(
        package, frozen=False, meipass=None, executable="/usr/bin/python3"
    )

    assert candidates == [package / "_resources", source]
    assert resources._first_existing(candidates) == source


def test_frozen_layout_prefers_the_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "PTF Desktop" / "_internal"
    package = _make_dir(bundle / "ptf_desktop")
    bundled = _make_dir(bundle / "resources")

    candidates = resources._candidate_roots(
        package, frozen=True, meipass=str(bundle), executable=str(bundle.parent / "app")
    )

    assert candidates[0] == bundled
    assert resources._first_existing(candidates) == bundled


def test_frozen_without_meipass_looks_next_to_the_executable(tmp_path: Path) -> None:
    app = _make_dir(tmp_path / "app")
    bundled = _make_dir(app / "resources")

    candidates = resources._candidate_roots(
        app / "ptf_desktop", frozen=True, meipass=None, executable=str(app / "ptf-desktop")
    )

    assert resources._first_existing(candidates) == bundled


def test_resources_root_reports_a_broken_installation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_root: None
) -> None:
    monkeypatch.setattr(resources, "_candidate_roots", lambda *a, **k: [tmp_path / "gone"])
    with pytest.raises(RuntimeError, match="resources folder is missing"):
        resources_root()


def test_resources_root_honours_the_frozen_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_root: None
) -> None:
    bundled = _make_dir(tmp_path / "resources" / "icons").parent
    (bundled / "icons" / "settings.svg").write_text("<svg/>")
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)

    assert resources_root() == bundled
    assert resource_path("icons/settings.svg") == bundled / "icons" / "settings.svg"
    assert list_resources() == ["icons/settings.svg"]
