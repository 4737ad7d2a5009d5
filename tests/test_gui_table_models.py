"""Every table model of the user interface passes Qt's model tester with rows in it.

Each model is filled with records carrying the tricky organization names, then checked by
pytest-qt's ``qtmodeltester`` (which also watches the model while the proxy sorts it);
the shared search proxy is checked over each too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from table_model_samples import BUILDERS, NAMES, invoices, lines

from ptf_desktop.ui.pages.billing.lines_model import LinesModel
from ptf_desktop.ui.widgets.table_model import SORT_ROLE, proxy_over


@pytest.mark.parametrize("build", BUILDERS, ids=lambda build: build.__name__)
def test_every_table_model_passes_the_model_tester(
    qtmodeltester: Any, build: Callable[[], Any]
) -> None:
    model = build()
    assert model.rowCount() == len(NAMES)
    qtmodeltester.check(model)
    shown = {model.index(row, 0).data() for row in range(model.rowCount())}
    assert shown & set(NAMES) or all(isinstance(text, str) for text in shown)


@pytest.mark.parametrize("build", BUILDERS, ids=lambda build: build.__name__)
def test_the_search_proxy_sorts_every_column_of_every_model(
    qtmodeltester: Any, build: Callable[[], Any]
) -> None:
    model = build()
    proxy = proxy_over(model)
    qtmodeltester.check(proxy)
    for column in range(model.columnCount()):
        proxy.sort(column, Qt.SortOrder.DescendingOrder)
        values = [proxy.index(row, column).data(SORT_ROLE) for row in range(proxy.rowCount())]
        if all(value is not None for value in values):
            assert values == sorted(values, reverse=True)
    assert model.headerData(0, Qt.Orientation.Horizontal)


@pytest.mark.parametrize("build", BUILDERS, ids=lambda build: build.__name__)
def test_sorting_from_the_columns_orders_rows_as_asking_qt_for_each_cell(
    build: Callable[[], Any],
) -> None:
    """The proxy reads a plain column model's sort values directly; the order is the same."""
    model = build()
    direct, through_qt = proxy_over(model), proxy_over(model)
    through_qt._columns_model = None  # every comparison asks Qt for the two cells
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            direct.sort(column, order)
            through_qt.sort(column, order)
            assert _source_rows(direct) == _source_rows(through_qt), (column, order)


def _source_rows(proxy: Any) -> list[int]:
    return [proxy.mapToSource(proxy.index(row, 0)).row() for row in range(proxy.rowCount())]


def test_a_search_keeps_the_rows_holding_every_word() -> None:
    model = invoices()
    proxy = proxy_over(model)
    words = NAMES[0].casefold().split()
    proxy.set_search(NAMES[0].upper())
    shown = [
        model.record_at(proxy.mapToSource(proxy.index(row, 0)).row())
        for row in range(proxy.rowCount())
    ]
    assert NAMES[0] in {invoice.organization for invoice in shown}
    assert all(all(word in model.search_text(i).casefold() for word in words) for i in shown)
    proxy.set_search("")
    assert proxy.rowCount() == len(NAMES)


def test_an_edited_line_shows_its_new_net_and_loses_its_mark(qtbot: Any) -> None:
    model = lines()
    quantity = model.index(0, LinesModel.QUANTITY)
    model.show_errors({"lines[0].quantity": "The quantity is too large"})
    assert quantity.data(Qt.ItemDataRole.ToolTipRole) == "The quantity is too large"
    assert quantity.data(Qt.ItemDataRole.BackgroundRole) is not None
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(quantity, "4")
    assert quantity.data(Qt.ItemDataRole.EditRole) == "4"
    assert model.index(0, LinesModel.NET).data() == "1.00"  # 4 x 0.25
    assert quantity.data(Qt.ItemDataRole.ToolTipRole) is None
    assert not model.setData(model.index(0, LinesModel.NET), "9")
    assert not model.flags(model.index(0, LinesModel.NET)) & Qt.ItemFlag.ItemIsEditable
