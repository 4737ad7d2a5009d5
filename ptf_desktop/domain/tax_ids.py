"""Tax identifiers (VAT numbers, US EINs) validated for their country where a rule exists."""

from __future__ import annotations

from functools import cache
from typing import Any

# For the US the identifier on invoices is the Employer Identification Number;
# elsewhere python-stdnum's VAT module for the country is the rule.
_KIND_BY_COUNTRY = {"US": "ein"}
# EU VAT numbers carry their country prefix on invoices; Greece's is EL, not GR.
_EU_PREFIX = {"GR": "EL"}


def tax_id_rule(country: str) -> Any:
    """Return the python-stdnum module that validates tax IDs of a country, or None.

    The module has ``validate`` and usually ``format`` functions.
    """
    return _rule(country.upper())


@cache
def _eu_vat() -> Any:
    """python-stdnum's EU VAT rule, imported when first needed.

    Not with this module: python-stdnum loads ssl, pydoc and more (about 55 ms), which
    the register's pages do not need to show their rows.
    """
    from stdnum.eu import vat

    return vat


def _validation_error() -> type[Exception]:
    """python-stdnum's ValidationError (an ``except`` clause asks only on an error)."""
    from stdnum.exceptions import ValidationError

    return ValidationError


@cache
def _rule(country: str) -> Any:
    # Looked up once per country, not once per CSV row.
    if _eu_prefix(country):
        return _eu_vat()
    from stdnum import get_cc_module

    return get_cc_module(country.lower(), _KIND_BY_COUNTRY.get(country, "vat"))


def validate_tax_id(value: str, country: str) -> str:
    """Validate a tax ID for its country and return it in the form printed on invoices.

    EU VAT numbers get their country prefix (``DE136695976``). A country without a rule
    accepts any text (trimmed). An empty value stays empty: whether one is required is
    the caller's decision.

    Raises:
        ValueError: the value breaks the country's rule; the message says which.
    """
    value = value.strip()
    if not value:
        return ""
    rule = tax_id_rule(country)
    if rule is None:
        return value
    prefix = _eu_prefix(country.upper())
    if prefix and not value.upper().replace(" ", "").startswith(prefix):
        value = prefix + value
    try:
        compact: str = rule.validate(value)
    except _validation_error() as error:
        elsewhere = _valid_elsewhere(value, country)
        if elsewhere:
            raise ValueError(
                f"This is a {elsewhere} VAT number, not a "
                f"{_ADJECTIVES.get(country.upper(), _country_name(country))} one: "
                "check the country."
            ) from None
        raise ValueError(f"Not a valid {_rule_name(rule)}: {error}") from None
    if prefix:
        return compact
    formatted: str = rule.format(compact) if hasattr(rule, "format") else compact
    return formatted


def _valid_elsewhere(value: str, country: str) -> str:
    """The adjective of the EU country whose VAT rule ``value`` passes, if not ``country``'s.

    A valid French number typed under Germany deserves "this is a French VAT number",
    not "invalid": the person picked the wrong country, not the wrong number.
    """
    compact = value.upper().replace(" ", "")
    own = _eu_prefix(country.upper()) or country.upper()
    if compact.startswith(own) and len(own) == 2:
        compact = compact[2:]  # the prefix added for the chosen country
    for candidate in _eu_vat().guess_country(compact):
        code = candidate.upper()
        if code not in (country.upper(), own):
            return _ADJECTIVES.get(code, _country_name(code))
    return ""


def _country_name(code: str) -> str:
    import pycountry

    found = pycountry.countries.get(alpha_2="GR" if code == "EL" else code)
    return str(found.name) if found is not None else code


# How "a ... VAT number" reads for the EU member states.
_ADJECTIVES = {
    "AT": "Austrian", "BE": "Belgian", "BG": "Bulgarian", "CY": "Cypriot", "CZ": "Czech",
    "DE": "German", "DK": "Danish", "EE": "Estonian", "EL": "Greek", "GR": "Greek",
    "ES": "Spanish", "FI": "Finnish", "FR": "French", "HR": "Croatian", "HU": "Hungarian",
    "IE": "Irish", "IT": "Italian", "LT": "Lithuanian", "LU": "Luxembourgish", "LV": "Latvian",
    "MT": "Maltese", "NL": "Dutch", "PL": "Polish", "PT": "Portuguese", "RO": "Romanian",
    "SE": "Swedish", "SI": "Slovenian", "SK": "Slovak", "XI": "Northern Irish",
}  # fmt: skip


def _eu_prefix(country: str) -> str:
    if country.lower() not in _eu_vat().MEMBER_STATES:
        return ""
    return _EU_PREFIX.get(country, country)


def _rule_name(rule: Any) -> str:
    """The short name a rule's documentation opens with, e.g. "EIN" or "VAT"."""
    first_line = (rule.__doc__ or "tax ID").strip().splitlines()[0]
    return first_line.split(" (")[0].rstrip(".")


# Countries outside the EU whose python-stdnum "vat" rule is a VAT registration number
# (elsewhere the rule checks a general taxpayer or company number, e.g. Russia's INN).
_VAT_MODULE_NAMES = frozenset({"vat", "mva"})


def vat_identifier(tax_id: str, country: str) -> str | None:
    """The tax ID as a VAT identifier with its country prefix, or None if it is no VAT number.

    An EU VAT ID keeps its prefix; a UK, Swiss or Norwegian VAT number gets its country
    code in front when it was recorded without (``123456789`` in GB -> ``GB123456789``).
    A US EIN, a Russian INN or any other taxpayer number is no VAT identifier.
    """
    compact = tax_id.replace(" ", "").replace(".", "").replace("-", "").upper()
    if not compact:
        return None
    if compact[:2] in {_EU_PREFIX.get(c.upper(), c.upper()) for c in _eu_vat().MEMBER_STATES}:
        return compact if any(ch.isdigit() for ch in compact) else None
    code = country.upper()
    rule = _rule(code) if code else None
    if rule is None or rule.__name__.rsplit(".", 1)[-1] not in _VAT_MODULE_NAMES:
        return None
    try:
        valid: str = rule.validate(tax_id)
    except _validation_error():
        return None
    valid = valid.upper()
    return valid if valid.startswith(code) else f"{code}{valid}"
