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
        # Over the chart's plot area: an empty chart says why instead of a bare 0-1 axis.
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName(f"chart_{key}_empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_label.hide()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802  (Qt's name)
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

    def style_axis(self, axis: Any) -> None:
        """Axis labels and grid in the palette's text and mid colours."""
        palette = self.palette()
        axis.setLabelsColor(palette.color(QPalette.ColorRole.Text))
        axis.setGridLineColor(palette.color(QPalette.ColorRole.Mid))
        axis.setLinePenColor(palette.color(QPalette.ColorRole.Mid))


def _attach(chart: QChart, series: Any, categories: list[str], view: DashboardChart) -> None:
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
    top = max((value for bar_set in series.barSets() for value in _values(bar_set)), default=0)
    if top <= 10:  # small counts: whole-number ticks, not 0.5 steps shown as "1, 1, 2"
        y_axis.setRange(0, max(top, 1))
        y_axis.setTickCount(int(max(top, 1)) + 1)
    else:
        y_axis.applyNiceNumbers()


def _values(bar_set: QBarSet) -> list[float]:
    return [bar_set.at(index) for index in range(bar_set.count())]


def revenue_chart(view: DashboardChart, figures: DashboardFigures, open_list: OpenList) -> None:
    """Revenue invoiced (net, thousands of the main currency) per year, one bar per tier."""
    currency = main_currency(figures)
    chart = view.start()
    chart.setTitle(f"Revenue invoiced by tier ({currency} thousands, net of tax)")
    if not any(row.amount.amount for row in figures.revenue_by_tier):
        chart.setTitle("Revenue invoiced by tier")
        view.show_message(NOTHING_INVOICED)
        return
    years = sorted({row.year for row in figures.revenue_by_tier}) or [figures.today.year]
    tiers = [*TIERS, ""]
    series = QBarSeries()
    for tier in tiers:
        amounts = {
            r.year: r.amount.amount for r in figures.revenue_by_tier
            if r.tier == tier and r.amount.currency == currency
        }  # fmt: skip
        if not amounts:
            continue
        bar_set = QBarSet(tier_label(tier))
        bar_set.setColor(TIER_COLOURS[tier])
        bar_set.setBorderColor(TIER_COLOURS[tier])
        bar_set.append([float(amounts.get(year, 0) / 1000) for year in years])
        bar_set.clicked.connect(
            lambda index, t=tier: open_list("invoices", {"year": years[index], "tier": t})
        )
        series.append(bar_set)
    _attach(chart, series, [str(year) for year in years], view)


def members_chart(view: DashboardChart, figures: DashboardFigures, open_list: OpenList) -> None:
    """Members per tier at the end of each year (this year: today): a bar per tier and year."""
    chart = view.start()
    if not any(row.count for row in figures.members_by_year):
        view.show_message(NO_TERMS)
        return
    years = sorted({row.year for row in figures.members_by_year})
    series = QBarSeries()
    for tier in TIERS:
        counts = {r.year: r.count for r in figures.members_by_year if r.tier == tier}
        bar_set = QBarSet(tier_label(tier))
        bar_set.setColor(TIER_COLOURS[tier])
        bar_set.setBorderColor(TIER_COLOURS[tier])
        bar_set.append([float(counts.get(year, 0)) for year in years])
        bar_set.clicked.connect(lambda _index, t=tier: open_list("organizations", {"tier": t}))
        series.append(bar_set)
    _attach(chart, series, [str(year) for year in years], view)


def renewals_chart(view: DashboardChart, figures: DashboardFigures, open_list: OpenList) -> None:
    """Current members' term ends in each of the next 12 months."""
    chart = view.start()
    chart.legend().hide()
    if not any(row.count for row in figures.renewals_by_month):
        view.show_message(NO_RENEWALS)
        return
    months = [row.month for row in figures.renewals_by_month]
    bar_set = QBarSet("Terms ending")
    bar_set.setColor(BAR_COLOUR)
    bar_set.setBorderColor(BAR_COLOUR)
    bar_set.append([float(row.count) for row in figures.renewals_by_month])
    bar_set.clicked.connect(
        lambda index: open_list(
            "organizations", {"term_end_month": months[index].strftime("%Y-%m")}
        )
    )
    series = QBarSeries()
    series.append(bar_set)
    labels = [f"{MONTHS[m.month - 1]} {m.year % 100:02d}" for m in months]
    _attach(chart, series, labels, view)


def aging_chart(view: DashboardChart, figures: DashboardFigures, open_list: OpenList) -> None:
    """Open balances by days past due, in thousands of the main currency."""
    currency = main_currency(figures)
    chart = view.start()
    chart.setTitle(f"Receivables aging ({currency} thousands)")
    chart.legend().hide()
    buckets = ["current", "1-30", "31-60", "61-90", "over 90"]
    amounts = {r.bucket: r.amount.amount for r in figures.aging if r.amount.currency == currency}
    if not any(amounts.values()):
        chart.setTitle("Receivables aging")
        view.show_message(NOTHING_OUTSTANDING)
        return
    bar_set = QBarSet("Open balance")
    bar_set.setColor(QColor(ACCENT))
    bar_set.setBorderColor(QColor(ACCENT))
    bar_set.append([float(amounts.get(bucket, 0) / 1000) for bucket in buckets])
    bar_set.clicked.connect(
        lambda index: open_list(
            "invoices", {"status": "open" if index == 0 else "overdue", "aging": buckets[index]}
        )
    )
    series = QBarSeries()
    series.append(bar_set)
    _attach(chart, series, ["Current", "1-30 days", "31-60", "61-90", "Over 90"], view)
