"""The Dashboard page: tiles and charts, read in a worker thread, each opening its list.

``open_list(area, filters)`` is emitted when a tile or a chart element is clicked; the
main window shows that area and hands it the filters (see ``MainWindow.open_filtered``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ....domain.formatting import format_amounts
from ....services.context import AppContext
from ...area_data import area_data, read_dashboard
from ...widgets.column_grid import ColumnGrid
from .. import WARM_UP_DELAY_MS
from ..area_page import AreaPage, page_title
from .tiles import TIERS, TILE_STYLE, Tile, tier_label

if TYPE_CHECKING:
    from ....domain.foundation_settings import FoundationSettings
    from ....services.dashboard.figures import Amounts, DashboardFigures
    from ...tasks import Task
    from .charts import DashboardChart

LOADING = "Loading the figures…"


def money_text(amounts: Amounts, currency: str) -> str:
    """Amounts per currency, e.g. "USD 1,250.00 + EUR 300.00"; "USD 0.00" when none."""
    return format_amounts(amounts, currency)


def counted(count: int, one: str, many: str) -> str:
    """E.g. "1 open invoice", "1,204 open invoices"."""
    return f"{count:,} {one if count == 1 else many}"


class DashboardPage(AreaPage):
    """Tiles and charts of the open database.

    Signals:
        open_list(str, object): an area key and a dict of filters for its list.
        loaded(): the figures were read and shown (or reading them failed).
    """

    KEY = "dashboard"
    open_list = Signal(str, object)
    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(TILE_STYLE)
        self._context = context
        # The worker machinery and QtCharts load with the first figures, after the window
        # is shown and idle: the dashboard is the first page a person sees at start-up.
        self._task: Task | None = None
        self.figures: DashboardFigures | None = None
        self.today: date | None = None  # None: the computer's date (tests fix a day)
        self.currency = "USD"  # the foundation's, read with the figures: zero is "USD 0.00"
        self._build()

    def _build(self) -> None:
        self.status_label = QLabel(LOADING)
        self.status_label.setObjectName("dashboardStatus")
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        header = QHBoxLayout()
        header.addWidget(page_title("Dashboard"))
        header.addStretch(1)
        header.addWidget(self.status_label)
        header.addWidget(self.refresh_button)
        self.tiles: dict[str, Tile] = {}
        # Five tiles a row when there is room; fewer, never squeezed, when narrow.
        self.tile_grid = ColumnGrid(column_width=190, max_columns=5)
        specs = [(tier, f"{tier_label(tier)} members") for tier in TIERS] + [
            ("invoiced", "Revenue invoiced this year"),
            ("collected", "Collected this year"),
            ("outstanding", "Receivables outstanding"),
            ("overdue", "Overdue"),
            ("renewals", "Renewals due in 90 days"),
            ("grace", "In grace or lapsing"),
            ("quotes", "Open quotes"),
            ("credits", "Credit balances"),
        ]
        for key, text in specs:
            tile = Tile(key, text)
            tile.clicked.connect(lambda _=False, k=key: self._on_tile_clicked(k))
            tile.setEnabled(False)
            self.tiles[key] = tile
            self.tile_grid.add_widget(tile)
        self.charts: dict[str, DashboardChart] = {}  # built with the first figures
        self.chart_grid = ColumnGrid(column_width=420, max_columns=2)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.tile_grid)
        layout.addWidget(self.chart_grid)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the figures again in a worker thread; the page says it is loading.

        A hidden page reads nothing (e.g. the delayed first read of a window closed in
        the meantime): it reads when shown again.
        """
        if self.busy() or not self.isVisible():
            return
        self.status_label.setText(LOADING)
        self.refresh_button.setEnabled(False)
        context, day = self._context, self.today
        from ...tasks import start_task

        # Taken before the read: a write announced meanwhile leaves these figures unkept.
        generation = area_data().generation("dashboard")

        def read_figures(_progress: object) -> tuple[DashboardFigures, FoundationSettings]:
            return read_dashboard(context, day)

        def on_read(result: tuple[DashboardFigures, FoundationSettings]) -> None:
            area_data().put(context, "dashboard", generation, result)
            self._on_job_succeeded(result)

        # The service (and the database libraries) load in the worker, not the GUI thread.
        self._task = start_task(read_figures, on_read, self._on_job_failed)

    def busy(self) -> bool:
        """Whether figures are being read."""
        return self._task is not None and self._task.pending()

    def showEvent(self, event: Any) -> None:
        """Read the figures when the page is first shown, and again on each return.

        The first read waits until the window is idle, as the libraries' warm-up does:
        the main window appears before the database libraries load.
        """
        super().showEvent(event)
        if self.busy() or self._show_kept():
            return
        if self.figures is None:
            QTimer.singleShot(WARM_UP_DELAY_MS, self.refresh)
        else:
            self.refresh()

    def _show_kept(self) -> bool:
        """Show the figures last read, when no write has made them stale; whether it did.

        Kept figures are the day's: on another day they are read again.
        """
        kept = area_data().get(self._context, "dashboard")
        if kept is None or kept[0].today != (self.today or date.today()):
            return False
        if kept[0] is not self.figures:
            self._on_job_succeeded(kept)
        return True

    def _on_job_succeeded(self, result: tuple[DashboardFigures, FoundationSettings]) -> None:
        figures, settings = result
        self.currency = settings.default_currency
        self.figures = figures
        self.show_figures(figures)
        self.status_label.setText(f"As of {figures.today.isoformat()}")
        self.refresh_button.setEnabled(True)
        self.loaded.emit()

    def _on_job_failed(self, message: str) -> None:
        self.status_label.setText(f"The figures could not be read: {message}")
        self.refresh_button.setEnabled(True)
        self.loaded.emit()

    # -- showing ------------------------------------------------------------------------------

    def _build_charts(self) -> None:
        from .charts import DashboardChart

        self.charts = {
            "revenue": DashboardChart("revenue", "Revenue invoiced by tier"),
            "members": DashboardChart("members", "Members by tier at the end of each year"),
            "renewals": DashboardChart("renewals", "Terms ending in the next 12 months"),
            "aging": DashboardChart("aging", "Receivables aging"),
        }
        for view in self.charts.values():
            self.chart_grid.add_widget(view)

    def show_figures(self, f: DashboardFigures) -> None:
        """Fill the tiles and draw the charts (built on first use) from ``f``."""
        from . import charts

        if not self.charts:
            self._build_charts()
        cur = self.currency
        for tier in TIERS:
            active = f.member_count(tier, "active")
            grace = f.member_count(tier, "grace")
            lapsed = f.member_count(tier, "lapsed")
            detail = f"{active:,} active · {grace:,} in grace · {lapsed:,} lapsed"
            if not active + grace + lapsed:
                detail = f"No {tier_label(tier)} members yet"
            self.tiles[tier].show_figure(f"{active + grace:,}", detail)
        last_year = f"Last year to {f.today.strftime('%d %b')}"
        self.tiles["invoiced"].show_figure(
            money_text(f.invoiced_this_year, cur),
            f"{last_year}: {money_text(f.invoiced_last_year, cur)}",
        )
        self.tiles["collected"].show_figure(
            money_text(f.collected_this_year, cur),
            f"{last_year}: {money_text(f.collected_last_year, cur)}",
        )
        unpriced = f" ({f.renewals_unpriced:,} not priced)" if f.renewals_unpriced else ""
        credits = f.credit_balances
        # (tile, figure, count, what the count means, what is said when it is nought)
        counted_tiles = (
            ("outstanding", money_text(f.outstanding.amounts, cur), f.outstanding.count,
             counted(f.outstanding.count, "open invoice", "open invoices"), "No open invoices"),
            ("overdue", money_text(f.overdue.amounts, cur), f.overdue.count,
             counted(f.overdue.count, "invoice past due", "invoices past due"),
             "No invoice past due"),
            ("renewals", f"{f.renewals_due.count:,}", f.renewals_due.count,
             f"Worth {money_text(f.renewals_due.amounts, cur)}{unpriced}",
             "No term ends in the next 90 days"),
            ("grace", f"{f.in_grace:,}", f.non_renewing,
             f"In grace; {f.non_renewing:,} gave notice of non-renewal",
             "In grace; no notice of non-renewal"),
            ("quotes", f"{f.open_quotes.count:,}", f.open_quotes.count,
             f"Worth {money_text(f.open_quotes.amounts, cur)}", "No quote awaiting an answer"),
            ("credits", money_text(credits.amounts, cur), credits.count,
             counted(credits.count, "member to refund or credit", "members to refund or credit"),
             "No member has money to its credit"),
        )  # fmt: skip
        for key, figure, count, detail, nothing in counted_tiles:
            self.tiles[key].show_figure(figure, detail if count else nothing)
        for tile in self.tiles.values():
            tile.setEnabled(True)
        emit = self.open_list.emit
        charts.revenue_chart(self.charts["revenue"], f, emit)
        charts.members_chart(self.charts["members"], f, emit)
        charts.renewals_chart(self.charts["renewals"], f, emit)
        charts.aging_chart(self.charts["aging"], f, emit)

    def _on_tile_clicked(self, key: str) -> None:
        year = self.figures.today.year if self.figures else date.today().year
        targets: dict[str, tuple[str, dict[str, Any]]] = {
            "invoiced": ("invoices", {"year": year}),
            "collected": ("invoices", {"status": "paid", "year": year}),
            "outstanding": ("invoices", {"status": "open"}),
            "overdue": ("invoices", {"status": "overdue"}),
            "renewals": ("renewals", {"show": "due"}),
            "grace": ("organizations", {"status": "grace"}),
            "quotes": ("quotes", {"status": "sent"}),
            "credits": ("invoices", {"view": "credits"}),
        }
        area, filters = targets.get(key, ("organizations", {"tier": key}))
        self.open_list.emit(area, filters)
