"""The certificate domain: keyed verification codes, QR payloads and paper sizes."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from ptf_desktop.domain.certificates import (
    CertificateContent,
    CertificateDocument,
    PageSize,
    canonical_content,
    content_from_canonical,
    new_certificate_key,
    normalize_code,
    page_size_for_country,
    parse_qr_payload,
    qr_payload,
    verification_code,
    verify_code,
)

KEY = bytes(range(32))


def make_content(**changes: object) -> CertificateContent:
    content = CertificateContent(
        number="CERT-2027-00042",
        legal_name="Müller & Söhne Maschinenbau AG",
        tier="General",
        term_start=date(2027, 1, 1),
        term_end=date(2027, 12, 31),
        issue_date=date(2027, 1, 15),
        signatory_name="Ada Lovelace",
        signatory_title="Executive Director",
        foundation_name="PyTorch Foundation",
        country="DE",
    )
    return replace(content, **changes)  # type: ignore[arg-type]


def test_same_content_gives_the_same_code_in_the_printed_form() -> None:
    code = verification_code(make_content(), KEY)
    assert code == verification_code(make_content(), KEY)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}", code)
    assert verify_code(make_content(), code, KEY)


@pytest.mark.parametrize(
    "change",
    [
        {"number": "CERT-2027-00043"},
        {"legal_name": "Müller & Söhne Maschinenbau GmbH"},
        {"legal_name": "Müller & Söhne Maschinenbau AG "},
        {"tier": "Premier"},
        {"term_start": date(2026, 1, 1)},
        {"term_end": date(2028, 12, 31)},
        {"issue_date": date(2027, 1, 16)},
        {"signatory_name": "Grace Hopper"},
        {"signatory_title": "Chair"},
        {"foundation_name": "PyTorch Foundation Inc."},
        {"country": "AT"},
    ],
)
def test_altered_content_does_not_verify(change: dict[str, object]) -> None:
    code = verification_code(make_content(), KEY)
    assert not verify_code(make_content(**change), code, KEY)


def test_another_key_gives_another_code_and_short_keys_are_refused() -> None:
    code = verification_code(make_content(), KEY)
    other = new_certificate_key()
    assert len(other) == 32
    assert verification_code(make_content(), other) != code
    assert not verify_code(make_content(), code, other)
    with pytest.raises(ValueError, match="at least 16 bytes"):
        verification_code(make_content(), b"short")


def test_typed_codes_are_normalized_but_wrong_codes_fail() -> None:
    code = verification_code(make_content(), KEY)
    typed = code.replace("-", " ").lower().replace("0", "o").replace("1", "l")
    assert normalize_code(typed) == code
    assert verify_code(make_content(), typed, KEY)
    wrong = ("0" if code[0] != "0" else "1") + code[1:]
    assert not verify_code(make_content(), wrong, KEY)
    assert not verify_code(make_content(), code[:-1], KEY)
    assert not verify_code(make_content(), "", KEY)


def test_every_tricky_name_round_trips_through_the_canonical_form(
    tricky_names: list[str],
) -> None:
    codes = set()
    for name in tricky_names:
        content = make_content(legal_name=name)
        text = canonical_content(content)
        assert text.isascii()
        assert content_from_canonical(text) == content
        codes.add(verification_code(content, KEY))
    assert len(codes) == len(tricky_names)


def test_non_canonical_or_foreign_text_is_refused() -> None:
    text = canonical_content(make_content())
    with pytest.raises(ValueError, match="canonical"):
        content_from_canonical(text.replace(",", ", ", 1))
    with pytest.raises(ValueError, match="Not a certificate content"):
        content_from_canonical('{"version": 1}')
    with pytest.raises(ValueError, match="Not a certificate content"):
        content_from_canonical("not json")


def test_qr_payload_round_trips_and_foreign_payloads_are_refused() -> None:
    document = CertificateDocument(make_content(), verification_code(make_content(), KEY))
    assert document.qr_payload == f"PTF-CERT:CERT-2027-00042:{document.code}"
    assert parse_qr_payload(document.qr_payload) == ("CERT-2027-00042", document.code)
    assert qr_payload("C-1", "X") == "PTF-CERT:C-1:X"
    for foreign in ("https://example.invalid", "PTF-CERT:a:b", "PTF-CERT:A:B:C", "XX:A:B"):
        with pytest.raises(ValueError, match="Not a certificate QR code"):
            parse_qr_payload(foreign)


def test_content_refuses_bad_numbers_empty_names_and_reversed_terms() -> None:
    with pytest.raises(ValueError, match="upper-case letters"):
        make_content(number="cert:1")
    with pytest.raises(ValueError, match="legal name"):
        make_content(legal_name="  ")
    with pytest.raises(ValueError, match="ends before it starts"):
        make_content(term_end=date(2026, 12, 31))


@pytest.mark.parametrize(
    ("country", "size"),
    [("US", PageSize.LETTER), ("ca", PageSize.LETTER), ("MX", PageSize.LETTER)]
    + [("PH", PageSize.LETTER), ("DE", PageSize.A4), ("JP", PageSize.A4), ("", PageSize.A4)],
)
def test_paper_follows_the_members_country(country: str, size: PageSize) -> None:
    assert page_size_for_country(country) == size
    assert make_content(country=country.upper()).page_size == size
