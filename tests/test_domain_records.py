"""Records built from same-named attributes: what is copied, renamed and given."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from ptf_desktop.domain.records import record_from

from conftest import read_tricky_names


@dataclass(frozen=True)
class Party:
    name: str
    city: str
    reference: str = ""
    lines: tuple[str, ...] = field(default=(), init=False)


@pytest.mark.parametrize("name", read_tricky_names()[:20])
def test_fields_are_copied_from_attributes_of_the_same_name(name: str) -> None:
    source = SimpleNamespace(name=name, city="Zürich", reference="PO-1", other="ignored")

    assert record_from(Party, source) == Party(name, "Zürich", "PO-1")


def test_a_prefix_names_the_attributes_and_given_values_win() -> None:
    source = SimpleNamespace(bill_to_name="Acme", bill_to_city="Lyon", buyer_reference="R-9")

    party = record_from(Party, source, prefix="bill_to_", reference=source.buyer_reference)

    assert party == Party("Acme", "Lyon", "R-9")


def test_a_missing_attribute_is_an_error_not_a_default() -> None:
    with pytest.raises(AttributeError, match="city"):
        record_from(Party, SimpleNamespace(name="Acme", reference=""))
