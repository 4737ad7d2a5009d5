"""The dashboard's charts (QtCharts), coloured from the app's palette, with clickable bars.

Each chart is built from ``DashboardFigures`` and calls ``open_list(area, filters)`` when a
bar or point is clicked, with the filter of the records behind that element. Colours of
text, grid and background come from the widget palette so that light and dark mode both
read well; the tier colours are mid-tones that stand out on either background.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from ....services.dashboard.figures import DashboardFigures
from ...style import ACCENT
from .tiles import TIERS, tier_label

OpenList = Callable[[str, dict[str, Any]], None]

TIER_COLOURS = {
    "premier": QColor(ACCENT),
    "general": QColor("#4A8FE7"),
    "associate": QColor("#3FAE7A"),
    "": QColor("#9A9A9A"),
}
BAR_COLOUR = QColor("#4A8FE7")
# What an empty chart says instead of drawing a bare axis.
NOTHING_INVOICED = "Nothing invoiced yet"
NO_TERMS = "No membership terms in these years yet"
NO_RENEWALS = "No member's term ends in the next 12 months"
NOTHING_OUTSTANDING = "Nothing outstanding: no open invoices"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def main_currency(figures: DashboardFigures) -> str:
    """The currency with the most revenue (charts show one currency; USD when none)."""
    totals: dict[str, Decimal] = {}
    for row in figures.revenue_by_tier:
        totals[row.amount.currency] = (
            totals.get(row.amount.currency, Decimal(0)) + row.amount.amount
        )
    return max(totals, key=lambda c: totals[c]) if totals else "USD"


class DashboardChart(QChartView):
    """A chart view with the palette's colours, or a message when it has nothing to show."""

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart_{key}")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.chart_title = title
        self.setChart(QChart())
        # What was drawn last: a refresh with the same bars only puts in the new values.
        self._shape: tuple[Any, ...] | None = None
        self._series: QBarSeries | None = None
        self._y_axis: QValueAxis | None = None
        # Over the chart's plot area: an empty chart says why instead of a bare 0-1 axis.
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName(f"chart_{key}_empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_label.hide()

    def resizeEvent(self, event: Any) -> None:
        """Keep the empty-chart message centred under the title."""
        super().resizeEvent(event)
        self._place_message()

    def _place_message(self) -> None:
        self.empty_label.setGeometry(16, 40, max(self.width() - 32, 0), max(self.height() - 56, 0))

    @property
    def message(self) -> str:
        """The message shown instead of the chart ("" when the chart has data)."""
        return self.empty_label.text() if not self.empty_label.isHidden() else ""

    def show_message(self, message: str) -> None:
        """Show ``message`` in the empty chart (no series, no axes): nothing to draw."""
        self._shape = self._series = self._y_axis = None
        muted = self.palette().color(QPalette.ColorRole.Text)
        muted.setAlpha(170)
        self.empty_label.setStyleSheet(
            f"color: {muted.name(QColor.NameFormat.HexArgb)}; font-size: 14px;"
        )
        self.empty_label.setText(message)
        self._place_message()
        self.empty_label.show()

    def start(self) -> QChart:
        """A fresh chart in the palette's colours (the old one is deleted by the view)."""
        self.empty_label.hide()
        chart = QChart()
        chart.setTitle(self.chart_title)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        chart.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
        chart.setBackgroundRoundness(6)
        chart.setTitleBrush(text)
        chart.legend().setLabelColor(text)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(6, 6, 6, 6))
        self.setBackgroundBrush(palette.color(QPalette.ColorRole.Window))
        self.setChart(chart)
        return chart

    def colours_key(self) -> tuple[int, ...]:
        """The palette colours a chart is drawn in (a palette change means a new chart)."""
        palette = self.palette()
        roles = ("Text", "Base", "Window", "Mid")
        return tuple(palette.color(getattr(QPalette.ColorRole, role)).rgba() for role in roles)

    def reuse(self, shape: tuple[Any, ...], values: list[list[float]]) -> bool:
        """Put ``values`` in the bars drawn last time if they had this ``shape``.

        The shape is everything but the values (title, categories, bar sets and their
        colours, the palette), so the series, axes and click handlers drawn for it are
        still right: reusing them spares QtCharts rebuilding and laying out the chart.

        Returns:
            Whether the chart was updated (False: it must be drawn afresh).
        """
        if shape != self._shape or self._series is None or self._y_axis is None:
            return False
        for bar_set, row in zip(self._series.barSets(), values, strict=True):
            for index, value in enumerate(row):
                if bar_set.at(index) != value:
                    bar_set.replace(index, value)
        _scale(self._y_axis, values)
        return True

    def remember(self, shape: tuple[Any, ...], series: QBarSeries, y_axis: QValueAxis) -> None:
        """What :meth:`reuse` compares and updates on the next refresh."""
        self._shape, self._series, self._y_axis = shape, series, y_axis

    def style_axis(self, axis: Any) -> None:
        """Axis labels and grid in the palette's text and mid colours."""
        palette = self.palette()
        axis.setLabelsColor(palette.color(QPalette.ColorRole.Text))
        axis.setGridLineColor(palette.color(QPalette.ColorRole.Mid))
        axis.setLinePenColor(palette.color(QPalette.ColorRole.Mid))


