"""A valid VAT number under the wrong country names the country it belongs to."""

from __future__ import annotations

import pytest

from ptf_desktop.domain.tax_ids import validate_tax_id


@pytest.mark.parametrize("typed", ["FR40303265045", "40303265045", "FR 403 032 650 45"])
def test_a_french_number_under_germany_says_it_is_french(typed: str) -> None:
    with pytest.raises(ValueError, match="^This is a French VAT number, not a German one"):
        validate_tax_id(typed, "DE")


def test_a_number_valid_nowhere_is_still_invalid() -> None:
    with pytest.raises(ValueError, match="^Not a valid VAT"):
        validate_tax_id("DE136695977", "DE")
    assert validate_tax_id("FR40303265045", "FR") == "FR40303265045"
