"""Reading an amount a person typed, exactly, or refusing it: never a guess.

"1,25" may be one and a quarter (a decimal comma) or a mistyped "125"; "1.250,00" and
"1,250.00" are the same amount in two conventions; "1,250" is a thousand and a quarter
in one and one and a quarter in the other. An amount is read with one convention, the
user's (the command line's is the decimal point and comma groups; the window's is the
locale's, as it shows amounts), and whatever does not fit it exactly is refused with a
message saying how to write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Spaces of every width group thousands in many locales; they can never be a decimal sign.
_SPACES = " \u00a0\u202f\u2009"
# An amount may have up to this many digits before the decimal sign: 10^15 in minor units
# of a three-decimal currency still fits the database's 64-bit integers.
MAX_WHOLE_DIGITS = 15
MAX_DECIMALS = 10
_NUMBER_CHARACTERS = re.compile(f"[0-9.,'{_SPACES}]+")


@dataclass(frozen=True)
class NumberFormat:
    """How numbers are written: the decimal sign and the thousands separator."""

    decimal_point: str = "."
    group_separator: str = ","

    def example(self) -> str:
        """Twelve hundred and fifty written in this format."""
        return f"1{self.group_separator}250{self.decimal_point}00"


POINT_FORMAT = NumberFormat()


class AmountError(ValueError):
    """Text that is not an amount, or not unambiguously one; the message says why."""


def parse_amount(text: str, what: str = "The amount", fmt: NumberFormat = POINT_FORMAT) -> Decimal:
    """Read ``text`` as an exact decimal number written in ``fmt``.

    Accepted: digits with an optional sign, one decimal sign, and thousands separators
    (``fmt``'s or spaces) between groups of exactly three digits. Refused: anything else,
    including exponents ("1e309"), "NaN", more than MAX_WHOLE_DIGITS whole digits, and a
    single separator followed by exactly three digits and no decimal sign ("1,250"),
    which other conventions read as a decimal.

    Raises:
        AmountError: the message names ``what`` and shows how to write the amount.
    """
    typed = text.strip()
    body = typed.lstrip("+-")
    if not body:
        raise AmountError(f"{what} is required.")
    if len(typed) - len(body) > 1 or not _NUMBER_CHARACTERS.fullmatch(body):
        raise AmountError(f"{what} must be a number, not '{typed}' (e.g. {fmt.example()}).")
    whole, point, fraction = body.partition(fmt.decimal_point)
    groups = re.split(f"[{re.escape(fmt.group_separator + _SPACES)}]", whole)
    if not _well_grouped(whole, groups, bool(point)) or not _digits(fraction) or point == body:
        raise AmountError(_unclear(typed, what, fmt))
    digits = "".join(groups) or "0"
    if len(digits.lstrip("0")) > MAX_WHOLE_DIGITS:
        raise AmountError(
            f"{what} is too large: at most {MAX_WHOLE_DIGITS} digits before decimals."
        )
    if len(fraction) > MAX_DECIMALS:
        raise AmountError(f"{what} has too many decimals: at most {MAX_DECIMALS}.")
    sign = "-" if typed.startswith("-") else ""
    return Decimal(f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}")


def _well_grouped(whole: str, groups: list[str], has_point: bool) -> bool:
    """Whether the whole part is digits in groups of three after the first (of 1 to 3).

    One separator other than a space, before exactly three digits and no decimals, is
    ambiguous ("1,250"), and so not well grouped.
    """
    if not all(map(_digits, groups)):
        return False
    if len(groups) == 1:
        return True
    if not 1 <= len(groups[0]) <= 3 or any(len(group) != 3 for group in groups[1:]):
        return False
    return has_point or len(groups) > 2 or whole[len(groups[0])] in _SPACES


def _digits(text: str) -> bool:
    """Only ASCII digits (other scripts' digits are refused, never half read); "" passes."""
    return all("0" <= ch <= "9" for ch in text)


def _unclear(typed: str, what: str, fmt: NumberFormat) -> str:
    return (
        f"{what} '{typed}' is not clear: write the decimals after '{fmt.decimal_point}' and "
        f"'{fmt.group_separator}' only between thousands, like {fmt.example()} "
        f"(or without separators: 1250{fmt.decimal_point}00)."
    )