def _attach(
    chart: QChart, series: QBarSeries, categories: list[str], view: DashboardChart
) -> QValueAxis:
    chart.addSeries(series)
    x_axis = QBarCategoryAxis()
    x_axis.append(categories)
    y_axis = QValueAxis()
    y_axis.setLabelFormat("%.0f")
    y_axis.setMin(0)
    for axis, side in (
        (x_axis, Qt.AlignmentFlag.AlignBottom),
        (y_axis, Qt.AlignmentFlag.AlignLeft),
    ):
        view.style_axis(axis)
        chart.addAxis(axis, side)
        series.attachAxis(axis)
    _scale(y_axis, [_values(bar_set) for bar_set in series.barSets()])
    return y_axis


def _scale(y_axis: QValueAxis, values: list[list[float]]) -> None:
    top = max((value for row in values for value in row), default=0)
    if top <= 10:  # small counts: whole-number ticks, not 0.5 steps shown as "1, 1, 2"
        y_axis.setRange(0, max(top, 1))
        y_axis.setTickCount(int(max(top, 1)) + 1)
    else:
        y_axis.setRange(0, top)
        y_axis.applyNiceNumbers()


# One bar set: its label, colour, values and what a click on bar ``index`` opens.
BarSpec = tuple[str, QColor, list[float], Callable[[int], None]]


def _draw_bars(
    view: DashboardChart,
    title: str,
    categories: list[str],
    specs: list[BarSpec],
    legend: bool = True,
) -> None:
    """Draw the bar sets, or put their new values in the bars drawn last time.

    The bars are reused when the chart drawn last had the same title, categories, sets
    and colours (its click handlers then still apply).
    """
    shape = (
        title, tuple(categories), legend, view.colours_key(),
        tuple((label, colour.rgba()) for label, colour, _, _ in specs),
    )  # fmt: skip
    values = [row for _, _, row, _ in specs]
    if view.reuse(shape, values):
        return
    chart = view.start()
    chart.setTitle(title)
    if not legend:
        chart.legend().hide()
    series = QBarSeries()
    for label, colour, row, on_click in specs:
        bar_set = QBarSet(label)
        bar_set.setColor(colour)
        bar_set.setBorderColor(colour)
        bar_set.append(row)
        bar_set.clicked.connect(on_click)
        series.append(bar_set)
    view.remember(shape, series, _attach(chart, series, categories, view))


def _empty(view: DashboardChart, title: str, message: str, legend: bool = True) -> None:
    chart = view.start()
    chart.setTitle(title)
    if not legend:
        chart.legend().hide()
    view.show_message(message)


def _values(bar_set: QBarSet) -> list[float]:
    return [bar_set.at(index) for index in range(bar_set.count())]


