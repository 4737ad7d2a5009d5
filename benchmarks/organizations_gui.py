"""GUI half of the organizations benchmark, run by ``organizations.py`` in a fresh process.

It opens the main window on a database the way the app does, then measures, in
milliseconds:

* ``open``: clicking "Organizations" in the sidebar until the page is shown and idle:
  building the page (the first time: loading SQLAlchemy and the services too), the
  count, the first page of rows, and painting (with ``PTF_BENCH_WARM_UP=1``: after the
  background warm-up the app starts once its window is idle); ``open_warm``: the same when another
  database is opened later (libraries loaded);
* ``keystrokes``: each keystroke of the search texts until the model holds the new rows
  (count and first page read, model reset); ``keystrokes_painted``: until the list is
  repainted too. The filter bar normally waits for a 150 ms pause in typing before it
  asks; that deliberate wait is set to 0 here. Each keystroke starts from an idle list
  (``IDLE_BETWEEN_KEYS_MS``), so the previous keystroke's repaint is not counted in it;
* ``sorts``: a click on each column header (twice: ascending, then descending) until
  the list is repainted;
* ``scroll``: scrolling to the bottom, which fetches the next page of rows;
* ``rss_mb`` / ``peak_rss_mb``: the process's resident memory with the view open, from
  /proc/self/status (VmRSS and VmHWM).

It prints one JSON object on standard output.

Usage::

    python benchmarks/organizations_gui.py DATABASE WORD [WORD ...]
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

IDLE_BETWEEN_KEYS_MS = 40


def settle(app: QApplication, until: Callable[[], bool] = lambda: True) -> None:
    """Run the event loop until ``until()`` holds and nothing is left to do."""
    deadline = time.perf_counter() + 30
    while not until() and time.perf_counter() < deadline:
        app.processEvents()
    app.processEvents()


def timed(app: QApplication, act: Callable[[], object], until: Callable[[], bool]) -> float:
    """Milliseconds from ``act()`` until ``until()`` holds and the events are processed."""
    started = time.perf_counter()
    act()
    settle(app, until)
    return (time.perf_counter() - started) * 1000


def memory_mb() -> tuple[float, float]:
    """Resident and peak resident memory of this process, in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value.split()
    return int(fields["VmRSS"][0]) / 1024, int(fields["VmHWM"][0]) / 1024


def main(database: Path, words: list[str]) -> dict[str, object]:
    """Measure the Organizations view on ``database``; see the module's docstring."""
    app = QApplication([sys.argv[0]])
    from ptf_desktop.paths import AppPaths
    from ptf_desktop.services.context import open_context
    from ptf_desktop.ui.main_window import MainWindow

    context = open_context(database)
    folder = Path(tempfile.mkdtemp(prefix="ptf-bench-"))
    window = MainWindow(context, AppPaths(folder, folder / "logs", database))
    window.resize(1100, 720)
    window.show()
    settle(app)
    results: dict[str, object] = {}
    if os.environ.get("PTF_BENCH_WARM_UP") == "1":
        # As the app does once its window is idle (a person clicks later than 0.5 s): the
        # window's own warm-up, which also reads ahead what the areas first show.
        finished: list[bool] = []
        window.start_warm_up(then=lambda: finished.append(True))
        settle(app, lambda: bool(finished))
    results["open"] = timed(app, lambda: window.page("organizations"), lambda: True)
    # Again, as when another database is opened: the libraries are loaded by now.
    results["open_warm"] = timed(
        app, lambda: window.switch_context(open_context(database)), lambda: True
    )
    page = window.page("organizations")
    model, table, search = page.model, page.table, page.filters.search_box
    page.filters.search_timer.setInterval(0)
    results["rows"] = model.total
    reset_at: list[float] = []
    model.modelReset.connect(lambda: reset_at.append(time.perf_counter()))
    to_model, to_screen = [], []
    for word in words:
        for length in range(1, len(word) + 1):
            # Each keystroke starts from an idle list, as a person's do (a few keys a
            # second, and the filter bar waits 150 ms for a pause anyway): the repaint
            # of the previous one is not counted in the next.
            QTest.qWait(IDLE_BETWEEN_KEYS_MS)
            resets = len(reset_at)
            started = time.perf_counter()
            to_screen.append(
                timed(
                    app,
                    lambda text=word[:length]: search.setText(text),
                    lambda resets=resets: len(reset_at) > resets,
                )
            )
            to_model.append((reset_at[-1] - started) * 1000)
        search.clear()
        settle(app, lambda: model.query.search == "")
    results["keystrokes"], results["keystrokes_painted"] = to_model, to_screen
    results["sorts"] = _sorts(app, page)
    fetched = model.rowCount()
    results["scroll"] = timed(
        app, table.scrollToBottom, lambda: model.rowCount() > fetched or not model.total
    )
    results["rss_mb"], results["peak_rss_mb"] = memory_mb()
    window.close()
    window.context.close()
    shutil.rmtree(folder, ignore_errors=True)
    return results


def _sorts(app: QApplication, page: object) -> dict[str, float]:
    """Click each column's header twice; milliseconds per click, by the order it gave."""
    table = page.table  # type: ignore[attr-defined]
    model = page.model  # type: ignore[attr-defined]
    header = table.horizontalHeader()
    times = {}
    for column, key in enumerate(model.SORT_KEYS):
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        point = QPoint(x, header.height() // 2)
        for _click in range(2):
            before = (model.query.sort, model.query.descending)

            def click(point: QPoint = point) -> None:
                QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)

            def resorted(before: tuple[str, bool] = before) -> bool:
                return (model.query.sort, model.query.descending) != before

            elapsed = timed(app, click, resorted)
            times[f"{key} {'desc' if model.query.descending else 'asc'}"] = elapsed
    return times


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2:])))
