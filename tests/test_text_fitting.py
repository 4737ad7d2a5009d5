"""Fitting a name into a box: it shrinks, then wraps, and never leaves the box."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ptf_desktop.documents.fonts import register_fonts
from ptf_desktop.documents.text_fitting import display_text, fit_text, string_width, wrap_text

register_fonts()

NAME_CHARACTERS = st.characters(
    codec="utf-8",
    categories=("Lu", "Ll", "Lo", "Nd", "Zs", "Po"),
    exclude_characters="\u2028\u2029",
)


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(NAME_CHARACTERS, min_size=1, max_size=300).filter(lambda t: t.strip()),
    width=st.floats(min_value=60, max_value=700),
    height=st.floats(min_value=20, max_value=200),
)
def test_fitted_text_stays_inside_the_box(text: str, width: float, height: float) -> None:
    fitted = fit_text(text, width, height, size=34, single_line_min=22, min_size=12, bold=True)
    assert fitted.height <= height + 1e-6
    for line in fitted.lines:
        assert string_width(line, fitted.size, bold=True) <= width + 1e-6
    # Nothing is lost: the lines hold every character of the displayed text.
    assert "".join(fitted.lines).replace(" ", "") == display_text(text).replace(" ", "")


def test_short_names_stay_big_long_names_shrink_then_wrap() -> None:
    short = fit_text("AT&T Inc.", 600, 180, size=34, single_line_min=22)
    assert short.lines == ("AT&T Inc.",) and short.size == 34
    medium_name = "Société Générale d'Électricité S.A. et Compagnie"
    medium = fit_text(medium_name, 800, 180, size=34, single_line_min=22, bold=True)
    assert len(medium.lines) == 1 and 22 <= medium.size < 34
    long_name = " ".join(["Subsidiary"] * 40)
    wrapped = fit_text(long_name, 600, 180, size=34, single_line_min=22, bold=True)
    assert len(wrapped.lines) > 1


def test_white_space_is_collapsed_for_display_and_long_words_break() -> None:
    assert display_text("   Leading and trailing spaces   ") == "Leading and trailing spaces"
    assert display_text("Tab\tSeparated\tName") == "Tab Separated Name"
    lines = wrap_text("华为技术有限公司" * 10, 100, 12)
    assert len(lines) > 1 and "".join(lines) == "华为技术有限公司" * 10