def _opening(
    open_list: OpenList, area: str, key: str, value: str, years: list[int] | None = None
) -> Callable[[int], None]:
    """A click handler opening ``area`` filtered on ``key``, and on the bar's year if given."""

    def on_click(index: int) -> None:
        filters: dict[str, Any] = {"year": years[index]} if years is not None else {}
        open_list(area, {**filters, key: value})

    return on_click


def revenue_chart(view: DashboardChart, figures: DashboardFigures, open_list: OpenList) -> None:
    """Revenue invoiced (net, thousands of the main currency) per year, one bar per tier."""
    currency = main_currency(figures)
    if not any(row.amount.amount for row in figures.revenue_by_tier):
        _empty(view, "Revenue invoiced by tier", NOTHING_INVOICED)
        return
    years = sorted({row.year for row in figures.revenue_by_tier}) or [figures.today.year]
    specs: list[BarSpec] = []
    for tier in [*TIERS, ""]:
        amounts = {
            r.year: r.amount.amount for r in figures.revenue_by_tier
            if r.tier == tier and r.amount.currency == currency
        }  # fmt: skip
        if not amounts:
            continue
        specs.append((
            tier_label(tier), TIER_COLOURS[tier],
            [float(amounts.get(year, 0) / 1000) for year in years],
            _opening(open_list, "invoices", "tier", tier, years),
        ))  # fmt: skip
    title = f"Revenue invoiced by tier ({currency} thousands, net of tax)"
    _draw_bars(view, title, [str(year) for year in years], specs)


def members_chart(view: DashboardChart, figures: DashboardFigures, open_list: OpenList) -> None:
    """Members per tier at the end of each year (this year: today): a bar per tier and year."""
    if not any(row.count for row in figures.members_by_year):
        _empty(view, view.chart_title, NO_TERMS)
        return
    years = sorted({row.year for row in figures.members_by_year})
    specs: list[BarSpec] = []
    for tier in TIERS:
        counts = {r.year: r.count for r in figures.members_by_year if r.tier == tier}
        specs.append((
            tier_label(tier), TIER_COLOURS[tier], [float(counts.get(year, 0)) for year in years],
            _opening(open_list, "organizations", "tier", tier),
        ))  # fmt: skip
    _draw_bars(view, view.chart_title, [str(year) for year in years], specs)


def renewals_chart(view: DashboardChart, figures: DashboardFigures, open_list: OpenList) -> None:
    """Current members' term ends in each of the next 12 months."""
    if not any(row.count for row in figures.renewals_by_month):
        _empty(view, view.chart_title, NO_RENEWALS, legend=False)
        return
    months = [row.month for row in figures.renewals_by_month]
    spec: BarSpec = (
        "Terms ending", BAR_COLOUR, [float(row.count) for row in figures.renewals_by_month],
        lambda index: open_list(
            "organizations", {"term_end_month": months[index].strftime("%Y-%m")}
        ),
    )  # fmt: skip
    labels = [f"{MONTHS[m.month - 1]} {m.year % 100:02d}" for m in months]
    _draw_bars(view, view.chart_title, labels, [spec], legend=False)


def aging_chart(view: DashboardChart, figures: DashboardFigures, open_list: OpenList) -> None:
    """Open balances by days past due, in thousands of the main currency."""
    currency = main_currency(figures)
    buckets = ["current", "1-30", "31-60", "61-90", "over 90"]
    amounts = {r.bucket: r.amount.amount for r in figures.aging if r.amount.currency == currency}
    if not any(amounts.values()):
        _empty(view, "Receivables aging", NOTHING_OUTSTANDING, legend=False)
        return
    spec: BarSpec = (
        "Open balance", QColor(ACCENT),
        [float(amounts.get(bucket, 0) / 1000) for bucket in buckets],
        lambda index: open_list(
            "invoices", {"status": "open" if index == 0 else "overdue", "aging": buckets[index]}
        ),
    )  # fmt: skip
    labels = ["Current", "1-30 days", "31-60", "61-90", "Over 90"]
    _draw_bars(view, f"Receivables aging ({currency} thousands)", labels, [spec], legend=False)
