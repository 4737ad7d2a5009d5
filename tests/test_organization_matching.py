"""Matching an incoming organization to the register: tax ID, then name and country, then domain."""

from __future__ import annotations

import uuid

import pytest

from ptf_desktop.services.register.matching import (
    Matchable,
    Matcher,
    MatchRule,
    domain_key,
    name_key,
    tax_id_key,
)


def org(
    name: str, country: str = "DE", vat_id: str = "", website: str = "", legal: str = ""
) -> Matchable:
    return Matchable(uuid.uuid4(), name, legal, country, vat_id, website)


def incoming(name: str, country: str = "DE", vat_id: str = "", website: str = "") -> Matchable:
    return Matchable(None, name, "", country, vat_id, website)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Müller & Söhne Maschinenbau AG", "MULLER AND SOHNE MASCHINENBAU"),
        ("Acme GmbH", "acme"),
        ("Acme, Inc.", "ACME Incorporated"),
        ("Société Générale d'Électricité S.A.", "societe generale d electricite"),
        ("Acme Co., Ltd.", "Acme"),
        ("İstanbul Teknik Üniversitesi", "istanbul teknik universitesi"),
        ("Яндекс ООО", "ЯНДЕКС"),
        ("삼성전자 주식회사", "삼성전자"),
        ("株式会社プリファードネットワークス", "プリファードネットワークス"),
        ("ＡＣＭＥ　Ｒｏｂｏｔｉｃｓ", "Acme Robotics"),  # full-width forms (NFKC)
        ("   Leading and trailing spaces   ", "Leading and trailing spaces"),
    ],
)
def test_names_that_are_the_same_have_the_same_key(first: str, second: str) -> None:
    assert name_key(first) == name_key(second) != ""


def test_signs_of_indic_scripts_are_letters_not_accents() -> None:
    # In Devanagari a vowel sign is part of the word: dropping it would make बॉम्बे "बम्ब".
    assert name_key("भारतीय प्रौद्योगिकी संस्थान बॉम्बे") == "भारतीय प्रौद्योगिकी संस्थान बॉम्बे"
    assert name_key("बॉम्बे") != name_key("बम्ब")


def test_every_tricky_name_keeps_a_key_and_matches_itself(tricky_names: list[str]) -> None:
    register = [org(name) for name in tricky_names]
    matcher = Matcher(register)
    for name, existing in zip(tricky_names, register, strict=True):
        assert name_key(name), name
        found = matcher.match(incoming(name))
        assert found is not None and found.organization == existing, name
        assert found.rule is MatchRule.NAME_AND_COUNTRY
    keys = {name_key(name) for name in tricky_names}
    assert len(keys) == len(set(tricky_names)), "two different tricky names share a key"


def test_a_name_that_is_only_a_legal_form_keeps_it() -> None:
    assert name_key("Company") == "company"


@pytest.mark.parametrize(
    ("first", "second", "country"),
    [
        ("DE 136 695 976", "DE136695976", "DE"),
        ("136695976", "de136695976", "DE"),
        ("EL 094259216", "094259216", "GR"),
        ("46-0825839", "460825839", "US"),
    ],
)
def test_tax_ids_compare_without_separators_or_prefix(
    first: str, second: str, country: str
) -> None:
    assert tax_id_key(first, country) == tax_id_key(second, country) != ""


def test_tax_ids_of_different_countries_differ() -> None:
    assert tax_id_key("123456789", "DE") != tax_id_key("123456789", "AT")
    assert tax_id_key("", "DE") == ""


@pytest.mark.parametrize(
    ("website", "key"),
    [
        ("https://www.Example.com/about", "example.com"),
        ("example.com", "example.com"),
        ("http://EXAMPLE.com.", "example.com"),
        ("https://github.com/pytorch", "github.com/pytorch"),
        ("github.com", ""),
        ("localhost", ""),
        ("", ""),
    ],
)
def test_website_domains(website: str, key: str) -> None:
    assert domain_key(website) == key


def test_rules_apply_in_order_tax_id_then_name_then_domain() -> None:
    by_tax = org("Alpha", vat_id="DE136695976")
    by_name = org("Beta GmbH", website="beta.example")
    by_domain = org("Gamma", website="https://www.gamma.example")
    matcher = Matcher([by_tax, by_name, by_domain])

    found = matcher.match(incoming("Beta", vat_id="DE 136 695 976"))
    assert found is not None and (found.organization, found.rule) == (by_tax, MatchRule.TAX_ID)
    found = matcher.match(incoming("BETA", website="gamma.example"))
    assert found is not None
    assert (found.organization, found.rule) == (by_name, MatchRule.NAME_AND_COUNTRY)
    found = matcher.match(incoming("Gamma Europe", website="http://gamma.example/contact"))
    assert found is not None
    assert (found.organization, found.rule) == (by_domain, MatchRule.WEBSITE_DOMAIN)


def test_the_same_name_in_another_country_is_another_organization() -> None:
    matcher = Matcher([org("Acme GmbH", country="DE")])
    assert matcher.match(incoming("Acme", country="AT")) is None


def test_the_legal_name_matches_too() -> None:
    existing = org("PyTorch Shop", legal="Acme Robotics GmbH")
    found = Matcher([existing]).match(incoming("Acme Robotics"))
    assert found is not None and found.organization == existing


def test_a_record_never_matches_itself() -> None:
    existing = org("Acme")
    assert Matcher([existing]).match(existing) is None
