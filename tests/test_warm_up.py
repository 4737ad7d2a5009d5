"""The areas' warm-up: the clicked area first, "Opening…" until its page is built.

A click on an area whose libraries are still loading is answered at once, and its page
comes as soon as they are in; every area's module list covers what its page loads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.opening_notice import OPENING
from ptf_desktop.ui.pages import AREAS
from ptf_desktop.ui.warm_up import AREA_MODULES, ORDER, WarmUp, on_gui_thread

from conftest import REPOSITORY


def texts(window: MainWindow) -> list[str]:
    return [label.text() for label in window.pages.currentWidget().findChildren(QLabel)]


def row_of(key: str) -> int:
    return next(index for index, area in enumerate(AREAS) if area.key == key)


def test_every_area_is_warmed_once_in_the_click_order() -> None:
    assert sorted(ORDER) == sorted(area.key for area in AREAS) == sorted(AREA_MODULES)
    assert ORDER[:2] == ("dashboard", "organizations")


def test_the_clicked_area_is_loaded_next(qtbot: QtBot) -> None:
    loaded: list[str] = []
    release = threading.Event()

    def import_module(name: str) -> None:
        loaded.append(name)
        release.wait(30)

    warm_up = WarmUp(order=["a", "b", "c"], import_module=import_module)
    areas: list[str] = []
    warm_up.area_loaded.connect(areas.append)
    assert not warm_up.is_loaded("a") and warm_up.is_loaded("not queued")
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(AREA_MODULES, "a", ("module_a",))
        patch.setitem(AREA_MODULES, "b", ("module_b",))
        patch.setitem(AREA_MODULES, "c", ("module_c",))
        with qtbot.waitSignal(warm_up.finished, timeout=30_000):
            warm_up.start()
            qtbot.waitUntil(lambda: loaded == ["module_a"])
            warm_up.prefer("c")  # clicked while "a" loads: "c" comes before "b"
            release.set()
    assert areas == ["a", "c", "b"]
    assert loaded == ["module_a", "module_c", "module_b"]
    assert all(warm_up.is_loaded(key) for key in "abc")


def test_an_area_is_not_loaded_until_its_page_modules_are_in(qtbot: QtBot) -> None:
    warm_up = WarmUp(order=["a"], import_module=lambda _name: None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(AREA_MODULES, "a", ("library_a", "ptf_desktop.ui.page_a"))
        warm_up.start().join(30)  # the libraries are in; the GUI thread has not run yet
        assert not warm_up.is_loaded("a")
        with qtbot.waitSignal(warm_up.area_loaded, timeout=30_000) as loaded:
            pass
    assert loaded.args == ["a"] and warm_up.is_loaded("a")


def test_a_click_before_the_libraries_are_in_shows_opening_then_the_page(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    monkeypatch.setattr(WarmUp, "_load", lambda _self, _name: release.wait(30))
    warm_up = main_window.start_warm_up()
    organizations = row_of("organizations")

    main_window.navigation.setCurrentRow(organizations)

    assert main_window.pages.currentIndex() == organizations
    assert texts(main_window) == ["Organizations", OPENING]
    assert main_window.built_page("organizations") is None
    release.set()
    qtbot.waitUntil(lambda: main_window.built_page("organizations") is not None)
    assert main_window.pages.currentWidget() is main_window.built_page("organizations")
    assert OPENING not in texts(main_window)
    warm_up.worker.join(30)  # type: ignore[union-attr]


def test_after_the_warm_up_a_click_builds_the_page_at_once(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    finished: list[bool] = []
    main_window.start_warm_up(then=lambda: finished.append(True))
    qtbot.waitUntil(lambda: finished == [True], timeout=60_000)
    main_window.navigation.setCurrentRow(row_of("certificates"))
    assert main_window.pages.currentWidget() is main_window.built_page("certificates")
    assert "Certificates" in texts(main_window)


# Loading any of these on the GUI thread (its page modules, then its page) means the
# area's list misses them: the window would freeze while they load.
_LIBRARIES = (
    "sqlalchemy", "alembic", "reportlab", "keyring", "pikepdf", "lxml", "cryptography",
    "pyhanko", "openpyxl", "ptf_desktop.services",
)  # fmt: skip
_BUILD_AFTER_WARM_UP = """
import json, sys
import ptf_desktop.__main__  # what the app loads before its window
from pathlib import Path
from PySide6.QtWidgets import QApplication
from ptf_desktop.paths import AppPaths
from ptf_desktop.services.context import open_context
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.warm_up import WarmUp

app = QApplication([])
database, key = Path(sys.argv[1]), sys.argv[2]
window = MainWindow(open_context(database), AppPaths(database.parent, database.parent, database))
window.show()
app.processEvents()
window._start_team()  # as one second after start, whatever the person clicks
warm_up = WarmUp(order=[key])
warm_up._run()  # the background thread's part, here
before = set(sys.modules)
while not warm_up.is_loaded(key):  # the page modules, on the GUI thread
    app.processEvents()
pages = set(sys.modules) - before
before = set(sys.modules)
window.page(key)
app.processEvents()
print(json.dumps(sorted(pages | (set(sys.modules) - before))))
window.close()
"""


@pytest.mark.slow
@pytest.mark.parametrize("key", ORDER)
def test_an_area_warmed_up_loads_no_library_on_the_gui_thread(tmp_path: Path, key: str) -> None:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPOSITORY),
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", _BUILD_AFTER_WARM_UP, str(tmp_path / "ptf.sqlite"), key],
        env=environment, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert [name for name in loaded if name.startswith(_LIBRARIES)] == []


_LOAD_AREAS = """
import importlib, json, sys
from ptf_desktop.ui.warm_up import AREA_MODULES
for key in sys.argv[1:]:
    for name in AREA_MODULES[key]:
        module, _, function = name.partition(":")
        loaded = importlib.import_module(module)
        if function:
            getattr(loaded, function)()
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.slow
def test_the_lists_load_no_number_checker_which_comes_last() -> None:
    # python-stdnum (tax IDs, IBANs) loads ssl and pydoc: no list needs it to show its rows.
    lists = [key for key in ORDER if key != "settings"]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPOSITORY)}

    def loaded_by(keys: list[str]) -> set[str]:
        result = subprocess.run(
            [sys.executable, "-c", _LOAD_AREAS, *keys],
            env=environment, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return {name.split(".")[0] for name in json.loads(result.stdout.splitlines()[-1])}

    assert "stdnum" not in loaded_by(lists)
    assert ORDER[-1] == "settings" and "stdnum" in loaded_by(["settings"])


def test_closing_the_window_stops_the_warm_up_between_two_modules(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    loading, release = threading.Event(), threading.Event()
    loaded: list[str] = []

    def load(_self: WarmUp, name: str) -> None:
        loading.set()
        release.wait(30)
        loaded.append(name)

    monkeypatch.setattr(WarmUp, "_load", load)
    warm_up = main_window.start_warm_up()
    assert loading.wait(30)
    # The import in progress ends after the window has asked the warm-up to stop.
    threading.Timer(0.5, release.set).start()
    main_window.close()
    assert not warm_up.worker.is_alive()  # type: ignore[union-attr]
    first_library = next(name for name in AREA_MODULES[ORDER[0]] if not on_gui_thread(name))
    assert loaded == [first_library]  # the module it was loading, no other
