"""Tests for ptf_desktop.documents.lines_table: splitting between rows, header on each part."""

from __future__ import annotations

from reportlab.lib import colors

from ptf_desktop.documents.layout import styles
from ptf_desktop.documents.lines_table import LineRow, LinesTable


def _table(count: int, description: str = "Item") -> LinesTable:
    st = styles()
    rows = [LineRow(f"{description} {n}", ("1", "10.00")) for n in range(count)]
    return LinesTable(
        ["Description", "Qty", "Amount"],
        rows,
        [300, 40, 80],
        st["body"],
        st["column"],
        rule=colors.grey,
        header_rule=colors.black,
    )


def test_size_is_header_plus_rows() -> None:
    table = _table(10)
    width, height = table.wrap(420, 1000)

    assert width == 420
    one_row = _table(1).wrap(420, 1000)[1]
    header = _table(0).wrap(420, 1000)[1]
    assert height == header + 10 * (one_row - header)


def test_split_cuts_between_rows_and_each_part_has_the_header() -> None:
    table = _table(10)
    header = _table(0).wrap(420, 1000)[1]
    row = _table(1).wrap(420, 1000)[1] - header

    first, rest = table.split(420, header + 3.5 * row)

    assert isinstance(first, LinesTable) and isinstance(rest, LinesTable)
    assert first.wrap(420, 1000)[1] == header + 3 * row
    assert rest.wrap(420, 1000)[1] == header + 7 * row


def test_split_gives_nothing_when_no_row_fits_and_itself_when_all_fit() -> None:
    table = _table(3)
    header = _table(0).wrap(420, 1000)[1]

    assert table.split(420, header + 1) == []
    assert table.split(420, 1000) == [table]


def test_a_description_that_does_not_fit_wraps_and_makes_its_row_taller() -> None:
    short = _table(1).wrap(420, 1000)[1]
    long = _table(1, "Sponsorship " * 20).wrap(420, 1000)[1]
    cjk = _table(1, "华为技术有限公司").wrap(420, 1000)[1]

    assert long > short
    assert cjk >= short
