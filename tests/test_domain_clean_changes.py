"""Cleaning changed settings: every refusal is collected, an unknown field is a bug."""

from __future__ import annotations

from typing import Any

import pytest

from ptf_desktop.domain.validation import clean_changes


def _positive(name: str, raw: Any) -> int:
    value = int(raw)
    if value <= 0:
        raise ValueError(f"{name} must be more than 0")
    return value


def test_each_value_is_cleaned_and_every_refusal_is_kept() -> None:
    cleaned, errors = clean_changes(
        {"copies": "3", "days": "0", "weeks": "-1"},
        ("copies", "days", "weeks"),
        _positive,
        "counts",
    )
    assert cleaned == {"copies": 3}
    assert errors == {"days": "days must be more than 0", "weeks": "weeks must be more than 0"}


def test_an_unknown_field_is_refused_before_anything_is_cleaned() -> None:
    seen: list[str] = []

    def clean(name: str, raw: Any) -> Any:
        seen.append(name)
        return raw

    with pytest.raises(ValueError, match=r"unknown counts: \['colour'\]"):
        clean_changes({"copies": "3", "colour": "red"}, ("copies",), clean, "counts")
    assert seen == []
