"""A refresh of the Dashboard page keeps its charts and puts the new values in their bars."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

from test_gui_dashboard import loaded_dashboard, open_window

from ptf_desktop.services.dashboard.figures import MonthCount
from ptf_desktop.ui.pages.dashboard.charts import NO_RENEWALS

from helpers.dashboard_data import make_known_data


def test_a_refresh_with_the_same_bars_only_changes_their_values(
    qtbot: Any, context: Any, tmp_path: Path
) -> None:
    make_known_data(context)
    window = open_window(qtbot, context, tmp_path)
    page = loaded_dashboard(qtbot, window)
    figures = page.figures
    view = page.charts["renewals"]
    chart, bars = view.chart(), view.chart().series()[0].barSets()[0]
    months = list(figures.renewals_by_month)
    months[1] = MonthCount(months[1].month, 40)  # December: 4 -> 40 members
    page.show_figures(dataclasses.replace(figures, renewals_by_month=tuple(months)))
    assert view.chart() is chart  # the same chart, series and bar set, not rebuilt
    assert view.chart().series()[0].barSets()[0] is bars
    assert bars.at(1) == 40
    y_axis = view.chart().axes()[1]
    assert y_axis.max() >= 40  # the scale follows the new values
    emitted: list[Any] = []
    page.open_list.connect(lambda area, filters: emitted.append((area, filters)))
    bars.clicked.emit(1)  # the reused bar still opens its month
    assert emitted == [("organizations", {"term_end_month": "2026-12"})]


def test_a_refresh_with_other_bars_draws_the_chart_afresh(
    qtbot: Any, context: Any, tmp_path: Path
) -> None:
    make_known_data(context)
    window = open_window(qtbot, context, tmp_path)
    page = loaded_dashboard(qtbot, window)
    figures = page.figures
    view = page.charts["renewals"]
    chart = view.chart()
    later = [MonthCount(date(2027, 1 + n, 1), n) for n in range(12)]  # other months
    page.show_figures(dataclasses.replace(figures, renewals_by_month=tuple(later)))
    assert view.chart() is not chart
    labels = view.chart().axes()[0].categories()
    assert labels[0] == "Jan 27"
    assert view.chart().series()[0].barSets()[0].at(11) == 11
    # Then nothing to show: the message, and the next data draws a chart again.
    nothing = [MonthCount(row.month, 0) for row in later]
    page.show_figures(dataclasses.replace(figures, renewals_by_month=tuple(nothing)))
    assert view.message == NO_RENEWALS
    page.show_figures(dataclasses.replace(figures, renewals_by_month=tuple(later)))
    assert view.message == ""
    assert view.chart().series()[0].barSets()[0].at(11) == 11
