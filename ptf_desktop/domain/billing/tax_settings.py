"""Tax and document settings: default tax, exemption and reverse-charge wording, Factur-X.

The foundation is a US non-profit, so the default is no tax. The wording printed under
the totals depends on the buyer: "Reverse charge" for a buyer with an EU VAT ID when the
setting is on and no tax was charged, the exemption wording otherwise when no tax was
charged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from ..errors import ValidationError
from ..validation import clean_changes
from .lines import MAX_TAX_RATE, parse_decimal

# EU member states, by the prefix their VAT IDs carry (Greece uses EL).
EU_VAT_PREFIXES = frozenset(
    "AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)
DEFAULT_REVERSE_CHARGE_WORDING = (
    "Reverse charge: VAT to be accounted for by the recipient "
    "(Article 196, Council Directive 2006/112/EC)."
)
DEFAULT_EXEMPTION_WORDING = ""
# Printed (and given as the e-invoice's exemption reason) for 0% lines when the setting
# is empty: the document and its XML must say the same.
DEFAULT_EXEMPTION_REASON = "No VAT or sales tax charged: exempt."


@dataclass(frozen=True)
class DocumentSettings:
    """How documents are taxed and what they carry.

    Attributes:
        default_tax_rate: percent applied to new lines (0: no tax).
        tax_exemption_wording: printed when no tax is charged ("" prints nothing).
        reverse_charge_wording: printed for EU VAT-registered buyers when enabled.
        reverse_charge_enabled: whether reverse-charge wording is used at all.
        facturx_enabled: whether invoices carry embedded Factur-X XML.
    """

    default_tax_rate: Decimal = Decimal(0)
    tax_exemption_wording: str = DEFAULT_EXEMPTION_WORDING
    reverse_charge_wording: str = DEFAULT_REVERSE_CHARGE_WORDING
    reverse_charge_enabled: bool = False
    facturx_enabled: bool = True


DOCUMENT_SETTING_LABELS = {
    "default_tax_rate": "Default tax rate (%)",
    "tax_exemption_wording": "Tax exemption wording",
    "reverse_charge_wording": "Reverse charge wording",
    "reverse_charge_enabled": "Reverse charge for EU VAT IDs",
    "facturx_enabled": "Embed Factur-X XML in invoices",
}


def validate_document_settings(
    base: DocumentSettings, changes: Mapping[str, Any]
) -> DocumentSettings:
    """Apply changed document settings, validating each.

    Raises:
        ValidationError: one message per refused field; nothing is applied.
    """
    cleaned, errors = clean_changes(changes, DOCUMENT_SETTING_LABELS, _clean, "document settings")
    if errors:
        raise ValidationError(errors)
    return replace(base, **cleaned)


def _clean(name: str, raw: Any) -> Any:
    if name == "default_tax_rate":
        rate = parse_decimal(raw, "The tax rate")
        if not 0 <= rate <= MAX_TAX_RATE or rate != rate.quantize(Decimal("0.01")):
            raise ValueError("The tax rate is a percentage between 0 and 100, 2 decimals.")
        return rate.normalize() if rate else Decimal(0)
    if name in ("reverse_charge_enabled", "facturx_enabled"):
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ValueError("Use yes or no.")
    text = str(raw).strip()
    if len(text) > 500:
        raise ValueError("At most 500 characters.")
    return text


def is_eu_vat_id(vat_id: str) -> bool:
    """Whether a VAT ID carries the prefix of an EU member state (e.g. DE123456789)."""
    compact = vat_id.replace(" ", "").upper()
    return len(compact) > 2 and compact[:2] in EU_VAT_PREFIXES


def tax_note(settings: DocumentSettings, buyer_vat_id: str, has_zero_rate: bool) -> str:
    """The wording printed under the totals for the lines taxed at 0% ("" when none are).

    A document with lines at 0% says why, also when other lines are taxed (a mixed
    19% + 0% invoice): the reverse-charge wording for an EU VAT-registered buyer when
    the setting is on, else the exemption wording (or a plain default) — the same
    reason the e-invoice gives for its category AE or E.
    """
    if not has_zero_rate:
        return ""
    if settings.reverse_charge_enabled and is_eu_vat_id(buyer_vat_id):
        return settings.reverse_charge_wording
    return settings.tax_exemption_wording or DEFAULT_EXEMPTION_REASON
