"""Shortcuts the CSV import takes in validation: each gives the answers the long way gives."""

from __future__ import annotations

import re
import unicodedata

import pytest
from email_validator import EmailNotValidError, validate_email

from ptf_desktop.domain.organizations import normalized_name
from ptf_desktop.domain.validation import email_address

ADDRESSES = [
    "ada@example.org",
    "Ada.Lovelace@Example.ORG",
    "billing+ptf@accounts.example.co.uk",
    "kontakt@münchen.de",
    "用户@例子.广告",
    "postmaster@EXAMPLE.com",
    "no-at-sign.example.org",
    "",
    "two@@example.org",
    "space in@example.org",
    "a@exa mple.org",
    "a@exam_ple.org",
    "a@example",
    "a@-example.org",
    "a@ex\u200bample.org",
    "a@ex\u00adample.org",
    "a@example\uff0eorg",
    "a@xn--80ak6aa92e.com",
    "a@ab--cd.org",
    "a@" + "x" * 64 + ".org",
]


def _the_long_way(address: str) -> tuple[str, str]:
    try:
        return validate_email(address.strip(), check_deliverability=False).normalized, ""
    except EmailNotValidError as error:
        return "", str(error)


def _ours(address: str) -> tuple[str, str]:
    try:
        return email_address(address), ""
    except ValueError as error:
        return "", str(error).removeprefix("Not a valid e-mail address: ")


@pytest.mark.parametrize("address", ADDRESSES)
def test_email_answers_are_email_validators_and_stay_so_when_asked_again(address: str) -> None:
    expected = _the_long_way(address)
    assert _ours(address) == expected
    assert _ours(address) == expected  # the second answer comes from memory


def test_the_remembered_character_check_answers_as_the_librarys_own() -> None:
    from email_validator import syntax

    email_address("warm-up@example.org")  # installs the remembering check
    check = syntax.uts46_valid_char
    original = check.__wrapped__
    characters = [chr(code) for code in range(0x20, 0x3000)] + ["\U0001bca0", "\U0001f600"]
    assert [check(c) for c in characters] == [original(c) for c in characters]
    assert [check(c) for c in characters] == [original(c) for c in characters]


def _normalized_the_long_way(name: str) -> str:
    from ptf_desktop.domain import organizations

    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("&", " and ").replace(".", "")
    text = re.sub(r"[^\w\s]", " ", text)
    text = organizations._LEGAL_SUFFIXES.sub(" ", text)
    return " ".join(text.split())


def test_normalized_names_of_ascii_and_other_names_are_as_before(tricky_names: list[str]) -> None:
    names = [*tricky_names, "AT&T Inc.", "Acme, S.A.", "Straße GmbH", "\u212aelvin Ltd", "ｆｕｌｌ"]
    assert [normalized_name(name) for name in names] == [
        _normalized_the_long_way(name) for name in names
    ]
