"""The window fits a 1024x700 screen and 150% scale; nothing is cut without its full text.

Every area is visited at 1024x700 (here and, in a fresh process, at QT_SCALE_FACTOR=1.5)
and no visible widget may reach outside the window, nor may an area force the window
wider. Dashboard tiles shorten long titles and figures with "…" and hold them whole in
the tooltip; the charts go one to a row when narrow. Dark mode: the sidebar's icons are
drawn in the palette's text colour. An empty money figure reads "USD 0.00".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ptf_desktop.services.dashboard.dashboard_service import DashboardService
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.dashboard.page import DashboardPage
from ptf_desktop.ui.pages.dashboard.tiles import FigureLabel, Tile

from conftest import REPOSITORY
from helpers.billing import add_organization
from helpers.dashboard_data import TODAY, make_known_data
from helpers.window_fit import HEIGHT, WIDTH, visit_every_area


def loaded_dashboard(qtbot: QtBot, window: MainWindow) -> DashboardPage:
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.figures is not None and not page.busy())
    return page


def test_every_area_fits_1024_by_700_and_none_forces_the_window_wider(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    add_organization(main_window.context, "Ünïcødé & Söhne <Research> 研究所 " * 4)
    report = visit_every_area(main_window, QApplication.instance())  # type: ignore[arg-type]
    for area, seen in report.items():
        assert seen["size"] == [WIDTH, HEIGHT], area
        assert seen["minimum"][0] <= WIDTH and seen["minimum"][1] <= HEIGHT, area
        assert seen["outside"] == [], area


def test_every_area_fits_at_150_percent_scale(context: Any, tmp_path: Path) -> None:
    add_organization(context, "Ünïcødé & Söhne <Research> 研究所 " * 4)
    database = str(context.path)
    context.close()
    environment = {
        **os.environ,
        "QT_SCALE_FACTOR": "1.5",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(REPOSITORY), str(REPOSITORY / "tests")]),
    }
    result = subprocess.run(
        [sys.executable, "-m", "helpers.window_fit", database],
        env=environment,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["ratio"] == 1.5
    for area, fit in seen["areas"].items():
        assert fit["size"] == [WIDTH, HEIGHT], area
        assert fit["outside"] == [], area


def test_renewals_lets_the_window_be_1024_wide_with_its_prepare_button_inside(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    main_window.resize(WIDTH, HEIGHT)
    page = main_window.page("renewals")
    qtbot.waitUntil(lambda: not page.busy())  # type: ignore[attr-defined]
    button = page.prepare_button  # type: ignore[attr-defined]
    corner = button.mapTo(main_window, QPoint(button.width(), button.height()))
    assert main_window.width() == WIDTH and button.isVisible()
    assert main_window.rect().contains(corner)
    # The member actions wrapped onto more rows rather than widen the window.
    renew = page.buttons["renew"]  # type: ignore[attr-defined]
    reinstate = page.buttons["reinstate"]  # type: ignore[attr-defined]
    assert main_window.rect().contains(reinstate.mapTo(main_window, QPoint(reinstate.width(), 0)))
    assert renew.isVisible() and reinstate.isVisible()


def test_narrow_dashboard_tiles_shorten_with_the_whole_text_on_hover(
    qtbot: QtBot, context: Any, main_window: MainWindow
) -> None:
    context.__dict__["dashboard"] = DashboardService(context.factories, today=lambda: TODAY)
    make_known_data(context)
    main_window.resize(WIDTH, HEIGHT)
    page = loaded_dashboard(qtbot, main_window)
    page.refresh()
    qtbot.waitUntil(lambda: not page.busy())
    # 1024 pixels: fewer tiles a row than the five a wide window shows, charts one a row.
    assert page.tile_grid.columns() < 5
    assert page.chart_grid.columns() == 1
    assert all(chart.width() >= 400 for chart in page.charts.values())
    tile = page.tiles["invoiced"]
    tile.resize(140, tile.height())  # narrower than its title and figure
    qtbot.waitUntil(lambda: tile.title_label.is_elided())
    assert tile.title_label.shown_text().endswith("…")
    assert tile.title_label.shown_text() != "Revenue invoiced this year"
    assert "Revenue invoiced this year: USD 125,000.00" in tile.toolTip()
    main_window.resize(1600, 1000)
    qtbot.waitUntil(lambda: page.tile_grid.columns() == 5 and page.chart_grid.columns() == 2)
    assert not page.tiles["collected"].title_label.is_elided()


def test_empty_money_figures_read_usd_zero_not_none(qtbot: QtBot, main_window: MainWindow) -> None:
    page = loaded_dashboard(qtbot, main_window)
    for key in ("invoiced", "collected", "outstanding", "overdue", "credits"):
        assert page.tiles[key].value == "USD 0.00", key
    assert page.tiles["invoiced"].detail.endswith(": USD 0.00")
    assert all("None" not in tile.toolTip() for tile in page.tiles.values())


def _contrast(one: QColor, other: QColor) -> float:
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        red, green, blue = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _icon_colour(window: MainWindow, row: int) -> QColor:
    image = window.navigation.item(row).icon().pixmap(22, 22).toImage()
    strongest = max(
        (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())),
        key=lambda colour: colour.alpha(),
    )
    return strongest


def test_dark_mode_sidebar_icons_are_drawn_in_the_palettes_text_colour(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    dark = QPalette(main_window.navigation.palette())
    for role, colour in (
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#2d2d2d"),
        (QPalette.ColorRole.Window, "#252525"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
    ):
        dark.setColor(role, QColor(colour))
    main_window.navigation.setPalette(dark)
    background = dark.color(QPalette.ColorRole.AlternateBase)
    qtbot.waitUntil(lambda: _icon_colour(main_window, 1).lightness() > 200)
    for row in range(main_window.navigation.count()):
        assert _contrast(_icon_colour(main_window, row), background) >= 4.5, row


def test_a_tiles_figure_takes_a_smaller_font_before_it_is_shortened(qtbot: QtBot) -> None:
    tile = Tile("invoiced", "Revenue invoiced this year")
    qtbot.addWidget(tile)
    tile.show_figure("USD 2,890,726.00")
    tile.resize(245, tile.height())  # three tiles a row in a 1024-pixel window
    tile.show()
    figure = tile.value_label
    qtbot.waitUntil(lambda: figure.font().pixelSize() < FigureLabel.LARGEST_PX)
    assert not figure.is_elided() and figure.shown_text() == "USD 2,890,726.00"
    height = figure.height()

    tile.resize(600, tile.height())
    qtbot.waitUntil(lambda: figure.font().pixelSize() == FigureLabel.LARGEST_PX)
    assert figure.height() == height  # the tiles keep their height whatever the size

    tile.resize(120, tile.height())
    qtbot.waitUntil(figure.is_elided)
    assert figure.font().pixelSize() == FigureLabel.SMALLEST_PX
    assert "USD 2,890,726.00" in tile.toolTip()
